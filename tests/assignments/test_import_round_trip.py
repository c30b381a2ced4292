"""Import round trip (issue 11, point 16): a template to download, the allowed values on the page, a
preview that says which assignments are new and what changes, and an export that imports back unchanged."""
import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assignments import services
from assignments.importing import assignments_import
from assignments.importing.columns import COLUMNS
from assignments.importing.reader import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from assignments.models import Assignment, BillingKind, RoleLevel, Sector, Status
from tests.factories import AssignmentFactory, ConsultantFactory, ContactFactory, OrganisationFactory, package

from .importing_helpers import csv_bytes, row
from .test_import_views import jobs_run, upload  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
URL = reverse("assignments:import")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_the_template_has_exactly_the_imports_columns_and_an_example_row_that_imports(client, coordinator):
    client.force_login(coordinator)
    assert set(COLUMNS) == set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)
    csv_file = client.get(reverse("assignments:import_template", args=["csv"]))
    assert csv_file["Content-Disposition"].endswith('.csv"')
    header, example = _csv_rows(csv_file.content)
    assert header == list(COLUMNS)
    xlsx = client.get(reverse("assignments:import_template", args=["xlsx"]))
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert list(rows[0]) == list(COLUMNS) and len(rows) == 2
    report = assignments_import(file=csv_file.content, filename="mall.csv", create_consultants=True, dry_run=True)
    assert report.ok, report.error_lines
    assert report.created == [example[0]]
    assert client.get(reverse("assignments:import_template", args=["pdf"])).status_code == 404
    assert URL in client.get(URL).content.decode() and reverse(
        "assignments:import_template", args=["xlsx"]) in client.get(URL).content.decode()


def test_the_template_is_for_coordinators(client, consultant_user):
    client.force_login(consultant_user)
    assert client.get(reverse("assignments:import_template", args=["csv"])).status_code == 403


def test_the_import_page_lists_the_allowed_values_the_validator_accepts(client, coordinator):
    client.force_login(coordinator)
    page = client.get(URL)
    html = page.content.decode()
    table = html[html.index('class="table table-sm allowed-values"'):]
    for choices in (Status, Sector, RoleLevel):
        for value, label in choices.choices:
            assert str(label) in table
            assert f">{value}<" not in table  # names, not codes
    assert "STORA (" in table and "Fackförvaltning" in table
    # the validator names the same values when a row has another one
    report = assignments_import(file=csv_bytes([row(status="klar", organisation_kind="kommun")]), filename="f.csv",
                                create_consultants=True, dry_run=True)
    messages = " ".join(report.error_lines)
    assert ", ".join(str(label) for _v, label in Status.choices) in messages
    assert "Stadsdelsförvaltning, Fackförvaltning, Bolag" in messages and "stadsdelsforvaltning" not in messages


def test_the_preview_lists_new_changed_and_unchanged_assignments_with_what_changes(client, coordinator, jobs_run):  # noqa: F811
    ConsultantFactory(email="konsult01@rekrytering.example.se", name="Konsult Ett")
    first = [row(reference="2024-0001", status="registered", closed_on="", hours=""),
             row(reference="2024-0002")]
    assert assignments_import(file=csv_bytes(first), filename="f.csv", create_consultants=False, dry_run=False).ok
    second = [row(reference="2024-0001", status="closed_hired", closed_on="2024-05-02", hours="12,5",
                  price_sek="27000"),
              row(reference="2024-0002"), row(reference="2024-0003")]
    client.force_login(coordinator)
    preview = upload(client, csv_bytes(second), jobs_run=jobs_run)
    report = preview.context["report"]
    assert (report.created, report.updated, report.unchanged) == (["2024-0003"], ["2024-0001"], ["2024-0002"])
    changes = {label: (before, after) for label, before, after in report.changes["2024-0001"]}
    assert changes["Status"] == ("Registrerat", "Avslutat med tillsättning")
    assert changes["Nedlagda timmar"] == ("–", "12,5")
    assert changes["Avslutsdatum"] == ("–", "2024-05-02")
    assert changes["Fakturerat belopp (kr)"] == ("25\u00a0000,00", "27\u00a0000,00")
    html = preview.content.decode()
    assert "Avslutat med tillsättning" in html and "27\u00a0000,00" in html and "2024-0003" in html
    assert "Oförändrade uppdrag" in html


def _register():
    """A small register made as people make it: factories, billing through the services."""
    org = OrganisationFactory(name="Farsta stadsdelsförvaltning", kind="stadsdelsforvaltning")
    contact = ContactFactory(organisation=org, name="Eva Berg", email="eva.berg@farsta.example.se")
    lead = ConsultantFactory(email="lead@rekrytering.example.se")
    a = AssignmentFactory(reference="2025-0001", organisation=org, contact=contact, lead_consultant=lead,
                          status=Status.CLOSED_HIRED, closed_on=dt.date(2025, 4, 2), hours=Decimal("31.5"),
                          applicants=40, personal_letter=True, sector=Sector.PRESCHOOL)
    b = AssignmentFactory(reference="2025-0002", organisation=org, contact=None, lead_consultant=lead,
                          package=package("CHEF"), role_level=RoleLevel.MANAGER)
    c = AssignmentFactory(reference="2025-0003", lead_consultant=lead, screening=True, search_used=True)
    for x in (a, b, c):
        services.billing_package_line_set(assignment=x)
    services.billing_package_line_set(assignment=b, amount=Decimal("31000"), override_reason="Avtalat pris")
    services.billing_addon_add(assignment=c, kind=BillingKind.REFERENCES, quantity=Decimal("3"))
    return [a, b, c]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_of_the_register_imports_back_unchanged(client, manager, fmt):
    _register()
    before = {a.reference: (a.version, a.history.count(), a.billing_lines.count()) for a in Assignment.objects.all()}
    client.force_login(manager)
    response = client.get(reverse("assignments:export", args=[fmt]))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        assert _csv_rows(content)[0] == list(COLUMNS)
    report = assignments_import(file=content, filename=f"export.{fmt}", create_consultants=False, dry_run=True)
    assert report.ok, report.error_lines
    assert (report.created, report.updated) == ([], []), report.changes
    assert sorted(report.unchanged) == ["2025-0001", "2025-0002", "2025-0003"]
    done = assignments_import(file=content, filename=f"export.{fmt}", create_consultants=False, dry_run=False)
    assert (done.created, done.updated, done.created_organisations, done.created_contacts) == ([], [], [], 0)
    after = {a.reference: (a.version, a.history.count(), a.billing_lines.count()) for a in Assignment.objects.all()}
    assert after == before
