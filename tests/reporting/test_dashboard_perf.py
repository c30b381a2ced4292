"""Speed seams of the dashboard: the grouped selectors it uses give the same figures as one at a time."""
import datetime as dt

import pytest

from assignments.models import Assignment
from reporting.periods import Period
from reporting.selectors import (
    Scope,
    candidate_from,
    customer_from,
    new_customer_names,
    open_load,
    survey_data,
    survey_data_by_consultant,
    survey_yoy,
)
from reporting.selectors.stats import answer_stats
from tests.factories import AssignmentFactory, ConsultantFactory

from .dashboard_helpers import candidate_answers, customer_answers
from .helpers import respond

pytestmark = pytest.mark.django_db


def test_answers_grouped_by_consultant_equal_each_consultants_own_figures():
    period = Period.for_report(2025, 1)
    people = [ConsultantFactory() for _ in range(3)]
    for i, person in enumerate(people):
        customer_answers(person, 2 + i, nps=5 + 2 * i)
        candidate_answers(person, 1 + 3 * i)
    respond("training", dt.date(2025, 3, 1), {"overall": 7})  # no consultant: in no one's group
    grouped = survey_data_by_consultant(Scope(), period, kinds=("customer", "candidate"))
    assert set(grouped) == {p.pk for p in people}
    for person in people:
        own = survey_data(Scope(consultant=person), period)
        assert customer_from(grouped[person.pk]) == customer_from(own)
        assert candidate_from(grouped[person.pk]) == candidate_from(own)
    by_year = answer_stats(Scope(), dt.date(2024, 1, 1), dt.date(2025, 12, 31), by="year", kinds=["customer"])
    assert {year for (year, _kind, _key) in by_year} == {2025}
    assert {kind for (_year, kind, _key) in by_year} == {"customer"}
    with pytest.raises(ValueError):
        answer_stats(Scope(), period.start, period.end, by="weekday")


def test_year_over_year_for_several_kinds_equals_one_kind_at_a_time():
    respond("customer", dt.date(2024, 5, 1), {"planning": 6, "nps": 9})
    respond("customer", dt.date(2025, 5, 1), {"planning": 8, "nps": 3})
    respond("six_month", dt.date(2025, 6, 1), {"match": 7, "use_again": "ja"})
    together = survey_yoy(kinds=["customer", "six_month"], last_year=2025, years=3)
    assert together == {kind: survey_yoy(kind=kind, last_year=2025, years=3) for kind in ("customer", "six_month")}
    with pytest.raises(ValueError):
        survey_yoy(last_year=2025)


def test_new_customer_names_and_the_open_load_come_from_the_selectors():
    person = ConsultantFactory(name="Lena Last")
    AssignmentFactory(ordered_on=dt.date(2024, 5, 1), contact__name="Gammal Chef", lead_consultant=person,
                      status="selection")
    AssignmentFactory(ordered_on=dt.date(2025, 2, 1), contact__name="Ny Chef", organisation__name="Nya förv.",
                      lead_consultant=person, status="selection", role_level="chef")
    names = new_customer_names(Scope(), Period.for_report(2025, 1))
    assert names == {"hiring_managers": [("Ny Chef", "Nya förv.")], "organisations": ["Nya förv."]}
    assert Assignment.objects.count() == 2
    assert open_load(Scope()) == [{"name": "Lena Last", "open": 2, "manager_roles": 1}]


def test_the_grouped_fetch_gives_the_same_scope_figures_as_survey_data():
    from reporting.selectors import six_month_from, survey_data_with_consultants, training_from

    period = Period.for_report(2025, 1)
    for i, person in enumerate([ConsultantFactory() for _ in range(3)]):
        customer_answers(person, 1 + i, nps=3 + 3 * i, overall=6 + i)
        candidate_answers(person, 2 + i)
    respond("training", dt.date(2025, 3, 1), {"overall": 7, "content": 8})  # no consultant
    respond("six_month", dt.date(2025, 2, 1), {"match": 9, "use_again": "nej"})
    for scope in (Scope(), Scope(consultant=Assignment.objects.first().lead_consultant)):
        together, by_consultant = survey_data_with_consultants(scope, period)
        alone = survey_data(scope, period)
        for build in (customer_from, candidate_from, six_month_from, training_from):
            assert build(together) == build(alone)
        assert by_consultant == survey_data_by_consultant(scope, period)
