"""Every spreadsheet export neutralises text a spreadsheet would run as a formula."""
import csv
import io
from datetime import date as D

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from recruitment.workbooks import spreadsheet_safe
from reporting.dashboard.tables import INT, TEXT, Cell, Column, Table
from reporting.exports import table_csv, tables_xlsx
from tests.factories import AssignmentFactory, OrganisationFactory, package

ATTACK = '=HYPERLINK("http://evil.example","klicka")'
# A spreadsheet runs a formula behind leading blanks too, and a leading tab or carriage return
# starts a new cell or line it may evaluate.
HIDDEN_ATTACKS = [" " + ATTACK, "\t" + ATTACK, "\r" + ATTACK, " \t @SUM(A1)", "\r\n-1+1", "\tklicka", "\rklicka"]



def _in_xlsx(text: str) -> str:
    """What reading an .xlsx gives back for `text`: XML stores line breaks as line feeds."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize("text", [ATTACK, "+1", "-1", "@x", *HIDDEN_ATTACKS])
def test_the_formula_guard_neutralises_formulas_behind_blanks_and_leading_tabs_or_returns(text):
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("value", ["Organisation", " text", "1-2", "a=b", "", -3, 2.5, D(2025, 1, 1), None])
def test_the_formula_guard_leaves_plain_text_numbers_and_dates_alone(value):
    assert spreadsheet_safe(value) == value


def _table() -> Table:
    table = Table(name="t", caption="@caption", columns=[Column("Namn", TEXT), Column("Text", TEXT),
                                                          Column("Antal", INT)])
    table.add("+Organisation", Cell(ATTACK, TEXT), Cell(-3, INT))
    return table


def test_it_neutralises_formulas_in_the_dashboard_csv():
    text = table_csv(_table()).decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(text), delimiter=";"))[1]
    assert row == ["'+Organisation", "'" + ATTACK, "-3"]


def test_it_neutralises_formulas_in_the_dashboard_excel():
    sheet = load_workbook(io.BytesIO(tables_xlsx([_table()]))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "'@caption"
    assert rows[2] == ("'+Organisation", "'" + ATTACK, -3)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


@pytest.mark.django_db
@pytest.mark.parametrize("attack", [ATTACK, " " + ATTACK, "\t" + ATTACK, "\r" + ATTACK])
def test_it_neutralises_formulas_in_the_goals_excel(client, coordinator, attack):
    from goals.models import Indicator

    AssignmentFactory(package=package("SEARCH"), ordered_on=D(2025, 3, 1))
    client.force_login(coordinator)
    client.get(reverse("goals:export", args=[2025]), {"tertial": "T1"})  # makes sure the plan exists
    indicator = Indicator.objects.filter(plan__year=2025).first()
    Indicator.objects.filter(pk=indicator.pk).update(name=attack, kf_target=" -1+1", target_text="\t@x")
    response = client.get(reverse("goals:export", args=[2025]), {"tertial": "T1"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    row = next(r for r in sheet.iter_rows() if r[0].value == _in_xlsx("'" + attack))
    assert [c.value for c in row[:3]] == [_in_xlsx("'" + attack), "'\t@x", "' -1+1"]
    assert all(cell.data_type != "f" for r in sheet.iter_rows() for cell in r)


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
    assert row[header.index("role_title")] == _in_xlsx("'" + attack)
    assert all(cell.data_type != "f" for r in sheet.iter_rows() for cell in r)


@pytest.mark.parametrize("attack", HIDDEN_ATTACKS)
def test_the_dashboard_csv_and_excel_neutralise_formulas_behind_blanks(attack):
    table = Table(name="t", caption=attack, columns=[Column("Namn", TEXT), Column("Antal", INT)])
    table.add(attack, Cell(-3, INT))
    row = list(csv.reader(io.StringIO(table_csv(table).decode("utf-8-sig")), delimiter=";"))[1]
    assert row == ["'" + attack, "-3"]
    sheet = load_workbook(io.BytesIO(tables_xlsx([table]))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == _in_xlsx("'" + attack)
    assert rows[2] == (_in_xlsx("'" + attack), -3)
