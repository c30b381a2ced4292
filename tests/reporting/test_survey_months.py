"""The monthly survey summary gives the figures the answers give, and is never stale.

The summary (`reporting.SurveyMonth`) is rebuilt by one service from the answers: after every
write of the surveys services (their `responses_changed` signal, sent on commit), and by the
reader when a month's fingerprint (responses, last id, credit and day checksums) differs from
the responses, whoever wrote them (summed over the range first, month by month only then).
These tests compare it with the answers on the same data.
"""
from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assignments.models import Unit
from reporting.models import SurveyMonth
from reporting.periods import Period
from reporting.selectors import stats
from reporting.selectors import survey_months as summary
from reporting.selectors.scope import Filters, Scope
from reporting.survey_months import survey_months_rebuild
from surveys.models import Response, TrainingSession
from surveys.services.answering import response_submit, training_response_submit
from surveys.services.importing import responses_import
from surveys.services.training import training_session_create
from tests.factories import AssignmentFactory, ConsultantFactory, HireFactory, package
from tests.surveys.helpers import invitation_with_token
from tests.surveys.test_answering import candidate_data, customer_data

from .helpers import respond, summarise

pytestmark = pytest.mark.django_db

START, END = dt.date(2025, 1, 1), dt.date(2025, 8, 31)


@pytest.fixture
def world():
    unit1, unit2 = Unit.objects.get(name="Enhet 1"), Unit.objects.get(name="Enhet 2")
    anna, bo, cecilia = ConsultantFactory(unit=unit1), ConsultantFactory(unit=unit1), ConsultantFactory(unit=unit2)
    for i, (day, consultant) in enumerate([(dt.date(2025, 1, 31), anna), (dt.date(2025, 2, 1), bo),
                                           (dt.date(2025, 6, 3), cecilia), (dt.date(2024, 6, 3), anna),
                                           (dt.date(2025, 8, 31), cecilia), (dt.date(2025, 9, 1), anna)]):
        respond("customer", day, {"planning": i % 11, "nps": (3 * i + 4) % 11, "returning_customer": "ja"},
                assignment=AssignmentFactory(lead_consultant=consultant), not_applicable=["cooperation"])
    respond("customer", dt.date(2025, 3, 3), {"planning": 10, "nps": 0}, consultant=bo)
    respond("candidate", dt.date(2025, 4, 4), {"overall": 7, "ad_clear": "nej"}, consultant=cecilia)
    respond("candidate", dt.date(2025, 4, 5), {"overall": 8, "ad_clear": "ja"}, consultant=cecilia)
    respond("six_month", dt.date(2025, 5, 5), {"match": 9, "use_again": "ja"}, consultant=anna)
    respond("customer", dt.date(2025, 5, 6), {}, consultant=anna)  # a response without a numeric answer
    course = TrainingSession.objects.create(title="KBR vår", held_on=dt.date(2025, 3, 3),
                                            closes_on=dt.date(2025, 4, 3), consultant=cecilia)
    nobodys = TrainingSession.objects.create(title="KBR höst", held_on=dt.date(2025, 5, 5),
                                             closes_on=dt.date(2025, 6, 5))
    respond("training", dt.date(2025, 3, 20), {"overall": 6}, training_session=course)  # credited to Cecilia
    respond("training", dt.date(2025, 3, 21), {"overall": 10}, training_session=course, consultant=anna)
    respond("training", dt.date(2025, 5, 20), {"overall": 2}, training_session=nobodys)  # nobody's
    return {"anna": anna, "bo": bo, "cecilia": cecilia, "unit1": unit1, "unit2": unit2, "course": course}


def from_answers(monkeypatch, *args, **kwargs):
    with monkeypatch.context() as patched:
        patched.setattr(summary, "summary_applies", lambda *a, **k: False)
        return stats.survey_counts(*args, **kwargs)


def scopes(world):
    return [Scope(), Scope(consultant=world["anna"]), Scope(consultant=world["bo"]),
            Scope(consultant=world["cecilia"]), Scope(unit=world["unit1"]), Scope(unit=world["unit2"])]


def test_the_summary_gives_the_answers_figures_for_every_scope_and_grouping(world, monkeypatch):
    assert summary.summary_applies(Scope(), START, END)
    within = [Period.for_report(2024, 2), Period.for_report(2025, 2)]
    for scope in scopes(world):
        for by in (None, "year", "consultant"):
            expected = from_answers(monkeypatch, scope, dt.date(2024, 1, 1), END, by=by)
            assert expected[1], (scope, by)  # something to compare
            assert stats.survey_counts(scope, dt.date(2024, 1, 1), END, by=by) == expected, (scope, by)
            assert stats.survey_counts(scope, dt.date(2024, 1, 1), END, by=by, within=within) == from_answers(
                monkeypatch, scope, dt.date(2024, 1, 1), END, by=by, within=within), (scope, by)
        assert stats.survey_counts(scope, START, END, kinds=["candidate", "training"]) == from_answers(
            monkeypatch, scope, START, END, kinds=["candidate", "training"])
    assert SurveyMonth.objects.exists()


def test_the_thresholds_follow_the_satisfied_setting(world, monkeypatch, settings):
    for threshold in (0, 7, 10, 11):
        settings.REPORT_SATISFIED_MIN = threshold
        answers, _ = stats.survey_counts(Scope(), START, END)
        assert answers == from_answers(monkeypatch, Scope(), START, END)[0]
        planning = answers[(None, "customer", "planning")]
        assert (planning.n, planning.total) == (5, 0 + 1 + 2 + 4 + 10)


def test_filtered_scopes_and_part_months_read_the_answers(world):
    assert not summary.summary_applies(Scope(filters=Filters(organisation_id=1)), START, END)
    assert not summary.summary_applies(Scope(), dt.date(2025, 1, 2), END)
    assert not summary.summary_applies(Scope(), START, dt.date(2025, 8, 30))


def test_answers_written_without_a_signal_are_counted_at_the_next_read(world):
    summarise()
    before, responses = stats.survey_counts(Scope(), START, END)
    assert responses[(None, "training")] == 3
    respond("training", dt.date(2025, 7, 1), {"overall": 9}, consultant=world["bo"])  # the ORM, no signal
    after, responses = stats.survey_counts(Scope(), START, END)
    assert responses[(None, "training")] == 4
    assert after[(None, "training", "overall")].n == before[(None, "training", "overall")].n + 1
    Response.objects.filter(submitted_on=dt.date(2025, 7, 1)).delete()  # a delete lowers the count
    assert stats.survey_counts(Scope(), START, END) == (before, {**responses, (None, "training"): 3})


def test_a_month_whose_responses_are_all_gone_reads_empty(world):
    period = (dt.date(2025, 5, 1), dt.date(2025, 5, 31))
    assert stats.survey_counts(Scope(), *period)[1]
    Response.objects.filter(submitted_on__month=5, submitted_on__year=2025).delete()
    assert stats.survey_counts(Scope(), *period) == ({}, {})
    assert not SurveyMonth.objects.filter(month=dt.date(2025, 5, 1)).exists()
    # ... and when a summarised survey lost its responses in a month that keeps others
    survey_months_rebuild(months=[dt.date(2025, 4, 1)])
    Response.objects.filter(kind="candidate").delete()
    assert stats.survey_counts(Scope(), dt.date(2025, 3, 1), dt.date(2025, 4, 30))[1] == {
        (None, "customer"): 1, (None, "training"): 2}


def test_a_response_moved_to_another_month_is_counted_in_its_new_month(world):
    summarise()
    moved = Response.objects.get(kind="six_month")  # May: the range's counts, last id and credits stay the same
    Response.objects.filter(pk=moved.pk).update(submitted_on=dt.date(2025, 7, 7))  # the ORM, no signal
    stats.survey_counts(Scope(), START, END)  # the range's check finds the two months
    assert stats.survey_counts(Scope(), dt.date(2025, 5, 1), dt.date(2025, 5, 31), kinds=["six_month"]) == ({}, {})
    assert stats.survey_counts(Scope(), dt.date(2025, 7, 1), dt.date(2025, 7, 31), kinds=["six_month"])[1] == {
        (None, "six_month"): 1}
    assert set(SurveyMonth.objects.filter(kind="six_month").values_list("month", flat=True)) == {
        dt.date(2025, 7, 1)}


def test_only_the_months_that_differ_are_rebuilt(world, django_assert_num_queries):
    summarise()
    respond("customer", dt.date(2025, 2, 2), {"nps": 5}, consultant=world["anna"])  # the ORM, no signal
    with CaptureQueriesContext(connection) as stale:
        stats.survey_counts(Scope(), START, END)
    deletes = [q["sql"] for q in stale.captured_queries if q["sql"].startswith("DELETE")
               and "reporting_surveymonth" in q["sql"]]
    assert len(deletes) == 1 and "2025-02-01" in deletes[0] and "2025-03-01" not in deletes[0]
    with django_assert_num_queries(2):  # current again: the summed fingerprints, then the summary's rows
        stats.survey_counts(Scope(), START, END)


def test_a_course_session_given_another_consultant_credits_its_anonymous_answers_anew(world, monkeypatch):
    summarise()
    cecilia, bo = world["cecilia"], world["bo"]
    assert stats.survey_counts(Scope(consultant=cecilia), START, END, kinds=["training"])[1] == {
        (None, "training"): 1}
    TrainingSession.objects.filter(pk=world["course"].pk).update(consultant=bo)  # the ORM, no signal
    assert stats.survey_counts(Scope(consultant=cecilia), START, END, kinds=["training"]) == ({}, {})
    moved = stats.survey_counts(Scope(consultant=bo), START, END, kinds=["training"])
    assert moved[1] == {(None, "training"): 1} and moved[0][(None, "training", "overall")].total == 6
    assert moved == from_answers(monkeypatch, Scope(consultant=bo), START, END, kinds=["training"])


def month_rows(day: dt.date, kind: str) -> dict:
    """{(consultant id, question key): n} of the summary's own rows for the month (not the department's)."""
    return {(r.consultant_id, r.question_key): r.n for r in SurveyMonth.objects.filter(
        month=day.replace(day=1), kind=kind, is_department=False)}


def test_every_answer_service_refreshes_the_summary_after_its_commit(django_capture_on_commit_callbacks):
    today = timezone.localdate()
    assignment = AssignmentFactory()
    lead = assignment.lead_consultant.pk
    _invitation, token = invitation_with_token(assignment=assignment)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response_submit(token=token, data=customer_data())
    assert len(callbacks) >= 1
    assert month_rows(today, "customer")[(lead, "")] == 1
    assert month_rows(today, "customer")[(lead, "nps")] == 1

    hire = HireFactory(assignment=assignment)
    _invitation, token = invitation_with_token(assignment=assignment, kind="candidate", hire=hire, email=hire.email)
    with django_capture_on_commit_callbacks(execute=True):
        response_submit(token=token, data=candidate_data(took_tests="nej"))
    assert month_rows(today, "candidate")[(lead, "overall")] == 1

    _session, token = training_session_create(title="KBR", held_on=today, closes_on=today + dt.timedelta(days=7),
                                              assignment=AssignmentFactory(package=package("KBR")))
    with django_capture_on_commit_callbacks(execute=True):
        training_response_submit(token=token, data={"overall": "9", "content": "8", "delivery": "10"})
    assert sum(n for (_c, key), n in month_rows(today, "training").items() if key == "") == 1


def test_an_answer_is_stored_without_touching_the_summary_in_its_transaction(django_capture_on_commit_callbacks):
    """The rebuild is a background job started after the commit, never part of the answerer's request
    transaction (candidate anonymity: nothing written beside the answer that dates it)."""
    _invitation, token = invitation_with_token(assignment=AssignmentFactory())
    with django_capture_on_commit_callbacks(execute=False) as callbacks, \
            CaptureQueriesContext(connection) as queries:
        response_submit(token=token, data=customer_data())
    assert not any("reporting_surveymonth" in q["sql"] for q in queries.captured_queries)
    assert not SurveyMonth.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert month_rows(timezone.localdate(), "customer")


def test_the_history_import_refreshes_every_month_it_wrote_once(django_capture_on_commit_callbacks):
    AssignmentFactory(reference="2024-0001")
    content = (b"survey,assignment,submitted_on,planning,nps\n"
               b"customer,2024-0001,2025-03-05,8,9\ncustomer,2024-0001,2025-03-06,6,7\n"
               b"customer,2024-0001,2025-11-01,10,10\n")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = responses_import(content=content, filename="svar.csv")
    assert result.created == 3 and len(callbacks) == 2  # the signal, then one rebuild job for every month
    department = {(r.month, r.question_key): (r.n, r.total) for r in SurveyMonth.objects.filter(
        is_department=True, kind="customer")}
    assert department[(dt.date(2025, 3, 1), "")] == (2, 0)
    assert department[(dt.date(2025, 3, 1), "planning")] == (2, 14)
    assert department[(dt.date(2025, 11, 1), "nps")] == (1, 10)


def test_a_summary_read_is_two_queries_once_current(world, django_assert_num_queries):
    summarise()
    with django_assert_num_queries(2):
        stats.survey_counts(Scope(unit=world["unit1"]), START, END, by="year")
    respond("customer", dt.date(2025, 2, 2), {"nps": 5}, consultant=world["anna"])
    with CaptureQueriesContext(connection) as stale:
        stats.survey_counts(Scope(), START, END)
    assert any("DELETE" in q["sql"] and "reporting_surveymonth" in q["sql"] for q in stale.captured_queries)
    with django_assert_num_queries(2):  # the fingerprints, then the summary's rows
        stats.survey_counts(Scope(), START, END)


def test_the_nps_trend_from_the_summary_equals_the_one_from_the_answers(world, monkeypatch):
    from reporting.selectors.nps_trend import nps_by_tertial

    for scope in scopes(world):
        for period in (Period.for_report(2025, 2), Period.for_report(2025)):
            summarised = nps_by_tertial(scope, period)
            with monkeypatch.context() as patched:
                patched.setattr(summary, "summary_applies", lambda *a, **k: False)
                assert summarised == nps_by_tertial(scope, period), (scope, period)
    assert any(t["n"] for t in nps_by_tertial(Scope(), Period.for_report(2025)))


def test_a_page_compares_the_summary_once_and_still_sees_every_answer(world, django_assert_num_queries):
    summarise()
    respond("customer", dt.date(2025, 2, 2), {"nps": 5}, consultant=world["anna"])  # the ORM, no signal
    with CaptureQueriesContext(connection) as entering, summary.checked_once(dt.date(2024, 1, 1), END):
        with django_assert_num_queries(1):  # the rows only: the block compared the months as it started
            _answers, responses = stats.survey_counts(Scope(), START, END)
        with django_assert_num_queries(1):
            stats.survey_counts(Scope(), dt.date(2024, 1, 1), dt.date(2024, 12, 31), by="year")
    assert responses[(None, "customer")] == 7  # the answer stored before the block is counted
    assert any("DELETE" in q["sql"] and "reporting_surveymonth" in q["sql"] for q in entering.captured_queries)
    with django_assert_num_queries(2):  # outside the block every read compares again
        stats.survey_counts(Scope(), START, END)


def test_two_periods_fetched_together_give_each_period_s_own_figures(world):
    from reporting.selectors import survey_data, survey_data_for_periods

    summarise()
    for scope in [*scopes(world), Scope(filters=Filters(sector="skola"))]:
        for period in (Period.for_report(2025, 2), Period.for_report(2025), Period.tertial_alone(2025, 1)):
            periods = [period, period.year_earlier()]
            assert [vars(d) for d in survey_data_for_periods(scope, periods)] == [
                vars(survey_data(scope, p)) for p in periods], (scope, period)
    with pytest.raises(ValueError):
        survey_data_for_periods(Scope(), [Period.for_report(2025, 1), Period.tertial_alone(2025, 2)])
