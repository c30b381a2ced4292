"""CSV and Excel exports carry the dashboard's numbers and parse back."""
import csv
import io

import pytest
from openpyxl import load_workbook

from assignments.models import Package
from reporting.dashboard.tables import INT, TEXT, Cell, Column, Table
from reporting.exports import table_csv, tables_xlsx
from reporting.selectors import kpi_report
from tests.assignments.test_views_list import ATTACK, HIDDEN_ATTACKS, in_xlsx

from .dashboard_helpers import candidate_answers, query
from .helpers import sheet_codes, table_sheet
from .sample_loader import load_samples

pytestmark = pytest.mark.django_db


def _csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def test_the_csv_export_parses_back_to_the_kpi_numbers(client, manager):
    load_samples()
    client.force_login(manager)
    response = client.get("/rapporter/export/?year=2025&tertial=2&format=csv&table=kund_sammanfattning")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="kund_sammanfattning.csv"' in response["Content-Disposition"]
    rows = {row[0]: row[1:] for row in _csv(response)}
    report = kpi_report(year=2025, tertial=2).to_json()["customer"]
    assert _number(rows["NPS"][0]) == pytest.approx(report["nps"], abs=1e-9)
    assert _number(rows["Totalt medelvärde"][0]) == pytest.approx(report["total_mean"], abs=1e-9)
    assert _number(rows["Andel nöjda kunder"][0]) == pytest.approx(report["satisfied_share"] * 100, abs=1e-9)
    assert int(rows["Antal svar"][0]) == report["responses"]


def test_the_excel_export_has_every_dashboard_table_with_the_same_numbers(client, manager):
    load_samples()
    client.force_login(manager)
    response = client.get("/rapporter/export/?year=2025&tertial=2&format=xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    for name in ("kund_sammanfattning", "kund_fragor", "kandidat_fragor", "paketmix", "intakt_per_konsult",
                 "ledtider", "forsenade", "nya_chefer", "kommentarer", "ar_for_ar_customer", "per_konsult"):
        assert name in sheet_codes(book), name
    sheet = table_sheet(book, "uppdrag_sammanfattning")
    rows = {r[0]: r[1:] for r in sheet.iter_rows(min_row=3, values_only=True) if r[0]}
    report = kpi_report(year=2025, tertial=2).to_json()["assignments"]
    assert rows["Intäkt"][0] == pytest.approx(report["revenue_sek"])
    assert rows["Beställda uppdrag"][0] == report["ordered"]
    packages = {r[0]: r[1] for r in table_sheet(book, "paketmix").iter_rows(min_row=3, values_only=True) if r[0]}
    names = dict(Package.objects.values_list("code", "name"))  # people read package names, not codes
    assert {k: v for k, v in packages.items() if k in names.values()} == {
        names[code]: n for code, n in report["by_package"].items()}


def test_a_hidden_cell_stays_hidden_in_the_export(client, consultant_user):
    candidate_answers(consultant_user.consultant, 3)
    client.force_login(consultant_user)
    response = client.get(f"/rapporter/export/?{query(format='csv', table='kandidat_sammanfattning')}")
    rows = {row[0]: row[1:] for row in _csv(response)}
    assert rows["Antal svar"][0] == "För få svar för att visa"
    assert rows["Antal svar"][1] == "För få svar för att visa"  # the department has the same three answers


def test_it_refuses_an_unknown_table_or_format(client, manager):
    client.force_login(manager)
    assert client.get(f"/rapporter/export/?{query(format='csv', table='finns_inte')}").status_code == 404
    response = client.get(f"/rapporter/export/?{query(format='pdf', table='paketmix')}")
    assert response.status_code == 400
    assert "Okänt format" in response.content.decode()
    assert client.get(f"/rapporter/export/?{query(format='csv')}").status_code == 400


# Formulas neutralised in the dashboard's CSV and Excel (the guard: tests/assignments/test_views_list.py).
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


@pytest.mark.parametrize("attack", HIDDEN_ATTACKS)
def test_the_dashboard_csv_and_excel_neutralise_formulas_behind_blanks(attack):
    table = Table(name="t", caption=attack, columns=[Column("Namn", TEXT), Column("Antal", INT)])
    table.add(attack, Cell(-3, INT))
    row = list(csv.reader(io.StringIO(table_csv(table).decode("utf-8-sig")), delimiter=";"))[1]
    assert row == ["'" + attack, "-3"]
    sheet = load_workbook(io.BytesIO(tables_xlsx([table]))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == in_xlsx("'" + attack)
    assert rows[2] == (in_xlsx("'" + attack), -3)
