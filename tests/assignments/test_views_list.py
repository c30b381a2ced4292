"""The assignment list: filters, sorting, pagination, exports and a fixed number of queries."""
import csv
import datetime as dt
import io
from datetime import date as D
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assignments import services
from assignments.models import BillingKind, Sector, Status
from assignments.views.register import options_html
from recruitment.workbooks import spreadsheet_safe
from tests.factories import AssignmentFactory, ConsultantFactory, ContactFactory, OrganisationFactory, package

LIST = reverse("assignments:list")


def refs(response) -> list[str]:
    return [a["reference"] for a in response.context["assignments"]]


@pytest.fixture
def register(consultant_user, other_consultant_user):
    """Three assignments with different customers, consultants, packages, sectors, years and sums."""
    me, other = consultant_user.consultant, other_consultant_user.consultant
    kista = OrganisationFactory(name="Rinkeby-Kista stadsdelsförvaltning")
    skol = OrganisationFactory(name="Utbildningsförvaltningen")
    a = AssignmentFactory(reference="2024-0007", organisation=kista, lead_consultant=me, package=package("STORA"),
                          sector=Sector.ELDERLY, ordered_on=dt.date(2024, 5, 2), role_title="Undersköterska",
                          contact=ContactFactory(organisation=kista, name="Hanna Hemtjänst"))
    b = AssignmentFactory(reference="2025-0031", organisation=skol, lead_consultant=other, package=package("CHEF"),
                          sector=Sector.SCHOOL, ordered_on=dt.date(2025, 2, 10), role_title="Rektor",
                          status=Status.INTERVIEWS)
    c = AssignmentFactory(reference="2025-0032", organisation=skol, lead_consultant=other, package=package("LILLA"),
                          sector=Sector.SCHOOL, ordered_on=dt.date(2025, 3, 1), role_title="Lärare")
    c.co_consultants.add(me)
    for x in (a, b, c):
        services.billing_package_line_set(assignment=x)
    services.billing_addon_add(assignment=c, kind=BillingKind.REFERENCES, quantity=Decimal("3"))
    return a, b, c


@pytest.mark.django_db
class TestFilters:
    def test_it_lists_newest_first_with_the_invoiced_sum(self, client, manager, register):
        client.force_login(manager)
        response = client.get(LIST)
        assert refs(response) == ["2025-0032", "2025-0031", "2024-0007"]
        sums = {a["reference"]: a["invoiced"] for a in response.context["assignments"]}
        assert sums == {"2025-0032": Decimal("11200"), "2025-0031": Decimal("34000"), "2024-0007": Decimal("25000")}
        assert "11 200" in response.content.decode() or "11\xa0200" in response.content.decode()

    def test_it_filters_by_consultant_as_lead_or_co_consultant(self, client, manager, consultant_user, register):
        client.force_login(manager)
        response = client.get(LIST, {"consultant": consultant_user.consultant.pk})
        assert refs(response) == ["2025-0032", "2024-0007"]
        # the co-consultant join must not double the sum
        assert response.context["assignments"][0]["invoiced"] == Decimal("11200")

    @pytest.mark.parametrize("params,expected", [
        ({"status": "interviews"}, ["2025-0031"]),
        ({"sector": "skola"}, ["2025-0032", "2025-0031"]),
        ({"year": "2024"}, ["2024-0007"]),
        ({"q": "rektor"}, ["2025-0031"]),
        ({"q": "kista"}, ["2024-0007"]),
        ({"q": "hemtjänst"}, ["2024-0007"]),
        ({"q": "2025-003"}, ["2025-0032", "2025-0031"]),
        ({"sector": "skola", "year": "2025", "status": "registered"}, ["2025-0032"]),
    ])
    def test_it_filters(self, client, manager, register, params, expected):
        client.force_login(manager)
        assert refs(client.get(LIST, params)) == expected

    def test_it_filters_by_organisation_and_package(self, client, manager, register):
        a, b, c = register
        client.force_login(manager)
        assert refs(client.get(LIST, {"organisation": b.organisation_id})) == ["2025-0032", "2025-0031"]
        assert refs(client.get(LIST, {"package": b.package_id})) == ["2025-0031"]

    def test_an_unknown_choice_shows_an_error_and_not_a_crash(self, client, manager, register):
        client.force_login(manager)
        response = client.get(LIST, {"status": "nonsense"})
        assert response.status_code == 200
        assert response.context["filter"].form.errors["status"]


@pytest.mark.django_db
def test_filter_options_list_customers_in_swedish_order_with_the_choice_kept(client, manager, register):
    OrganisationFactory(name="Östermalms stadsdelsförvaltning")
    OrganisationFactory(name="Älvsjö stadsdelsförvaltning")
    OrganisationFactory(name="Årsta skola")
    client.force_login(manager)
    skol = register[1].organisation
    response = client.get(LIST, {"organisation": skol.pk})
    fields = {f["name"]: str(f["options_html"]) for f in response.context["filter_fields"]}
    organisations = fields["organisation"]
    order = [organisations.index(name) for name in [
        "Alla", "Rinkeby-Kista", "Utbildningsförvaltningen", "Årsta skola", "Älvsjö", "Östermalms"]]
    assert order == sorted(order)
    assert f'<option value="{skol.pk}" selected>Utbildningsförvaltningen</option>' in organisations
    assert f'<option value="{package("CHEF").pk}">Rekrytering chef</option>' in fields["package"]
    assert ">Karin Konsult</option>" in fields["consultant"]


def test_options_html_escapes_values_and_labels_and_selects_the_current_value():
    html = options_html([("", "Alla"), ("1", "<Förvaltning & Co>"), (2, 'Paket "A"')], "2")
    assert html == (
        '<option value="">Alla</option>'
        '<option value="1">&lt;Förvaltning &amp; Co&gt;</option>'
        '<option value="2" selected>Paket &quot;A&quot;</option>'
    )


@pytest.mark.django_db
def test_the_filter_form_shows_an_escaped_customer_selected_in_a_labelled_select(client, manager):
    org = OrganisationFactory(name="<Förvaltning & Co>")
    client.force_login(manager)
    html = client.get(LIST, {"organisation": org.pk}).content.decode()
    assert f'<option value="{org.pk}" selected>&lt;Förvaltning &amp; Co&gt;</option>' in html
    assert "<Förvaltning & Co>" not in html
    assert '<label class="form-label" for="id_organisation">Kund</label>' in html
    assert '<select class="form-select" name="organisation" id="id_organisation">' in html
    assert '<option value="" selected>Alla</option>' in html  # the other filters show "Alla"


@pytest.mark.django_db
class TestSorting:
    @pytest.mark.parametrize("o,expected", [
        ("reference", ["2024-0007", "2025-0031", "2025-0032"]),
        ("-reference", ["2025-0032", "2025-0031", "2024-0007"]),
        ("ordered_on", ["2024-0007", "2025-0031", "2025-0032"]),
        ("organisation", ["2024-0007", "2025-0032", "2025-0031"]),
        ("package", ["2025-0031", "2025-0032", "2024-0007"]),  # CHEF, LILLA, STORA
        ("status", ["2025-0031", "2025-0032", "2024-0007"]),  # interviews < registered
        ("invoiced", ["2025-0032", "2024-0007", "2025-0031"]),
        ("-invoiced", ["2025-0031", "2024-0007", "2025-0032"]),
    ])
    def test_it_sorts_by_column(self, client, manager, register, o, expected):
        client.force_login(manager)
        assert refs(client.get(LIST, {"o": o})) == expected

    def test_it_sorts_by_consultant_name(self, client, manager, register):
        client.force_login(manager)
        response = client.get(LIST, {"o": "consultant"})
        names = [a["consultant_name"] for a in response.context["assignments"]]
        assert names == sorted(names)
        assert response.context["columns"]["consultant"]["aria_sort"] == "ascending"
        assert "o=-consultant" in response.context["columns"]["consultant"]["url"]

    def test_sort_links_keep_the_filters(self, client, manager, register):
        client.force_login(manager)
        response = client.get(LIST, {"sector": "skola", "page": "1"})
        url = response.context["columns"]["reference"]["url"]
        assert "sector=skola" in url and "page" not in url


@pytest.mark.django_db
def test_it_pages_with_page_numbers_and_a_chosen_page_size(client, manager):
    org, consultant = OrganisationFactory(), ConsultantFactory()
    for n in range(130):
        AssignmentFactory(reference=f"2025-{n + 1:04d}", organisation=org, lead_consultant=consultant, contact=None)
    client.force_login(manager)
    response = client.get(LIST, {"per_page": "25", "organisation": org.pk, "page": 3})
    assert len(refs(response)) == 25
    body = response.content.decode()
    # numbered links that keep the filter and the size, the current page marked for screen readers
    assert f"per_page=25&amp;organisation={org.pk}&amp;page=6" in body
    assert '<li class="page-item active" aria-current="page"><span class="page-link">3</span></li>' in body
    assert '<option value="25" selected>25</option>' in body
    assert len(refs(client.get(LIST, {"per_page": "100"}))) == 100
    assert len(refs(client.get(LIST, {"per_page": "100000"}))) == 50  # only the offered sizes


@pytest.mark.django_db
def test_the_list_names_packages_instead_of_showing_their_codes(client, manager):
    AssignmentFactory(reference="2025-0001", package=package("STORA"), contact=None)
    client.force_login(manager)
    body = client.get(LIST).content.decode()
    assert package("STORA").name in body
    assert ">STORA<" not in body


@pytest.mark.django_db
def test_it_pages_by_fifty(client, manager):
    consultant = ConsultantFactory()
    org = OrganisationFactory()
    for n in range(51):
        AssignmentFactory(reference=f"2025-{n + 1:04d}", organisation=org, lead_consultant=consultant,
                          contact=None)
    client.force_login(manager)
    first = client.get(LIST)
    assert len(refs(first)) == 50
    second = client.get(LIST, {"page": 2})
    assert refs(second) == ["2025-0001"]


@pytest.mark.django_db
class TestExports:
    def test_csv_has_every_filtered_row_in_the_imports_columns(self, client, manager, register):
        client.force_login(manager)
        response = client.get(reverse("assignments:export", args=["csv"]), {"sector": "skola", "o": "reference"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        # the import's column names (issue 11, point 16: an export imports back unchanged)
        assert rows[0][:3] == ["reference", "ordered_on", "organisation"]
        assert [r[0] for r in rows[1:]] == ["2025-0031", "2025-0032"]
        assert rows[2][1] == "2025-03-01"
        assert rows[2][rows[0].index("status")] == "Registrerat"
        # the package line and the add-on (3 digital references) in their own columns, as the import reads them
        assert (rows[2][rows[0].index("price_sek")], rows[2][rows[0].index("references")]) == ("10000,00", "3")

    def test_csv_exports_all_rows_not_just_one_page(self, client, manager):
        consultant = ConsultantFactory()
        for n in range(55):
            AssignmentFactory(reference=f"2025-{n + 1:04d}", lead_consultant=consultant, contact=None)
        client.force_login(manager)
        text = b"".join(client.get(reverse("assignments:export", args=["csv"])).streaming_content).decode()
        assert len(text.strip().splitlines()) == 56

    def test_xlsx_parses_back_with_typed_cells(self, client, manager, register):
        client.force_login(manager)
        url = reverse("assignments:export", args=["xlsx"])
        response = client.get(url, {"consultant": register[0].lead_consultant_id})
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][0] == "reference"
        assert [r[0] for r in rows[1:]] == ["2025-0032", "2024-0007"]
        assert rows[2][1].date() == dt.date(2024, 5, 2)
        assert rows[2][2] == "Rinkeby-Kista stadsdelsförvaltning"
        assert Decimal(str(rows[1][rows[0].index("price_sek")])) == Decimal("10000")
        assert rows[1][rows[0].index("references")] == 3

    def test_a_formula_typed_into_a_field_is_exported_as_text(self, client, manager):
        AssignmentFactory(role_title="=HYPERLINK(\"x\")")
        client.force_login(manager)
        text = b"".join(client.get(reverse("assignments:export", args=["csv"])).streaming_content).decode()
        assert "'=HYPERLINK" in text

    def test_an_unknown_format_is_404(self, client, manager):
        client.force_login(manager)
        assert client.get(reverse("assignments:export", args=["pdf"])).status_code == 404


# Every spreadsheet export neutralises text a spreadsheet would run as a formula
# (recruitment.workbooks.spreadsheet_safe; the dashboard's and the goals' exports are tested beside them).
ATTACK = '=HYPERLINK("http://evil.example","klicka")'
# A spreadsheet runs a formula behind leading blanks too, and a leading tab or carriage return
# starts a new cell or line it may evaluate.
HIDDEN_ATTACKS = [" " + ATTACK, "\t" + ATTACK, "\r" + ATTACK, " \t @SUM(A1)", "\r\n-1+1", "\tklicka", "\rklicka"]


def in_xlsx(text: str) -> str:
    """What reading an .xlsx gives back for `text`: XML stores line breaks as line feeds."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize("text", [ATTACK, "+1", "-1", "@x", *HIDDEN_ATTACKS])
def test_the_formula_guard_neutralises_formulas_behind_blanks_and_leading_tabs_or_returns(text):
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("value", ["Organisation", " text", "1-2", "a=b", "", -3, 2.5, D(2025, 1, 1), None])
def test_the_formula_guard_leaves_plain_text_numbers_and_dates_alone(value):
    assert spreadsheet_safe(value) == value


@pytest.mark.django_db
@pytest.mark.parametrize("attack", HIDDEN_ATTACKS)
def test_the_register_csv_and_excel_neutralise_formulas_behind_blanks(client, manager, attack):
    AssignmentFactory(role_title=attack, organisation=OrganisationFactory(name=attack + " förvaltning"))
    client.force_login(manager)
    text = b"".join(client.get(reverse("assignments:export", args=["csv"])).streaming_content)
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig")), delimiter=";"))
    header, row = rows[0], rows[1]
    assert row[header.index("role_title")] == "'" + attack
    assert row[header.index("organisation")] == "'" + attack + " förvaltning"
    sheet = load_workbook(io.BytesIO(client.get(reverse("assignments:export", args=["xlsx"])).content)).active
    header, row = [list(r) for r in sheet.iter_rows(values_only=True)][:2]
    assert row[header.index("role_title")] == in_xlsx("'" + attack)
    assert all(cell.data_type != "f" for r in sheet.iter_rows() for cell in r)


def make_assignments(n: int):
    consultants = [ConsultantFactory() for _ in range(3)]
    orgs = [OrganisationFactory() for _ in range(3)]
    for i in range(n):
        a = AssignmentFactory(
            reference=f"2025-{i + 1:04d}", organisation=orgs[i % 3], lead_consultant=consultants[i % 3],
            contact=None, package=package("STORA"),
        )
        a.co_consultants.add(consultants[(i + 1) % 3])
        services.billing_package_line_set(assignment=a)


@pytest.mark.django_db
@pytest.mark.parametrize("n", [5, 50])
def test_the_list_uses_a_fixed_number_of_queries(client, manager, django_assert_num_queries, n):
    make_assignments(n)
    client.force_login(manager)
    client.get(LIST)  # warm the session
    # session, user, groups, count, page rows, filter choices (consultants, customers, packages in one), the
    # viewer's open AAR actions (the register is a coordinator's start page)
    with django_assert_num_queries(7):
        response = client.get(LIST, {"o": "-invoiced", "sector": "ovrigt"})
    assert len(response.context["assignments"]) == min(n, 50)


@pytest.mark.django_db
@pytest.mark.parametrize("n", [5, 50])
def test_the_export_uses_a_fixed_number_of_queries(client, manager, django_assert_num_queries, n):
    make_assignments(n)
    client.force_login(manager)
    # session, user, groups, rows
    with django_assert_num_queries(4):
        response = client.get(reverse("assignments:export", args=["xlsx"]))
    assert load_workbook(io.BytesIO(response.content)).active.max_row == n + 1
