"""Invoicing end to end in Chromium: a coordinator previews a month, confirms it, downloads the Excel basis
(opened with openpyxl) and finds the line locked on the assignment's page."""
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from assignments import services
from assignments.models import BillingLine, Status
from billing.models import InvoiceBasis
from tests.factories import AssignmentFactory

from .conftest import axe_violations, login
from .test_register_flow import field


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_runs_a_month_downloads_the_excel_and_sees_the_line_locked(page, live_server, coordinator):
    assignment = AssignmentFactory(status=Status.CLOSED_HIRED, closed_on=dt.date(2025, 5, 20),
                                   role_title="Förskollärare Solrosen")
    services.billing_package_line_set(assignment=assignment)
    line = BillingLine.objects.get(assignment=assignment)
    login(page, live_server, coordinator.username)
    page.goto(f"{live_server.url}/fakturering/")
    field(page, "Månad").fill("2025-05")
    page.get_by_role("button", name="Visa").click()
    page.get_by_role("heading", name="Att fakturera för 2025-05").wait_for()
    assert page.get_by_role("link", name=assignment.reference).count() == 1
    assert "Kostnadsställe saknas för" in page.content()
    assert axe_violations(page) == []

    page.get_by_role("button", name="Bekräfta och lås raderna").click()
    page.get_by_text("är bekräftat").wait_for()
    basis = InvoiceBasis.objects.get()
    assert page.url == f"{live_server.url}/fakturering/underlag/{basis.pk}/"
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel").click()
    with open(download.value.path(), "rb") as file:  # the download has no .xlsx name of its own
        book = load_workbook(io.BytesIO(file.read()))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[1][:4] == ("organisation", "cost_centre", "reference", "assignment")
    assert rows[2][0] == assignment.organisation.name and rows[2][3] == assignment.reference
    assert Decimal(str(rows[2][7])) == line.amount

    page.goto(f"{live_server.url}/uppdrag/{assignment.reference}/")
    billing = page.get_by_role("region", name="Fakturering")
    assert billing.get_by_text(f"I fakturaunderlag ({basis})").count() == 1
    assert page.get_by_text("Fakturerad", exact=True).count() == 1  # the badge on the locked line
    assert BillingLine.objects.get(pk=line.pk).locked
