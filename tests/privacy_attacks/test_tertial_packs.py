"""Differencing across the periods of a year: a customer's T1, T2 (January-August) and year packs, the
dashboard's customer filter in the same periods and the tertial alone, the year-over-year table and the
consultant columns of a filtered dashboard. Numbers worked out by hand in each test."""
from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from customerpack.selectors import pack_build, period_for
from reporting.periods import Period
from reporting.selectors import Scope, candidate_from, kpi_report_for, survey_data_by_consultant, survey_yoy
from reporting.selectors.scope import Filters
from tests.factories import AssignmentFactory
from tests.reporting.helpers import respond

MARCH, JUNE, OCTOBER = dt.date(2025, 3, 1), dt.date(2025, 6, 1), dt.date(2025, 10, 1)


def _pack(organisation, tertial=None) -> dict:
    period = period_for(year=2025, tertial=tertial)
    return pack_build(organisation=organisation, period=period, today=dt.date(2025, 12, 31)).to_json()["candidate"]


def _answers(assignment, on: dt.date, count: int, overall: int = 9, **extra) -> None:
    for _ in range(count):
        respond("candidate", on, {"overall": overall, **extra}, assignment=assignment)


def _overall(section: dict):
    q = section["questions"].get("overall")
    return (q["n"], q["mean"]) if q else None


def _withheld(section: dict) -> bool:
    return section["responses"] is None and section["questions"] == {}


@pytest.fixture
def background(world):
    """The parent's 30 answers (10 a tertial): the department's other candidates are never too few."""
    parent = AssignmentFactory(organisation=world.parent)
    for day in (MARCH, JUNE, OCTOBER):
        _answers(parent, day, 10)
    return world


def test_t2_and_the_year_packs_do_not_differ_by_one_answer(background):
    """Another customer: 10 in March, 10 in June (overall 9), 1 in October (overall 2). T1 (10) and T2
    (20) are shown; the year (21, mean 182/21) less T2 would be the October candidate's 2: withheld."""
    other = AssignmentFactory(organisation=background.other)
    _answers(other, MARCH, 10)
    _answers(other, JUNE, 10)
    _answers(other, OCTOBER, 1, overall=2)
    assert _overall(_pack(background.other, 1)) == (10, 9.0)
    assert _overall(_pack(background.other, 2)) == (20, 9.0)
    assert _withheld(_pack(background.other))
    assert _withheld(_pack(background.other, 3))  # T3 is the year


def test_a_withheld_t2_does_not_open_the_year_less_t1(background):
    """10 in March, 2 in June, 2 in October: T2 (12) is withheld beside T1; the year (14) less T1 would be
    the four answers of May-December, so it is withheld too."""
    other = AssignmentFactory(organisation=background.other)
    _answers(other, MARCH, 10)
    _answers(other, JUNE, 2, overall=2)
    _answers(other, OCTOBER, 2, overall=2)
    assert _overall(_pack(background.other, 1)) == (10, 9.0)
    assert _withheld(_pack(background.other, 2))
    assert _withheld(_pack(background.other))


def test_differences_of_none_and_of_five_stay_shown(background):
    """10 in March, none May-August, 5 in October (overall 4): T1 10, T2 10 (a difference of none), the
    year 15 (five more): every pack shows its figures."""
    other = AssignmentFactory(organisation=background.other)
    _answers(other, MARCH, 10)
    _answers(other, OCTOBER, 5, overall=4)
    assert _overall(_pack(background.other, 1)) == (10, 9.0)
    assert _overall(_pack(background.other, 2)) == (10, 9.0)
    assert _overall(_pack(background.other)) == (15, pytest.approx((10 * 9 + 5 * 4) / 15))


def test_a_question_few_more_answered_in_t2_is_withheld_in_t2_alone(background):
    """10 in March (test_info answered by all), 6 in June, 2 of them test_info: T2 shows its 16 answers
    but not test_info (12 less T1's 10 would be two candidates' answers)."""
    other = AssignmentFactory(organisation=background.other)
    _answers(other, MARCH, 10, test_info="ja")
    _answers(other, JUNE, 2, test_info="nej")
    _answers(other, JUNE, 4)
    first, second = _pack(background.other, 1), _pack(background.other, 2)
    assert first["questions"]["test_info"]["n"] == 10
    assert second["responses"] == 16 and _overall(second) == (16, 9.0)
    assert "test_info" not in second["questions"]


def test_the_dashboards_customer_filter_decides_as_the_pack(background):
    """The dashboard filtered by the customer (organisation_id) in T1 and T2 shows what the packs show, so
    that the pack's T1 less the dashboard's T2 is no route either (10 in March, 1 in June)."""
    other = AssignmentFactory(organisation=background.other)
    _answers(other, MARCH, 10)
    _answers(other, JUNE, 1, overall=2)
    scope = Scope(filters=Filters(organisation_id=background.other.pk))
    assert _overall(kpi_report_for(scope, Period.for_report(2025, 1)).to_json()["candidate"]) == (10, 9.0)
    assert _withheld(kpi_report_for(scope, Period.for_report(2025, 2)).to_json()["candidate"])
    assert _withheld(_pack(background.other, 2))


def test_the_tertial_alone_does_not_give_away_t1_as_t2_less_it(background):
    """3 in March (T1 withheld), 10 in June: T2 (13) is shown; the dashboard's May-August alone (10) would
    make T2 less it T1's three answers, so it is withheld."""
    other = AssignmentFactory(organisation=background.other)
    _answers(other, MARCH, 3, overall=2)
    _answers(other, JUNE, 10)
    scope = Scope(filters=Filters(organisation_id=background.other.pk))
    assert _withheld(kpi_report_for(scope, Period.for_report(2025, 1)).to_json()["candidate"])
    assert _overall(kpi_report_for(scope, Period.for_report(2025, 2)).to_json()["candidate"])[0] == 13
    assert _withheld(kpi_report_for(scope, Period.tertial_alone(2025, 2)).to_json()["candidate"])


def test_the_year_over_year_table_withholds_the_years_column_as_the_year(background):
    """The year-over-year table of the customer's year (10 March, 10 June, 1 October): the 2025 column is
    the year, withheld; the table of T2 shows 2025 January-August."""
    other = AssignmentFactory(organisation=background.other)
    _answers(other, MARCH, 10)
    _answers(other, JUNE, 10)
    _answers(other, OCTOBER, 1, overall=2)
    scope = Scope(filters=Filters(organisation_id=background.other.pk))
    year = survey_yoy(kind="candidate", period=Period.for_report(2025), years=2, scope=scope)
    assert year["hidden"] == [False, True]
    t2 = survey_yoy(kind="candidate", period=Period.for_report(2025, 2), years=2, scope=scope)
    assert t2["hidden"] == [False, False]
    assert next(r for r in t2["summary"] if r["key"] == "responses")["values"] == [0, 20]


def test_a_consultant_column_of_the_customer_filtered_dashboard_decides_per_consultant(background):
    """The dashboard's columns per consultant within the customer filter: the consultant's 10 March and 1
    June answers for the customer: T1 shown, T2 withheld, as that consultant's own filtered figures."""
    other = AssignmentFactory(organisation=background.other)
    _answers(other, MARCH, 10)
    _answers(other, JUNE, 1, overall=2)
    scope = Scope(filters=Filters(organisation_id=background.other.pk))
    pk = other.lead_consultant_id
    first = candidate_from(survey_data_by_consultant(scope, Period.for_report(2025, 1))[pk])
    second = candidate_from(survey_data_by_consultant(scope, Period.for_report(2025, 2))[pk])
    assert first["responses"] == 10
    assert second["suppressed"] and second["responses"] is None


def test_the_check_costs_two_queries_whatever_the_number_of_answers(background):
    """The year's answers per tertial: one query for the answers, one for the responses; T1 needs none."""
    other = AssignmentFactory(organisation=background.other)
    scope = Scope(filters=Filters(organisation_id=background.other.pk))

    def queries(period) -> int:
        with CaptureQueriesContext(connection) as ctx:
            kpi_report_for(scope, period)
        return len(ctx.captured_queries)

    _answers(other, MARCH, 6)
    _answers(other, JUNE, 6)
    t1, t2 = queries(Period.for_report(2025, 1)), queries(Period.for_report(2025, 2))
    assert t2 == t1 + 2
    _answers(other, JUNE, 30)
    _answers(other, OCTOBER, 30)
    assert queries(Period.for_report(2025, 2)) == t2
    assert queries(Period.for_report(2025)) == t2


def test_the_departments_t2_less_its_t1_of_one_answer_is_withheld(db):
    """The department's own tertial figures (the published tertial report, the kpi JSON): 10 answers in
    March, 1 in June (overall 2): T1 shows 10; T2 (11) less T1 would be the June candidate's answer."""
    for _ in range(10):
        respond("candidate", MARCH, {"overall": 9})
    respond("candidate", JUNE, {"overall": 2})
    assert _overall(kpi_report_for(Scope(), Period.for_report(2025, 1)).to_json()["candidate"]) == (10, 9.0)
    assert _withheld(kpi_report_for(Scope(), Period.for_report(2025, 2)).to_json()["candidate"])
    assert _withheld(kpi_report_for(Scope(), Period.for_report(2025)).to_json()["candidate"])


def test_the_departments_tertials_five_apart_stay_shown(db):
    """10 in March, 5 in June, none later: T1 10, T2 15, the year 15 (none more than T2)."""
    for _ in range(10):
        respond("candidate", MARCH, {"overall": 9})
    for _ in range(5):
        respond("candidate", JUNE, {"overall": 4})
    mean = (10 * 9 + 5 * 4) / 15
    assert _overall(kpi_report_for(Scope(), Period.for_report(2025, 2)).to_json()["candidate"]) == (15, mean)
    assert _overall(kpi_report_for(Scope(), Period.for_report(2025)).to_json()["candidate"]) == (15, mean)
