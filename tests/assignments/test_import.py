"""Importing the old register: the sample files, idempotence, matching, billing, no survey signal."""
import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import Sum

from assignments import services
from assignments.importing import assignments_import
from assignments.models import (
    Assignment,
    BillingKind,
    BillingLine,
    Consultant,
    Contact,
    Organisation,
    Project,
    ReferenceCounter,
    StatusChange,
)
from tests.factories import ConsultantFactory, ContactFactory, OrganisationFactory, UserFactory

from .importing_helpers import SAMPLE, SAMPLE_BAD, csv_bytes, row

pytestmark = pytest.mark.django_db
PLAN_ORGANISATIONS = 4  # the administrations the business plans name, added by a migration


def run(data: bytes, *, create=True, dry_run=False, filename="fil.csv", by=None):
    return assignments_import(file=data, filename=filename, create_consultants=create, dry_run=dry_run, by=by)


@pytest.fixture
def konsult01(db):
    return ConsultantFactory(email="konsult01@rekrytering.example.se", name="Konsult Ett")


def test_it_imports_every_row_of_the_sample_file_and_creates_missing_consultants():
    report = run(SAMPLE.read_bytes())

    assert report.ok, report.error_lines
    assert Assignment.objects.count() == 248 == len(report.created)
    created = Consultant.objects.filter(email__startswith="konsult")
    assert created.count() == 12 == len(report.created_consultants)
    assert not created.filter(active=True).exists()
    assert not created.filter(user__isnull=False).exists()
    assert "Konsult07 <konsult07@rekrytering.example.se>" in report.created_consultants
    assert StatusChange.objects.count() == 248
    # every assignment bills the file's price_sek exactly
    billed = BillingLine.objects.aggregate(total=Sum("amount"))["total"]
    assert billed == sum(Decimal(line.split(",")[13]) for line in SAMPLE.read_text().splitlines()[1:])


def test_it_changes_nothing_when_the_same_file_is_imported_again():
    run(SAMPLE.read_bytes())
    counts = (Assignment.objects.count(), Assignment.history.count(), BillingLine.objects.count(),
              StatusChange.objects.count(), Contact.objects.count(), Organisation.objects.count())
    versions = dict(Assignment.objects.values_list("reference", "version"))

    report = run(SAMPLE.read_bytes())

    assert report.ok
    assert len(report.unchanged) == 248 and not report.created and not report.updated
    assert not report.created_consultants and report.created_contacts == 0
    assert counts == (Assignment.objects.count(), Assignment.history.count(), BillingLine.objects.count(),
                      StatusChange.objects.count(), Contact.objects.count(), Organisation.objects.count())
    assert versions == dict(Assignment.objects.values_list("reference", "version"))


def test_it_rejects_the_bad_file_naming_every_bad_row_and_column_and_writes_nothing():
    report = run(SAMPLE_BAD.read_bytes(), filename="assignments_bad.csv")

    assert not report.ok
    assert [(e.line, e.column) for e in report.errors] == [
        (37, "ordered_on"), (38, "package"), (39, "price_sek"), (40, "role_level")]
    assert report.error_lines[0] == "Rad 37, kolumn ordered_on: ogiltigt datum '2025-13-01' (ÅÅÅÅ-MM-DD)"
    assert "'NOPE'" in report.error_lines[1] and "'tolv'" in report.error_lines[2]
    assert Assignment.objects.count() == 0
    # only the administrations the business plans name (migration assignments 0013) are there
    assert Consultant.objects.count() == 0 and Organisation.objects.count() == PLAN_ORGANISATIONS


def test_it_rejects_a_file_missing_a_required_column():
    report = run(csv_bytes([row()], columns=[c for c in row() if c != "status"]))

    assert [str(e) for e in report.errors] == ["Rad 1, kolumn status: kolumnen saknas"]
    assert Assignment.objects.count() == 0


def test_it_refuses_an_unknown_consultant_unless_asked_to_create_one(konsult01):
    data = csv_bytes([row(), row(reference="2024-0002", consultant="slutat.person@rekrytering.example.se")])

    report = run(data, create=False)

    assert [(e.line, e.column) for e in report.errors] == [(3, "consultant")]
    assert Assignment.objects.count() == 0

    report = run(data, create=True)

    assert report.ok
    gone = Consultant.objects.get(email="slutat.person@rekrytering.example.se")
    assert (gone.name, gone.active, gone.user) == ("Slutat Person", False, None)
    assert report.created_consultants == ["Slutat Person <slutat.person@rekrytering.example.se>"]
    assert Assignment.objects.get(reference="2024-0001").lead_consultant == konsult01


def test_it_accepts_choice_spellings_without_swedish_letters_and_labels(konsult01):
    data = csv_bytes([row(organisation="Farsta stadsdelsförvaltning", organisation_kind="Stadsdelsforvaltning",
                          role_level="Högre chef", sector="Äldreomsorg", status="Avbrutet", personal_letter="JA")])

    report = run(data)

    assert report.ok, report.error_lines
    a = Assignment.objects.get()
    assert (a.organisation.kind, a.role_level, a.sector, a.status, a.personal_letter) == (
        "stadsdelsforvaltning", "hogre_chef", "aldreomsorg", "cancelled", True)


def test_it_lists_every_bad_choice_and_flag(konsult01):
    data = csv_bytes([row(organisation_kind="kommun", sector="skog", status="klart", screening="kanske",
                          closed_on="2024-02-01", hours="3,125", applicants="4.5")])

    report = run(data)

    assert {e.column for e in report.errors} == {
        "organisation_kind", "sector", "status", "screening", "closed_on", "hours", "applicants"}
    assert all(e.line == 2 for e in report.errors)


def test_it_matches_contacts_by_email_in_any_case_and_warns_when_name_or_organisation_differs(konsult01):
    old_org = OrganisationFactory(name="Socialförvaltningen")
    contact = ContactFactory(organisation=old_org, name="Eva Berg-Lind", email="Eva.Berg@Aldre.example.se")

    report = run(csv_bytes([row(contact_email="EVA.BERG@aldre.example.se", contact_name="Eva Berg")]))

    assert report.ok
    contact.refresh_from_db()
    assert Contact.objects.count() == 1
    assert (contact.name, contact.organisation.name) == ("Eva Berg", "Äldreförvaltningen")
    assert Assignment.objects.get().contact == contact
    assert report.updated_contacts == 1
    assert report.warnings == [
        "Rad 2, kolumn contact_name: kontaktpersonen eva.berg@aldre.example.se hette 'Eva Berg-Lind' "
        "och heter nu 'Eva Berg'",
        "Rad 2, kolumn organisation: kontaktpersonen eva.berg@aldre.example.se hörde till Socialförvaltningen "
        "och hör nu till Äldreförvaltningen",
    ]


def test_it_bills_an_hourly_package_per_hour_when_the_price_divides(konsult01):
    run(csv_bytes([
        row(reference="2024-0001", package="OVRIG", price_sek="34800", hours="40"),
        row(reference="2024-0002", package="OVRIG", price_sek="10000", hours="3"),
    ]))

    per_hour = BillingLine.objects.get(assignment__reference="2024-0001")
    assert (per_hour.quantity, per_hour.unit_price, per_hour.amount, per_hour.override_reason) == (
        Decimal("40"), Decimal("870"), Decimal("34800"), "")
    odd = BillingLine.objects.get(assignment__reference="2024-0002")
    assert (odd.quantity, odd.unit_price, odd.override_reason) == (Decimal("1"), Decimal("10000"), "Importerat pris")
    assert Assignment.objects.get(reference="2024-0001").hours == Decimal("40")


def test_it_keeps_the_hours_of_a_fixed_package_as_time_spent_and_marks_a_price_off_the_catalogue(konsult01):
    run(csv_bytes([row(price_sek="26000", hours="31.5")]))

    a = Assignment.objects.get()
    line = a.billing_lines.get()
    assert a.hours == Decimal("31.5")
    assert (line.quantity, line.unit_price, line.override_reason) == (Decimal("1"), Decimal("26000"), "Importerat pris")


def test_it_adds_extra_hours_and_references_at_that_years_prices_to_the_invoiced_sum(konsult01):
    run(csv_bytes([row(ordered_on="2024-03-04", price_sek="", extra_hours="5", references="3")]))

    a = Assignment.objects.get()
    lines = {line.kind: line for line in a.billing_lines.all()}
    assert lines[BillingKind.PACKAGE].unit_price == Decimal("25000")  # the 2023 price, valid in 2024
    assert lines[BillingKind.PACKAGE].override_reason == ""
    assert (lines[BillingKind.EXTRA_HOURS].quantity, lines[BillingKind.EXTRA_HOURS].unit_price) == (5, 870)
    assert (lines[BillingKind.REFERENCES].quantity, lines[BillingKind.REFERENCES].unit_price) == (3, 400)
    assert services.invoiced_amount(assignment=a) == Decimal("25000") + 5 * 870 + 3 * 400


def test_it_refuses_add_ons_in_a_year_without_a_price(konsult01):
    report = run(csv_bytes([row(ordered_on="2021-03-04", closed_on="", status="registered", references="2")]))

    assert [(e.line, e.column) for e in report.errors] == [(2, "references")]


def test_it_sends_no_status_signal_so_old_assignments_schedule_no_surveys(
        konsult01, django_capture_on_commit_callbacks):
    received = []

    def listener(**kwargs):
        received.append(kwargs)

    services.assignment_status_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            run(csv_bytes([row(), row(reference="2024-0002", status="closed_not_hired")]))
            run(csv_bytes([row(status="cancelled"), row(reference="2024-0002", status="closed_not_hired")]))
    finally:
        services.assignment_status_changed.disconnect(listener)
    assert received == [] and callbacks == []
    assert Assignment.objects.get(reference="2024-0001").status == "cancelled"


def test_it_updates_a_changed_row_by_reference_and_records_the_status_move(konsult01):
    coordinator = UserFactory(username="imp")
    run(csv_bytes([row(status="registered", closed_on="")]), by=coordinator)

    report = run(csv_bytes([row(status="closed_hired", closed_on="2024-05-02", price_sek="27000")]), by=coordinator)

    assert report.updated == ["2024-0001"] and not report.created
    a = Assignment.objects.get()
    assert (a.status, a.closed_on, a.status_changed_on, a.version) == (
        "closed_hired", dt.date(2024, 5, 2), dt.date(2024, 5, 2), 2)
    moves = list(a.status_changes.values_list("from_status", "to_status", "changed_by__username"))
    assert moves == [("", "registered", "imp"), ("registered", "closed_hired", "imp")]
    assert services.invoiced_amount(assignment=a) == Decimal("27000")
    assert a.billing_lines.count() == 1
    assert {h.history_user for h in a.history.all()} == {coordinator}
    assert a.history.count() == 2


def test_a_dry_run_reports_the_changes_and_writes_nothing(konsult01):
    Organisation.objects.filter(name="Äldreförvaltningen").delete()  # a plan names it; here it is new
    report = run(csv_bytes([row(), row(reference="2024-0002")]), dry_run=True, create=False)

    assert report.ok and len(report.created) == 2 and report.created_organisations == ["Äldreförvaltningen"]
    assert Assignment.objects.count() == 0 and Organisation.objects.count() == PLAN_ORGANISATIONS - 1
    assert not ReferenceCounter.objects.exists()


def test_it_keeps_the_reference_counter_ahead_and_groups_rows_in_projects(konsult01):
    run(csv_bytes([row(reference="2024-0039", project="Sommarvikarier Kungsholmen"),
                   row(reference="2024-0007", project="Sommarvikarier Kungsholmen"),
                   row(reference="2024-0008", project="")]))

    assert services.reference_next(year=2024) == "2024-0040"
    project = Project.objects.get()
    assert set(project.assignments.values_list("reference", flat=True)) == {"2024-0039", "2024-0007"}


def test_it_reads_quoted_fields_with_commas_and_newlines_and_numbers_lines_as_in_the_file(konsult01):
    data = csv_bytes([row(role_title="Enhetschef, hemtjänst\nnatt"), row(reference="2024-0002", hours="x")])

    report = run(data)

    # the first record spans lines 2-3, so the second starts on line 4
    assert [(e.line, e.column) for e in report.errors] == [(4, "hours")]
    report = run(csv_bytes([row(role_title="Enhetschef, hemtjänst\nnatt")]))
    assert Assignment.objects.get().role_title == "Enhetschef, hemtjänst\nnatt"


def test_it_reads_an_excel_file_with_date_and_number_cells(konsult01, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    header = list(row().keys())
    sheet.append(header)
    values = row()
    values.update(ordered_on=dt.datetime(2024, 3, 4), closed_on=dt.datetime(2024, 5, 2), price_sek=25000,
                  hours=30.0, applicants=45)
    sheet.append([values[c] for c in header])
    sheet.append([row(reference="2024-0002", package="NOPE")[c] for c in header])
    path = tmp_path / "register.xlsx"
    workbook.save(path)

    report = run(path.read_bytes(), filename="register.xlsx")
    assert [(e.line, e.column) for e in report.errors] == [(3, "package")]

    sheet.delete_rows(3)
    workbook.save(path)
    report = run(path.read_bytes(), filename="register.xlsx")
    assert report.ok, report.error_lines
    a = Assignment.objects.get()
    assert (a.ordered_on, a.closed_on, a.hours, a.applicants) == (dt.date(2024, 3, 4), dt.date(2024, 5, 2), 30, 45)


def test_it_says_plainly_when_the_file_is_not_a_spreadsheet():
    report = run(b"\xff\xfe\x00garbage", filename="x.csv")
    assert report.error_lines == ["Filen är inte kodad som UTF-8. Spara den som CSV UTF-8 och försök igen."]
    report = run(b"not a zip", filename="x.xlsx")
    assert report.error_lines == ["Filen kan inte läsas som en Excel-fil (.xlsx)."]
