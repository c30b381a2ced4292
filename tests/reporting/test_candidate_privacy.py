"""The rule of five for candidate answers holds in every slice and every output (issue 10, point 2).

Each output is asked for a slice of one to four candidate answers (no figure may show) and for a slice
of at least five (the figures show). The slices: an organisation, an organisation kind, a sector, a
package, a unit, a consultant, a tertial alone and the same period a year earlier, the department
column under a filter, the whole department; the outputs: the dashboard pages, the year-over-year
table, the comments, the CSV and Excel exports, the tertial PDF and the kpi JSON.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from assignments.models import OrganisationKind, Sector, Unit
from reporting.dashboard.tables import MEAN
from reporting.formatting import format_value
from reporting.selectors import kpi_report
from tests.factories import AssignmentFactory, ConsultantFactory, OrganisationFactory, package

from .dashboard_helpers import query
from .helpers import invite, respond, table_sheet

pytestmark = pytest.mark.django_db

TOO_FEW = "För få svar för att visa"
DAY = dt.date(2025, 3, 10)  # in T1 2025, the period of `query()`
OVERALL = 7  # every answer's overall rating: its mean "7,00" is easy to look for
SEVEN = format_value(float(OVERALL), MEAN)
CANDIDATE_SHEETS = ("kandidat_sammanfattning", "kandidat_fragor", "ar_for_ar_candidate")


def answers(count: int, *, on: dt.date = DAY, comment: str = "", **assignment_fields):
    """`count` candidate answers to one assignment (a new consultant unless one is given)."""
    a = AssignmentFactory(status="closed_hired", closed_on=on, **assignment_fields)
    for _ in range(count):
        respond("candidate", on, {"ad_clear": "ja", "overall": OVERALL}, assignment=a, comment=comment)
    return a


def _table(page: str, name: str) -> str:
    return page.split(f'id="tabell-{name}"')[1].split("</table>")[0]


NOTE = re.compile(r'<span class="cell-note">.*?</span>')  # "osäker, 4 svar" beside a figure


def _rows(table: str) -> dict[str, list[str]]:
    """{row header: [text of each data cell]} of an HTML report table."""
    body = table.split("<tbody>")[1]
    rows = {}
    for row in body.split("<tr>")[1:]:
        header = re.sub(r"<[^>]+>", "", row.split("</th>")[0]).strip()
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
        rows[header] = [re.sub(r"<[^>]+>", "", NOTE.sub("", c)).replace("ingen uppgift", "").replace("–", "").strip()
                        for c in cells]
    return rows


def _figures(table: str) -> list[str]:
    """Data cells that show a figure other than zero."""
    return [c for cells in _rows(table).values() for c in cells if re.search(r"[1-9]", c)]


def _page(client, user, path: str, **params) -> str:
    client.force_login(user)
    response = client.get(f"{path}?{query(**params)}")
    assert response.status_code == 200
    return response.content.decode()


# --- the dashboard: each kind of filter ------------------------------------------------------------

def test_the_survey_page_under_an_organisation_filter_shows_no_candidate_figure_below_five(
        client, coordinator, consultant_user):
    """The issue's report: ?organisation= showed one candidate's answers ("antal 1") to a coordinator
    and to an unrelated consultant (in the department column beside their own)."""
    small, big = OrganisationFactory(name="Liten förvaltning"), OrganisationFactory(name="Stor förvaltning")
    answers(1, organisation=small)
    answers(6, organisation=big)
    for user in (coordinator, consultant_user):
        table = _table(_page(client, user, "/rapporter/enkater/", organisation=small.pk), "kandidat_fragor")
        assert TOO_FEW in table
        assert _figures(table) == [], user
        table = _table(_page(client, user, "/rapporter/enkater/", organisation=big.pk), "kandidat_fragor")
        assert "100,0\u00a0%" in table and TOO_FEW not in table


@pytest.mark.parametrize(("param", "small", "big"), [
    ("organisation_kind", {"organisation__kind": OrganisationKind.COMPANY},
     {"organisation__kind": OrganisationKind.ADMINISTRATION}),
    ("sector", {"sector": Sector.SCHOOL}, {"sector": Sector.OTHER}),
    ("package", {"package": "LILLA"}, {"package": "STORA"}),
])
def test_every_filter_kind_withholds_candidate_figures_below_five(client, manager, param, small, big):
    def fields(spec):
        if "organisation__kind" in spec:
            return {"organisation": OrganisationFactory(kind=spec["organisation__kind"])}
        if "package" in spec:
            return {"package": package(spec["package"])}
        return spec

    answers(2, **fields(small))
    answers(5, **fields(big))
    value = {"organisation_kind": lambda s: s["organisation__kind"], "sector": lambda s: s["sector"],
             "package": lambda s: s["package"]}[param]
    rows = _rows(_table(_page(client, manager, "/rapporter/", **{param: value(small)}), "kandidat_sammanfattning"))
    for label in ("Antal svar", "Helhetsomdöme", "Andel nöjda kandidater"):
        assert rows[label] == [TOO_FEW], label
    shown = kpi_report(year=2025, tertial=1, filters={param: value(small)}).to_json()["candidate"]
    assert (shown["responses"], shown["questions"], shown["satisfied_share"]) == (None, {}, None)

    rows = _rows(_table(_page(client, manager, "/rapporter/", **{param: value(big)}), "kandidat_sammanfattning"))
    assert rows["Antal svar"] == ["5"] and rows["Helhetsomdöme"] == [SEVEN]
    assert kpi_report(year=2025, tertial=1, filters={param: value(big)}).to_json()["candidate"]["responses"] == 5


def test_a_tertial_alone_and_the_same_period_a_year_earlier_withhold_candidate_figures_below_five(client, manager):
    answers(10, on=dt.date(2025, 3, 10))  # T1 2025
    answers(2, on=dt.date(2025, 5, 10))  # T2 2025
    answers(3, on=dt.date(2024, 5, 10))  # T2 2024
    rows = _rows(_table(_page(client, manager, "/rapporter/", tertial=2, alone="on", compare="on"),
                        "kandidat_sammanfattning"))
    assert rows["Antal svar"] == [TOO_FEW, TOO_FEW]
    assert rows["Helhetsomdöme"] == [TOO_FEW, TOO_FEW]
    rows = _rows(_table(_page(client, manager, "/rapporter/", tertial=1, compare="on"), "kandidat_sammanfattning"))
    assert rows["Antal svar"] == ["10", "0"]  # T1 2025; no answers in T1 2024
    # Year to date 2025 has 12, but less T1's 10 they would be May's two answers (reporting.privacy.tertials_shown);
    # 2024 to August has three.
    rows = _rows(_table(_page(client, manager, "/rapporter/", tertial=2, compare="on"), "kandidat_sammanfattning"))
    assert rows["Antal svar"] == [TOO_FEW, TOO_FEW]
    assert rows["Helhetsomdöme"] == [TOO_FEW, TOO_FEW]


def test_the_department_column_under_a_filter_withholds_candidate_figures_below_five(client, consultant_user):
    small, big = OrganisationFactory(), OrganisationFactory()
    answers(3, organisation=small)  # another consultant's
    answers(5, organisation=big)
    rows = _rows(_table(_page(client, consultant_user, "/rapporter/", organisation=small.pk),
                        "kandidat_sammanfattning"))
    assert rows["Antal svar"][1] == TOO_FEW  # [own (none), the department under the filter]
    rows = _rows(_table(_page(client, consultant_user, "/rapporter/", organisation=big.pk),
                        "kandidat_sammanfattning"))
    assert rows["Antal svar"][1] == "5"


def test_a_consultant_beside_the_department_is_withheld_when_the_rest_would_be_one_hidden_group(
        client, consultant_user):
    """Complementary suppression: the department (8) minus the consultant (6) would be the other two answers."""
    own = consultant_user.consultant
    answers(6, lead_consultant=own)
    answers(2)
    rows = _rows(_table(_page(client, consultant_user, "/rapporter/"), "kandidat_sammanfattning"))
    assert rows["Antal svar"] == [TOO_FEW, "8"]
    assert rows["Helhetsomdöme"] == [TOO_FEW, SEVEN]
    answers(3)  # the rest is five: nothing to hide
    rows = _rows(_table(_page(client, consultant_user, "/rapporter/"), "kandidat_sammanfattning"))
    assert rows["Antal svar"] == ["6", "11"]


def test_the_whole_department_is_withheld_below_five_candidate_answers(client, manager):
    answers(4)
    rows = _rows(_table(_page(client, manager, "/rapporter/"), "kandidat_sammanfattning"))
    assert rows["Antal svar"] == [TOO_FEW]
    assert kpi_report(year=2025, tertial=1).to_json()["candidate"]["questions"] == {}
    answers(1)
    rows = _rows(_table(_page(client, manager, "/rapporter/"), "kandidat_sammanfattning"))
    assert rows["Antal svar"] == ["5"]


# --- year over year, comments --------------------------------------------------------------------------

def test_the_year_over_year_table_withholds_each_year_below_five_candidate_answers(client, manager):
    small = OrganisationFactory()
    answers(2, on=dt.date(2024, 5, 10), organisation=small)
    answers(6, on=dt.date(2025, 5, 10), organisation=small)
    for params in ({}, {"organisation": small.pk}):
        table = _table(_page(client, manager, "/rapporter/ar-for-ar/", tertial="", **params), "ar_for_ar_candidate")
        rows = _rows(table)
        question = rows["Annonsen tydlig och begriplig"]
        assert question[-2] == TOO_FEW  # 2024: two answers
        assert question[-1].startswith("100,0")  # 2025: six
        assert rows["Antal svar"][-2:] == [TOO_FEW, "6"]


def test_candidate_comments_of_a_slice_below_five_answers_are_not_shown(client, manager):
    person = ConsultantFactory(name="Karl Kommentar")
    small, big = OrganisationFactory(), OrganisationFactory()
    answers(3, organisation=small, lead_consultant=person, comment="Hemlig kandidatkommentar")
    answers(7, organisation=big, lead_consultant=person)
    assert "Hemlig kandidatkommentar" in _page(client, manager, "/rapporter/kommentarer/")  # ten answers
    assert "Hemlig kandidatkommentar" not in _page(client, manager, "/rapporter/kommentarer/",
                                                   organisation=small.pk)
    export = client.get(f"/rapporter/export/?{query(organisation=small.pk, format='csv', table='kommentarer')}")
    assert "Hemlig kandidatkommentar" not in export.content.decode("utf-8-sig")


# --- the exports -------------------------------------------------------------------------------------

def _csv_rows(response) -> dict[str, list[str]]:
    import csv

    text = response.content.decode("utf-8-sig")
    return {row[0]: row[1:] for row in csv.reader(io.StringIO(text), delimiter=";")}


def test_the_csv_export_under_an_organisation_filter_shows_no_candidate_figure_below_five(client, coordinator):
    small, big = OrganisationFactory(), OrganisationFactory()
    answers(1, organisation=small)
    answers(5, organisation=big)
    client.force_login(coordinator)
    url = "/rapporter/export/?{}"
    rows = _csv_rows(client.get(url.format(query(organisation=small.pk, format="csv",
                                                 table="kandidat_sammanfattning"))))
    for label in ("Antal svar", "Helhetsomdöme", "Andel nöjda kandidater"):
        assert rows[label] == [TOO_FEW], label
    questions = _csv_rows(client.get(url.format(query(organisation=small.pk, format="csv", table="kandidat_fragor"))))
    assert all(not re.search(r"[1-9]", c) for label, cells in questions.items() if label != "Fråga" for c in cells)
    rows = _csv_rows(client.get(url.format(query(organisation=big.pk, format="csv", table="kandidat_sammanfattning"))))
    assert rows["Antal svar"] == ["5"]


def _sheet_cells(sheet, *, columns=None) -> list:
    """Every data cell of a sheet (below the caption and the header; row headers left out)."""
    cells = []
    for row in sheet.iter_rows(min_row=3, values_only=True):
        if not any(v is not None for v in row):
            break  # the note follows an empty row
        cells += [v for i, v in enumerate(row[1:], start=1) if columns is None or i in columns]
    return cells


def test_the_excel_export_under_an_organisation_filter_shows_no_candidate_figure_below_five(client, coordinator):
    """The issue's report: the Excel export of ?organisation= carried one candidate's answers."""
    small, big = OrganisationFactory(), OrganisationFactory()
    answers(1, organisation=small, comment="Hemlig kandidatkommentar")
    answers(5, organisation=big)
    client.force_login(coordinator)
    response = client.get(f"/rapporter/export/?{query(organisation=small.pk, format='xlsx')}")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    for name in CANDIDATE_SHEETS:
        cells = _sheet_cells(table_sheet(book, name))
        assert TOO_FEW in cells, name
        assert all(c in (None, 0, TOO_FEW) for c in cells), (name, cells)
    per_consultant = _sheet_cells(table_sheet(book, "per_konsult"), columns={4, 5, 6})  # the candidate columns
    assert all(c in (None, 0, TOO_FEW) for c in per_consultant), per_consultant
    for sheet in book.worksheets:  # every cell of every sheet
        for row in sheet.iter_rows(values_only=True):
            assert not any(isinstance(v, str) and "Hemlig" in v for v in row), sheet.title

    response = client.get(f"/rapporter/export/?{query(organisation=big.pk, format='xlsx')}")
    book = load_workbook(io.BytesIO(response.content))
    summary = table_sheet(book, "kandidat_sammanfattning")
    rows = {r[0]: r[1:] for r in summary.iter_rows(min_row=3, values_only=True) if r[0]}
    assert rows["Antal svar"][0] == 5
    assert rows["Helhetsomdöme"][0] == pytest.approx(OVERALL)


# --- the tertial PDF -----------------------------------------------------------------------------------

def _pdf_text(**kwargs) -> str:
    from reporting.pdf import render_tertial_pdf

    reader = PdfReader(io.BytesIO(render_tertial_pdf(year=2025, tertial=1, **kwargs)))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_pdf_withholds_the_department_below_five_and_a_unit_the_rest_would_reveal(_media):
    enhet_1, enhet_2 = Unit.objects.get(name="Enhet 1"), Unit.objects.get(name="Enhet 2")
    answers(3, lead_consultant=ConsultantFactory(unit=enhet_1))
    text = _pdf_text()
    assert TOO_FEW in text
    assert SEVEN not in text  # the department's three answers

    answers(5, lead_consultant=ConsultantFactory(unit=enhet_1))
    answers(2, lead_consultant=ConsultantFactory(unit=enhet_2))
    text = _pdf_text()
    department, units = text.split("Enhet: Enhet 1")[0], text.split("Enhet: Enhet 1")[1]
    assert SEVEN in department  # ten answers
    # Enhet 2 has two answers; Enhet 1's eight would give them away as the department minus Enhet 1.
    assert SEVEN not in units
    assert units.count(TOO_FEW) >= 2


# --- the kpi JSON ------------------------------------------------------------------------------------

def _kpi(**kwargs) -> dict:
    out = StringIO()
    call_command("kpi", year=2025, stdout=out, **kwargs)
    return json.loads(out.getvalue())


def test_the_kpi_json_scoped_by_consultant_or_unit_withholds_candidate_figures_below_five():
    enhet_2 = Unit.objects.get(name="Enhet 2")
    few = ConsultantFactory(unit=enhet_2, email="fa@rekrytering.example.se")
    a = answers(3, lead_consultant=few)
    for _ in range(3):
        invite("candidate", a, status="answered", sent_on=DAY)
    many = ConsultantFactory(email="manga@rekrytering.example.se")  # Enhet 1
    b = answers(5, lead_consultant=many)
    for _ in range(5):
        invite("candidate", b, status="answered", sent_on=DAY)

    for scope in ({"consultant": few.email}, {"unit": "Enhet 2"}):
        candidate = _kpi(**scope)["candidate"]
        assert candidate == {"responses": None, "invited": None, "response_rate": None, "satisfied_share": None,
                             "questions": {}}, scope
    for scope in ({"consultant": many.email}, {"unit": "Enhet 1"}):
        candidate = _kpi(**scope)["candidate"]
        assert candidate["responses"] == 5 and candidate["invited"] == 5 and candidate["response_rate"] == 1.0
        assert candidate["questions"]["ad_clear"] == {"yes_share": 1.0, "n": 5}
    # the department: eight answers of eight invitations
    assert _kpi()["candidate"]["responses"] == 8


def test_a_candidate_response_rate_needs_five_invitations(client, manager):
    a = AssignmentFactory()
    for status in ("answered",) * 5 + ("reminded",) * 3:
        invite("candidate", a, status=status, sent_on=DAY)
    for _ in range(5):
        respond("candidate", DAY, {"overall": OVERALL}, assignment=a)
    assert kpi_report(year=2025).to_json()["candidate"]["response_rate"] == pytest.approx(5 / 8)
    b = AssignmentFactory()
    for _ in range(4):
        invite("candidate", b, status="reminded", sent_on=DAY)
    mine = kpi_report(year=2025, consultant=b.lead_consultant).to_json()["candidate"]
    assert (mine["invited"], mine["response_rate"]) == (None, None)
    rows = _rows(_table(_page(client, manager, "/rapporter/", consultant=b.lead_consultant.pk),
                        "kandidat_sammanfattning"))
    assert rows["Skickade inbjudningar"][0] == TOO_FEW and rows["Svarsfrekvens"][0] == TOO_FEW
    assert rows["Skickade inbjudningar"][1] == "12"  # the department's
    assert rows["Svarsfrekvens"][1].startswith("41,7")  # 5 of 12
