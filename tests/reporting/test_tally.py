"""The pre-summed survey tally: kept current by triggers, and giving the figures the answers give.

Every test compares the tally's reading with the raw answers' on the same data, after
each kind of write the product (or an operator) can make.
"""
from __future__ import annotations

import datetime as dt
import random
import threading

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from assignments.models import Unit
from reporting.models import SurveyTally
from reporting.selectors import stats, tally
from reporting.selectors.scope import Filters, Scope
from surveys.models import Answer, Response, TrainingSession
from tests.concurrent import run_in_threads
from tests.factories import AssignmentFactory, ConsultantFactory

from .helpers import respond, version

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the tally is kept by PostgreSQL triggers"),
]

KEYS = {
    "customer": ["planning", "overall_satisfaction", "nps", "returning_customer"],
    "candidate": ["info_interviewers", "took_tests", "overall"],
    "six_month": ["match", "use_again"],
    "training": ["overall", "content"],
}
YES_NO = {"returning_customer", "info_interviewers", "took_tests", "use_again"}
PERIODS = [(dt.date(2024, 1, 1), dt.date(2025, 12, 31)), (dt.date(2025, 1, 1), dt.date(2025, 8, 31)),
           (dt.date(2025, 5, 1), dt.date(2025, 8, 31)), (dt.date(2024, 12, 1), dt.date(2024, 12, 31))]


@pytest.fixture
def world():
    rng = random.Random(11)
    unit2 = Unit.objects.get(name="Enhet 2")
    people = [ConsultantFactory(), ConsultantFactory(), ConsultantFactory(unit=unit2)]
    assignments = [AssignmentFactory(lead_consultant=people[i % 3]) for i in range(6)]
    sessions = [
        TrainingSession.objects.create(title="Kurs A", held_on=dt.date(2025, 3, 3), closes_on=dt.date(2025, 4, 3),
                                       consultant=people[2]),
        TrainingSession.objects.create(title="Kurs B", held_on=dt.date(2025, 5, 5), closes_on=dt.date(2025, 6, 5)),
    ]
    for i in range(90):
        kind = list(KEYS)[i % 4]
        on = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(730))
        answers = {k: (rng.choice(["ja", "nej"]) if k in YES_NO else rng.randint(0 if k == "nps" else 1, 10))
                   for k in KEYS[kind] if rng.random() < 0.9}
        not_applicable = [k for k in KEYS[kind] if k not in answers][:1]
        if kind == "training":
            respond(kind, on, answers, training_session=sessions[i % 2], not_applicable=not_applicable,
                    consultant=people[0] if i % 3 == 0 else None)
        else:
            respond(kind, on, answers, assignment=assignments[i % 6], not_applicable=not_applicable)
    return {"people": people, "assignments": assignments, "sessions": sessions, "unit2": unit2}


def read(monkeypatch, use_tally: bool, scope: Scope, start, end, by):
    with monkeypatch.context() as patch:
        if not use_tally:
            patch.setattr(tally, "tally_applies", lambda *args: False)
        return (stats.answer_stats(scope, start, end, by=by), stats.response_counts(scope, start, end, by=by))


def assert_tally_matches_answers(monkeypatch, world):
    people = world["people"]
    scopes = [Scope(), Scope(unit=world["unit2"]), Scope(unit=Unit.objects.get(name="Enhet 1")),
              *[Scope(consultant=p) for p in people]]
    compared = 0
    for scope in scopes:
        for start, end in PERIODS:
            for by in (None, "year", "consultant"):
                from_tally = read(monkeypatch, True, scope, start, end, by)
                from_answers = read(monkeypatch, False, scope, start, end, by)
                assert from_tally == from_answers, (scope.label, start, end, by)
                compared += bool(from_answers[0])
    assert compared > 40  # the comparisons saw figures, not empty dicts
    snapshot = _rows()
    tally.rebuild()
    assert _rows() == snapshot  # what the triggers kept is what a rebuild from the answers gives


def _rows() -> set:
    fields = ["month", "kind", "question_key", "consultant_id", "via_session", "n", "total",
              *[f"c{i}" for i in range(11)], "c_over"]
    return set(SurveyTally.objects.exclude(n=0).values_list(*fields))


def test_the_tally_reads_as_the_answers_after_inserts(monkeypatch, world):
    assert SurveyTally.objects.filter(consultant_id=tally.DEPARTMENT).exists()
    assert_tally_matches_answers(monkeypatch, world)


def test_deleting_and_editing_responses_and_answers_keeps_the_tally(monkeypatch, world):
    responses = list(Response.objects.order_by("id"))
    responses[0].delete()  # the ORM deletes its answers first
    Response.objects.filter(pk__in=[r.pk for r in responses[1:4]]).delete()
    Answer.objects.filter(question_key="nps").update(value_number=10)
    answer = Answer.objects.filter(value_number__isnull=False).first()
    answer.value_number = 11  # above the scale: counted, never a promoter bucket of its own
    answer.save()
    moved = responses[10]
    moved.submitted_on = dt.date(2025, 6, 15)
    moved.save()
    Response.objects.filter(pk=responses[11].pk).update(consultant=world["people"][1])
    Response.objects.filter(pk=responses[12].pk).update(kind="six_month")
    Response.objects.filter(pk=responses[13].pk).update(comment="Bra!")  # not a key: nothing moves
    assert_tally_matches_answers(monkeypatch, world)


def test_a_course_session_changing_consultant_moves_its_anonymous_answers(monkeypatch, world):
    session = world["sessions"][1]
    assert Response.objects.filter(training_session=session, consultant__isnull=True).exists()
    session.consultant = world["people"][1]
    session.save()
    assert_tally_matches_answers(monkeypatch, world)
    TrainingSession.objects.filter(pk=session.pk).update(consultant=None)
    assert_tally_matches_answers(monkeypatch, world)


def test_a_bulk_copy_of_answers_is_tallied(monkeypatch, world):
    response = respond("customer", dt.date(2025, 2, 2), {}, assignment=world["assignments"][0])
    with connection.cursor() as cursor, cursor.cursor.copy(
        "COPY surveys_answer (response_id, question_key, value_number, value_text, not_applicable) FROM STDIN"
    ) as copy:
        for key, value in (("planning", 7), ("overall_satisfaction", 9), ("nps", 3)):
            copy.write_row((response.pk, key, value, "", False))
    assert SurveyTally.objects.get(month=dt.date(2025, 2, 1), kind="customer", question_key="nps",
                                   consultant_id=tally.DEPARTMENT).c3 >= 1
    assert_tally_matches_answers(monkeypatch, world)


def test_filters_and_part_months_read_the_answers():
    assert tally.tally_applies(Scope(), dt.date(2025, 1, 1), dt.date(2025, 8, 31))
    assert not tally.tally_applies(Scope(filters=Filters(sector="skola")), dt.date(2025, 1, 1), dt.date(2025, 8, 31))
    assert not tally.tally_applies(Scope(), dt.date(2025, 1, 2), dt.date(2025, 8, 31))
    assert not tally.tally_applies(Scope(), dt.date(2025, 1, 1), dt.date(2025, 8, 30))


def test_rebuild_command_repairs_a_damaged_tally(monkeypatch, world, capsys):
    SurveyTally.objects.filter(question_key="planning").update(n=999)
    call_command("rebuild_survey_tally")
    assert "ombyggd" in capsys.readouterr().out
    assert not SurveyTally.objects.filter(n=999).exists()
    assert_tally_matches_answers(monkeypatch, world)


def test_a_response_written_before_its_course_session_moves_to_the_sessions_consultant(monkeypatch, world):
    # Foreign keys are checked at commit, so a bulk load may write a response before its session.
    person = world["people"][1]
    response = Response.objects.create(kind="training", version=version("training"), training_session_id=987654,
                                       submitted_on=dt.date(2025, 6, 2))
    Answer.objects.create(response=response, question_key="overall", value_number=9)
    TrainingSession.objects.create(pk=987654, title="Kurs C", held_on=dt.date(2025, 6, 1),
                                   closes_on=dt.date(2025, 7, 1), consultant=person)
    assert SurveyTally.objects.filter(month=dt.date(2025, 6, 1), question_key="overall", consultant_id=person.pk,
                                      via_session=True, n=1).exists()
    assert_tally_matches_answers(monkeypatch, world)


def test_truncating_the_answers_rebuilds_the_tally(monkeypatch, world):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE refuses pending foreign-key checks
        cursor.execute("TRUNCATE surveys_answer")
    assert not SurveyTally.objects.exclude(question_key="").exclude(n=0).exists()
    assert SurveyTally.objects.filter(question_key="", consultant_id=tally.DEPARTMENT).exclude(n=0).exists()
    assert stats.answer_stats(Scope(), dt.date(2024, 1, 1), dt.date(2025, 12, 31)) == {}


def test_a_satisfied_threshold_the_tally_cannot_count_reads_the_answers(settings):
    settings.REPORT_SATISFIED_MIN = 12
    assert not tally.tally_applies(Scope(), dt.date(2025, 1, 1), dt.date(2025, 8, 31))
    settings.REPORT_SATISFIED_MIN = 8
    assert tally.tally_applies(Scope(), dt.date(2025, 1, 1), dt.date(2025, 8, 31))


def test_the_system_check_names_missing_triggers():
    from reporting.checks import survey_tally_triggers

    assert survey_tally_triggers(databases=["default"]) == []
    with connection.cursor() as cursor:  # DDL is transactional: undone with the test
        cursor.execute("DROP TRIGGER reporting_tally_answer_insert ON surveys_answer")
    errors = survey_tally_triggers(databases=["default"])
    assert [e.id for e in errors] == ["reporting.E001"]
    assert "10 av 11" in errors[0].msg


@pytest.mark.django_db(transaction=True)
def test_a_response_submitted_while_its_session_changes_consultant_is_tallied_for_the_new_one():
    """Two transactions at once: a coordinator moves a course session to another consultant (not yet
    committed) while a participant's answer is stored. The trigger waits for the session and tallies
    the answer under the consultant the session has when both have committed."""
    first, second = ConsultantFactory(), ConsultantFactory()
    session = TrainingSession.objects.create(title="Kurs D", held_on=dt.date(2025, 3, 3),
                                             closes_on=dt.date(2025, 4, 3), consultant=first)
    version("training")
    moved, stored = threading.Event(), threading.Event()

    def coordinator():
        with transaction.atomic():
            TrainingSession.objects.filter(pk=session.pk).update(consultant=second)
            moved.set()
            stored.wait(timeout=1.0)  # the participant's answer waits for this transaction

    def participant():
        moved.wait(timeout=5)
        with transaction.atomic():
            respond("training", dt.date(2025, 3, 20), {"overall": 7}, training_session=session)
        stored.set()

    errors = run_in_threads(coordinator, participant)
    assert not errors, errors
    march = (dt.date(2025, 3, 1), dt.date(2025, 3, 31))
    assert stats.answer_stats(Scope(consultant=second), *march)[(None, "training", "overall")].n == 1
    assert stats.answer_stats(Scope(consultant=first), *march) == {}
    kept = _rows()
    tally.rebuild()
    assert _rows() == kept
