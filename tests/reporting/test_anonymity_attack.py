"""The rule of five under attack (issue 10): a figure from fewer than five candidate answers inside a
slice of five or more (a question only some answered: a conditional one, "Ej aktuellt", left blank)."""
from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from reporting.selectors import kpi_report

from .dashboard_helpers import query
from .helpers import respond, table_sheet
from .test_candidate_privacy import DAY, OVERALL, _page, answers

pytestmark = pytest.mark.django_db


def _one_took_tests():
    """Six candidate answers; only one of them took tests and answered the test-information question."""
    a = answers(5)
    respond("candidate", DAY, {"ad_clear": "ja", "overall": OVERALL, "took_tests": "ja", "test_info": "nej"},
            assignment=a)
    return a


def test_the_kpi_json_shows_no_question_figure_from_fewer_than_five_candidate_answers():
    _one_took_tests()
    section = kpi_report(year=2025, tertial=1).to_json()["candidate"]
    assert section["responses"] == 6  # the slice itself is shown
    assert "ad_clear" in section["questions"]
    assert not [key for key, q in section["questions"].items() if q.get("n") and q["n"] < 5], section["questions"]


def test_the_survey_page_shows_no_question_figure_from_fewer_than_five_candidate_answers(client, manager):
    """The page showed "Relevant information om testerna 0,0 %, antal 1": the one candidate who took
    tests (whom the consultant knows) and their answer."""
    _one_took_tests()
    page = _page(client, manager, "/rapporter/enkater/")
    assert "Annonsen tydlig och begriplig" in page  # the slice's figures are shown
    for text in ("Genomfört tester", "Relevant information om testerna"):
        assert text not in page


def test_the_excel_export_shows_no_question_figure_from_fewer_than_five_candidate_answers(client, manager):
    _one_took_tests()
    client.force_login(manager)
    response = client.get(f"/rapporter/export/?{query(format='xlsx')}")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    rows = {r[0]: r[1:] for r in table_sheet(book, "kandidat_fragor").iter_rows(values_only=True) if r[0]}
    counts = {label: cells[1] for label, cells in rows.items() if isinstance(cells[1], int)}  # (share, n)
    assert counts["Annonsen tydlig och begriplig"] == 6
    assert not [label for label, n in counts.items() if n < 5], counts


def test_a_candidate_comment_shows_neither_its_date_nor_an_order_by_date(client, manager):
    """Each candidate comment was listed with its day and in date order: the consultant, who knows
    when each hire's link went out, could match a comment to the one link open that day."""
    import datetime as dt

    from reporting.periods import Period
    from reporting.selectors.comments import comments
    from reporting.selectors.scope import Scope
    from tests.factories import AssignmentFactory, ConsultantFactory

    person = ConsultantFactory(name="Karl Kommentar")
    days = [DAY + dt.timedelta(days=n) for n in range(5)]
    for day, text in zip(days, ("E sist", "D", "C", "B", "A först"), strict=True):
        a = AssignmentFactory(status="closed_hired", closed_on=day, lead_consultant=person)
        respond("candidate", day, {"ad_clear": "ja", "overall": OVERALL}, assignment=a, comment=text)
    rows = [r for r in comments(Scope(), Period.for_report(2025, 1)) if r["kind"] == "candidate"]
    assert len(rows) == 5
    assert {r["submitted_on"] for r in rows} == {None}
    assert [r["comment"] for r in rows] == ["A först", "B", "C", "D", "E sist"]  # not the order of the days
    page = _page(client, manager, "/rapporter/kommentarer/")
    table = page[page.index('id="tabell-kommentarer"'):]
    for day in days:
        assert day.isoformat() not in table


def test_the_year_over_year_sheet_shows_no_question_figure_from_fewer_than_five_candidate_answers(
        client, manager):
    _one_took_tests()
    client.force_login(manager)
    book = load_workbook(io.BytesIO(client.get(f"/rapporter/export/?{query(format='xlsx')}").content))
    rows = {r[0]: r[1:] for r in table_sheet(book, "ar_for_ar_candidate").iter_rows(values_only=True) if r[0]}
    assert any(v is not None for v in rows["Annonsen tydlig och begriplig"])
    for label in ("Genomfört tester", "Relevant information om testerna"):
        assert all(v is None for v in rows.get(label, ())), rows[label]
