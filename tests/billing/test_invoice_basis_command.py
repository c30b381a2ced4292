"""`invoice_basis` and `import_assignments --invoiced-until` on the sample register: the operator contract."""
import csv
import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from assignments import services
from assignments.importing import invoiced_until_default
from assignments.models import Assignment, BillingLine, Status
from billing.models import InvoiceBasis, InvoiceItem
from billing.services import invoice_basis_confirm
from tests.concurrent import run_in_threads
from tests.factories import AssignmentFactory

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "assignments.csv"
ROWS = list(csv.DictReader(SAMPLE.open(encoding="utf-8")))


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def by_assignment(report: dict) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for customer in report["customers"]:
        for line in customer["lines"]:
            totals[line["assignment"]] = totals.get(line["assignment"], Decimal(0)) + Decimal(line["amount"])
    return totals


@pytest.mark.django_db
def test_the_first_run_after_an_import_invoices_only_what_closed_since_and_a_second_run_adds_nothing():
    run("import_assignments", str(SAMPLE), "--create-consultants", "--invoiced-until", "2025-04-30")
    closed_in_may = {r["reference"]: Decimal(r["price_sek"]) for r in ROWS if r["price_sek"]
                     and r["status"] in ("closed_hired", "closed_not_hired") and r["closed_on"][:7] == "2025-05"}
    closed_before = {r["reference"] for r in ROWS if r["closed_on"] and r["closed_on"][:7] < "2025-05"}
    assert closed_in_may and closed_before
    opening = InvoiceBasis.objects.get(opening=True)
    assert {i.assignment_reference for i in opening.items.all()} <= closed_before

    first = json.loads(run("invoice_basis", "--month", "2025-05", "--confirm", "--format", "json"))
    assert set(first) == {"month", "customers", "total", "warnings"} and first["month"] == "2025-05"
    assert set(first["customers"][0]) == {"organisation", "cost_centre", "lines", "total"}
    assert set(first["customers"][0]["lines"][0]) == {"assignment", "text", "quantity", "unit_price", "amount"}
    got = by_assignment(first)
    assert {ref: got.get(ref) for ref in closed_in_may} == closed_in_may
    assert not set(got) & closed_before
    assert first["total"] == f"{sum(Decimal(c['total']) for c in first['customers']):.2f}"
    assert all(len(line["amount"].split(".")[1]) == 2 for c in first["customers"] for line in c["lines"])

    second = json.loads(run("invoice_basis", "--month", "2025-05", "--confirm", "--format", "json"))
    assert second["total"] == "0.00" and second["customers"] == []


@pytest.mark.django_db
def test_the_preview_changes_nothing_and_csv_has_a_row_per_line():
    assignment = AssignmentFactory(status=Status.CLOSED_HIRED, closed_on=dt.date(2025, 5, 9))
    services.billing_package_line_set(assignment=assignment)
    text = run("invoice_basis", "--month", "2025-05", "--format", "csv")
    rows = [line.split(";") for line in text.lstrip("\ufeff").splitlines()]
    assert rows[0][:4] == ["organisation", "cost_centre", "reference", "assignment"]
    assert [row[3] for row in rows[1:]] == [assignment.reference]
    assert not InvoiceItem.objects.exists()


@pytest.mark.django_db
def test_a_bad_month_is_refused():
    with pytest.raises(CommandError, match="ÅÅÅÅ-MM"):
        run("invoice_basis", "--month", "maj", "--format", "json")


def test_the_default_invoiced_until_is_the_last_day_of_the_previous_month():
    assert invoiced_until_default(dt.date(2026, 3, 15)) == dt.date(2026, 2, 28)
    assert invoiced_until_default(dt.date(2026, 1, 1)) == dt.date(2025, 12, 31)


@pytest.mark.django_db
def test_a_reimport_leaves_invoiced_lines_alone_and_says_so(tmp_path):
    run("import_assignments", str(SAMPLE), "--create-consultants", "--invoiced-until", "2025-04-30")
    row = next(r for r in ROWS if r["price_sek"] and r["closed_on"] and r["closed_on"][:7] < "2025-05")
    line = BillingLine.objects.get(assignment__reference=row["reference"])
    assert line.locked
    header, *lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    edited = [text.replace(f",{row['price_sek']},", ",1,", 1) if text.startswith(row["reference"] + ",") else text
              for text in lines]
    path = tmp_path / "reimport.csv"
    path.write_text("\n".join([header, *edited]) + "\n", encoding="utf-8")
    out = run("import_assignments", str(path), "--invoiced-until", "2025-04-30")
    assert "uppdraget är fakturerat" in out
    assert BillingLine.objects.get(pk=line.pk).unit_price == line.unit_price


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="two transactions at once need PostgreSQL")
def test_two_runs_of_a_month_at_once_invoice_each_line_once():
    assignments = [AssignmentFactory(status=Status.CLOSED_HIRED, closed_on=dt.date(2025, 5, 9)) for _ in range(20)]
    for assignment in assignments:
        services.billing_package_line_set(assignment=assignment)
    errors = run_in_threads(*[lambda: invoice_basis_confirm(month=dt.date(2025, 5, 1))] * 2)
    assert errors == []
    assert InvoiceItem.objects.count() == BillingLine.objects.count() == 20
    assert InvoiceBasis.objects.count() == 1  # the second found nothing new
    assert Assignment.objects.count() == 20
