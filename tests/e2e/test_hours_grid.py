"""The weekly hours grid end to end in Chromium: a consultant types hours into "Mina uppdrag"'s grid by
keyboard, saves, sees the success message and the row, week and grand totals; a bad cell is refused with its
message beside it and nothing saved; the hourly assignment gets its month's billing line."""
import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from assignments.models import Assignment, BillingLine, Consultant, HoursEntry
from tests.factories import AssignmentFactory, package

from .conftest import axe_violations, login


def assert_no_violations(page):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]


@pytest.mark.django_db(transaction=True)
def test_a_consultant_enters_hours_in_the_grid_saves_and_sees_the_totals(page, live_server, consultant_user):
    karin = Consultant.objects.get(user=consultant_user)
    rektor = AssignmentFactory(lead_consultant=karin, role_title="Rektor", ordered_on=dt.date(2025, 9, 1),
                               status="selection", hours=Decimal(10))
    ovrig = AssignmentFactory(lead_consultant=karin, role_title="HR-stöd", ordered_on=dt.date(2025, 9, 1),
                              status="selection", package=package("OVRIG"))
    with time_machine.travel(dt.datetime(2025, 11, 26, 9, 0), tick=True):   # Wednesday, week 48
        login(page, live_server, "konsult")
        page.wait_for_url(f"{live_server.url}/uppdrag/mina/")
        grid = page.get_by_role("region", name="Timmar per vecka, rulla i sidled")
        # keyboard only: focus the first cell through its label, then Tab along the row
        grid.get_by_label(f"Timmar vecka 47, {rektor.reference} Rektor").fill("7,5")
        page.keyboard.press("Tab")
        page.keyboard.type("2,25")
        assert grid.get_by_label(f"Timmar vecka 48, {rektor.reference} Rektor").input_value() == "2,25"
        grid.get_by_label(f"Timmar vecka 48, {ovrig.reference} HR-stöd").fill("4")
        assert_no_violations(page)
        grid.get_by_label(f"Timmar vecka 48, {ovrig.reference} HR-stöd").press("Enter")  # submits the form
        page.get_by_text("Timmarna är sparade.").wait_for()
        grid = page.get_by_role("region", name="Timmar per vecka, rulla i sidled")
        rows = grid.locator("tbody tr")
        assert rows.nth(0).locator('[data-total="row"]').inner_text() == "9,75"
        assert rows.nth(1).locator('[data-total="row"]').inner_text() == "4"
        assert grid.locator('[data-total="week"]').all_inner_texts() == ["0", "0", "0", "7,5", "6,25"]
        assert grid.locator('[data-total="all"]').inner_text() == "13,75"
        assert Assignment.objects.get(pk=rektor.pk).hours == Decimal("19.75")   # 10 imported + 9.75
        line = BillingLine.objects.get(assignment=ovrig, hours_month=dt.date(2025, 11, 1))
        assert (line.quantity, line.amount) == (Decimal(4), Decimal("3480.00"))  # 4 h x 870 kr

        # a bad cell: its message beside it, nothing saved
        grid.get_by_label(f"Timmar vecka 46, {rektor.reference} Rektor").fill("3")
        grid.get_by_label(f"Timmar vecka 47, {rektor.reference} Rektor").fill("7,1")
        page.get_by_role("button", name="Spara timmar").click()
        page.get_by_text("Inget sparades: rätta de markerade rutorna.").wait_for()
        bad = page.get_by_label(f"Timmar vecka 47, {rektor.reference} Rektor")
        assert bad.get_attribute("aria-invalid") == "true"
        assert page.locator(f"#{bad.get_attribute('aria-describedby')}").inner_text() == \
            "Ange timmar i hela kvartar (till exempel 1,25 eller 7,5)."
        assert HoursEntry.objects.filter(assignment=rektor).count() == 2
        assert_no_violations(page)

        # earlier weeks by the arrow
        page.get_by_role("link", name="Tidigare veckor").click()
        page.wait_for_url("**/uppdrag/mina/?vecka=2025-10-20#timmar")
        assert page.get_by_label(f"Timmar vecka 43, {rektor.reference} Rektor").input_value() == ""
