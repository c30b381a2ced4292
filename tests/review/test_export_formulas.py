"""Every spreadsheet export neutralises text a spreadsheet would run as a formula."""
import csv
import io
from datetime import date as D

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reporting.dashboard.tables import INT, TEXT, Cell, Column, Table
from reporting.exports import table_csv, tables_xlsx
from tests.factories import AssignmentFactory, package

ATTACK = '=HYPERLINK("http://evil.example","klicka")'


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
def test_it_neutralises_formulas_in_the_goals_excel(client, coordinator):
    from goals.models import Indicator

    AssignmentFactory(package=package("SEARCH"), ordered_on=D(2025, 3, 1))
    client.force_login(coordinator)
    client.get(reverse("goals:export", args=[2025]), {"tertial": "T1"})  # makes sure the plan exists
    indicator = Indicator.objects.filter(plan__year=2025).first()
    Indicator.objects.filter(pk=indicator.pk).update(name=ATTACK, kf_target="-1+1", target_text="@x")
    response = client.get(reverse("goals:export", args=[2025]), {"tertial": "T1"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    row = next(r for r in sheet.iter_rows() if r[0].value == "'" + ATTACK)
    assert [c.value for c in row[:3]] == ["'" + ATTACK, "'@x", "'-1+1"]
    assert all(cell.data_type != "f" for r in sheet.iter_rows() for cell in r)
