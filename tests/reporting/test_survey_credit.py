"""Survey figures come from the answers, and each answer counts for one consultant by one rule.

The rule (`reporting.selectors.scope.credited_consultant`): the response's own consultant,
else its course session's. Every figure below is computed by hand from six responses.
"""
from __future__ import annotations

import datetime as dt

import pytest

from assignments.models import Unit
from goals.context import Context
from goals.measures import MEASURES
from reporting.periods import Period
from reporting.selectors import comments, stats, survey_data_by_consultant
from reporting.selectors.scope import Scope
from surveys.models import TrainingSession
from tests.factories import AssignmentFactory, ConsultantFactory

from .helpers import respond

pytestmark = pytest.mark.django_db

START, END = dt.date(2025, 1, 1), dt.date(2025, 8, 31)


@pytest.fixture
def world():
    unit1, unit2 = Unit.objects.get(name="Enhet 1"), Unit.objects.get(name="Enhet 2")
    anna, bo, cecilia = ConsultantFactory(unit=unit1), ConsultantFactory(unit=unit1), ConsultantFactory(unit=unit2)
    respond("customer", dt.date(2025, 2, 10), {"planning": 8, "nps": 10}, assignment=AssignmentFactory(
        lead_consultant=anna))
    respond("customer", dt.date(2025, 6, 3), {"planning": 4, "nps": 3}, assignment=AssignmentFactory(
        lead_consultant=cecilia))
    course = TrainingSession.objects.create(title="KBR vår", held_on=dt.date(2025, 3, 3),
                                            closes_on=dt.date(2025, 4, 3), consultant=cecilia)
    nobodys = TrainingSession.objects.create(title="KBR höst", held_on=dt.date(2025, 5, 5),
                                             closes_on=dt.date(2025, 6, 5))
    # Imported without a consultant: credited to the course's (Cecilia).
    respond("training", dt.date(2025, 3, 20), {"overall": 6}, training_session=course, comment="Bra kurs.")
    # A consultant of its own wins over the course's.
    respond("training", dt.date(2025, 3, 21), {"overall": 10}, training_session=course, consultant=anna)
    # Neither: the department's only.
    respond("training", dt.date(2025, 5, 20), {"overall": 2}, training_session=nobodys)
    # Outside the period.
    respond("training", dt.date(2024, 12, 30), {"overall": 9}, training_session=course)
    return {"anna": anna, "bo": bo, "cecilia": cecilia, "unit1": unit1, "unit2": unit2}


def figures(scope: Scope) -> dict:
    answers, responses = stats.survey_counts(scope, START, END)
    return {
        "answers": {(kind, key): (s.n, s.total) for (_group, kind, key), s in answers.items()},
        "responses": {kind: n for (_group, kind), n in responses.items()},
    }


def test_the_department_counts_every_answer(world):
    assert figures(Scope()) == {
        "answers": {("customer", "planning"): (2, 12), ("customer", "nps"): (2, 13), ("training", "overall"): (3, 18)},
        "responses": {"customer": 2, "training": 3},
    }


def test_a_consultant_gets_their_own_answers_and_their_courses_anonymous_ones(world):
    assert figures(Scope(consultant=world["cecilia"])) == {
        "answers": {("customer", "planning"): (1, 4), ("customer", "nps"): (1, 3), ("training", "overall"): (1, 6)},
        "responses": {"customer": 1, "training": 1},
    }
    assert figures(Scope(consultant=world["anna"])) == {
        "answers": {("customer", "planning"): (1, 8), ("customer", "nps"): (1, 10), ("training", "overall"): (1, 10)},
        "responses": {"customer": 1, "training": 1},
    }
    assert figures(Scope(consultant=world["bo"])) == {"answers": {}, "responses": {}}


def test_a_unit_gets_its_consultants_credited_answers(world):
    assert figures(Scope(unit=world["unit2"])) == figures(Scope(consultant=world["cecilia"]))
    assert figures(Scope(unit=world["unit1"])) == figures(Scope(consultant=world["anna"]))


def test_grouping_by_consultant_uses_the_same_rule_as_a_consultants_scope(world):
    answers, responses = stats.survey_counts(Scope(), START, END, by="consultant", kinds=["training"])
    assert {group: (s.n, s.total) for (group, _kind, _key), s in answers.items()} == {
        world["anna"].pk: (1, 10), world["cecilia"].pk: (1, 6), None: (1, 2)}
    assert responses == {(world["anna"].pk, "training"): 1, (world["cecilia"].pk, "training"): 1,
                         (None, "training"): 1}
    period = Period.for_report(2025, 2)
    by_consultant = survey_data_by_consultant(Scope(), period)
    for person in (world["anna"], world["cecilia"]):
        own, _ = stats.survey_counts(Scope(consultant=person), START, END)
        assert by_consultant[person.pk].answers == {(kind, key): s for (_g, kind, key), s in own.items()}


def test_a_comment_is_shown_under_the_consultant_it_is_credited_to(world):
    rows = comments(Scope(), Period.for_report(2025, 2))
    assert [(r["consultant_id"], r["consultant"], r["comment"]) for r in rows] == [
        (world["cecilia"].pk, world["cecilia"].name, "Bra kurs.")]
    own = comments(Scope(consultant=world["cecilia"]), Period.for_report(2025))
    assert [r["comment"] for r in own] == ["Bra kurs."]


def test_a_goal_measure_on_survey_answers_uses_the_same_rule(world):
    ctx = Context(year=2025, periods=("year",), consultant=world["cecilia"])
    share = MEASURES["question_satisfied_share"].compute(ctx, {"survey": "training", "question": "overall", "min": 6})
    assert share == {"year": 100.0}  # the course's anonymous 6 (the 9 of December 2024 is outside the year)
