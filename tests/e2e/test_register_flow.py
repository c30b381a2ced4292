"""A coordinator registers an assignment in the browser; the consultant takes it to a close with a hire."""
import re

import pytest

from assignments.models import Assignment, Status
from tests.factories import ContactFactory, OrganisationFactory

from .conftest import axe_violations, login


def assert_no_violations(page):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]


def field(page, label):
    """A form field by its label; crispy marks required fields with an asterisk."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def log_out(page):
    toggle = page.get_by_role("button", name="Visa meny")
    if toggle.is_visible():
        toggle.click()
    page.get_by_role("button", name="Logga ut").click()


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_registers_and_a_consultant_closes_with_a_hire(page, live_server, coordinator,
                                                                    consultant_user):
    org = OrganisationFactory(name="Norrmalms stadsdelsförvaltning", kind="stadsdelsforvaltning")
    ContactFactory(organisation=org, name="Nina Norrmalm")
    ContactFactory(organisation=OrganisationFactory(name="Trafikkontoret"), name="Olle Annan")

    login(page, live_server, "koordinator")
    page.wait_for_url(f"{live_server.url}/uppdrag/")
    assert_no_violations(page)
    page.get_by_role("link", name="Registrera uppdrag").click()
    page.wait_for_url("**/uppdrag/nytt/")
    assert_no_violations(page)
    # customer, hiring manager and consultant are type-aheads (tests/e2e/test_typeahead.py)
    field(page, "Kund").press_sequentially("norrmalm")
    page.get_by_role("option", name="Norrmalms stadsdelsförvaltning").click()
    field(page, "Rekryterande chef").press_sequentially("nina")
    page.get_by_role("option", name="Nina Norrmalm (Norrmalms stadsdelsförvaltning)").click()
    field(page, "Sektor").select_option(label="Äldreomsorg")
    field(page, "Befattning").fill("Enhetschef hemtjänst")
    field(page, "Nivå").select_option(label="Chef")
    field(page, "Ansvarig konsult").press_sequentially("karin")
    page.get_by_role("option", name="Karin Konsult").click()
    field(page, "Paket").select_option(label="Rekrytering chef")
    page.get_by_role("button", name="Registrera").click()
    page.wait_for_url(re.compile(r".*/uppdrag/\d{4}-\d{4}/$"))
    reference = Assignment.objects.get().reference
    assert page.get_by_role("heading", level=1).inner_text().startswith(reference)
    assert "34" in page.locator("#invoiced-total").inner_text()
    log_out(page)

    login(page, live_server, "konsult")
    page.wait_for_url(f"{live_server.url}/uppdrag/mina/")
    assert_no_violations(page)
    row = page.locator(f"#row-{reference}")
    for label in ["Uppstartsmöte", "Intervjuer", "Referenser"]:
        row.get_by_label("Ny status").select_option(label=label)
        row.get_by_role("button", name=f"Ändra status för {reference}").click()
        page.get_by_text(f"{reference} har status {label}.").wait_for()
        row = page.locator(f"#row-{reference}")
        assert label in row.locator(".current-status").inner_text()

    row.get_by_label("Ny status").select_option(label="Avslutat med tillsättning")
    row.get_by_text("Avslutas med tillsättning? Ange vem som tillsattes").click()
    row.get_by_label("Tillsatt kandidat (namn)").fill("Sara Svensson")
    row.get_by_label("Kandidatens e-post").fill("sara.svensson@example.se")
    row.get_by_label("Startdatum").fill("2026-09-01")
    row.get_by_role("button", name=f"Ändra status för {reference}").click()
    page.get_by_text(f"{reference} har status Avslutat med tillsättning.").wait_for()
    assert page.locator(f"#row-{reference}").count() == 0

    page.get_by_role("link", name=reference).click()
    page.wait_for_url(f"**/uppdrag/{reference}/")
    assert page.locator(".status-badge").inner_text() == "Avslutat med tillsättning"
    assert_no_violations(page)
    hire_row = page.locator(".hire-row")
    assert "Sara Svensson" in hire_row.inner_text()
    assert "2026-09-01" in hire_row.inner_text()
    assert Assignment.objects.get().status == Status.CLOSED_HIRED
