"""Reference pages in real Chromium at 360 px: a coordinator adds a price; axe finds no violations."""
from decimal import Decimal

import pytest

from assignments.models import PackagePrice
from tests.e2e.conftest import (  # noqa: F401  (fixtures)
    axe_violations,
    browser_context_args,
    browser_type_launch_args,
    login,
    phone_page,
)
from tests.factories import AssignmentFactory, package

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]


def test_a_coordinator_adds_a_price_and_reads_the_load_view_on_a_phone(phone_page, live_server, coordinator):  # noqa: F811
    AssignmentFactory(lead_consultant=coordinator.consultant)
    page = phone_page
    login(page, live_server, "koordinator")
    page.wait_for_url(f"{live_server.url}/uppdrag/**")

    page.goto(f"{live_server.url}/register/belastning/")
    page.get_by_role("table", name="Alla aktiva konsulter").wait_for()
    assert_accessible(page)

    page.goto(f"{live_server.url}/register/paket/")
    assert_accessible(page)
    page.get_by_role("link", name="STORA", exact=True).click()
    # the empty row of the price formset is the last one
    page.get_by_label("År").last.fill("2025")
    page.get_by_label("Pris (kr)").last.fill("1")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("Paketet har redan ett pris för år 2025.").wait_for()
    assert_accessible(page)

    page.get_by_label("År").last.fill("2026")
    page.get_by_label("Pris (kr)").last.fill("28000")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("Ändringarna är sparade.").wait_for()
    assert PackagePrice.objects.get(package=package("STORA"), year=2026).price_sek == Decimal("28000")
