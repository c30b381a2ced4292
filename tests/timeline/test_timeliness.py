"""The kpi JSON's "timeliness": decisions met as planned, late steps by cause, median working days late."""
import datetime as dt

import pytest
from django.db.models import Q

from tests.factories import AssignmentFactory
from timeline.selectors import timeliness, timeliness_report
from timeline.services import plan_lay, plan_step_cause_set
from timeline.steps import Cause
from timeline.workdays import calendar_load

pytestmark = pytest.mark.django_db
D = dt.date
START, END = D(2025, 1, 1), D(2025, 8, 31)


MARCH_3 = D(2025, 3, 3)


def _plan(assignment, start_on=MARCH_3, *, open_from=None):
    """A plan (decision 8/5, closed 15/5) with every step ticked on its planned date, but from `open_from` on."""
    plan = plan_lay(assignment=assignment, start_on=start_on)
    for step in plan.steps.all():
        if open_from is None or step.position < open_from:
            step.done_on = step.planned_on
            step.save(update_fields=["done_on"])
    return plan


def test_it_counts_decisions_met_late_steps_by_cause_and_the_median_delay():
    _plan(AssignmentFactory())
    late = _plan(AssignmentFactory(), open_from=7)  # decision and closed still open
    plan_step_cause_set(plan_step=late.steps.get(step="decision"), cause=Cause.CUSTOMER)
    _plan(AssignmentFactory(status="cancelled"), open_from=0)
    _plan(AssignmentFactory(), start_on=D(2025, 10, 1), open_from=0)  # planned after the period

    result = timeliness(start=START, end=END, on=END)

    calendar = calendar_load()
    delays = [calendar.between(D(2025, 5, 8), END), calendar.between(D(2025, 5, 15), END)]
    assert result == {
        "planned_on_time_share": 0.5,
        "late_by_cause": {"customer_availability": 1, "few_applicants": 0, "candidate_withdrew": 0,
                          "consultant_load": 0, "other": 0, "none": 1},
        "median_days_late": sum(delays) / 2,
    }


def test_a_step_done_late_counts_and_steps_after_the_day_are_not_judged():
    plan = _plan(AssignmentFactory(), open_from=7)
    decision = plan.steps.get(step="decision")
    decision.done_on = D(2025, 5, 12)  # Monday after Thursday 8/5: two working days late
    decision.save(update_fields=["done_on"])
    result = timeliness(start=START, end=END, on=D(2025, 5, 13))
    assert result["planned_on_time_share"] == 0.0
    assert result["late_by_cause"]["none"] == 1  # the decision; closing (15/5) is not due yet
    assert result["median_days_late"] == 2.0
    # a decision due on the day and not reached is not judged yet
    assert timeliness(start=START, end=END, on=D(2025, 5, 8))["planned_on_time_share"] is None


def test_it_is_empty_without_plans_and_follows_the_scope():
    empty = timeliness(start=START, end=END, on=END)
    assert empty["planned_on_time_share"] is None and empty["median_days_late"] is None
    assert set(empty["late_by_cause"].values()) == {0}
    mine = AssignmentFactory()
    _plan(mine, open_from=7)
    _plan(AssignmentFactory())
    scoped = timeliness(start=START, end=END, on=END,
                        assignments=Q(plan__assignment__lead_consultant=mine.lead_consultant))
    assert scoped["planned_on_time_share"] == 0.0
    assert scoped["late_by_cause"]["none"] == 2


def test_its_query_count_does_not_grow_with_the_data(django_assert_num_queries):
    for i in range(4):
        _plan(AssignmentFactory(), open_from=i * 2)
    with django_assert_num_queries(3):
        timeliness(start=START, end=END, on=END)


def test_the_report_gives_lead_times_planned_against_actual_causes_per_tertial_and_late_per_consultant():
    on_time = AssignmentFactory()
    _plan(on_time)
    late = _plan(AssignmentFactory(package=on_time.package), open_from=7)  # decision and closed still open
    decision = late.steps.get(step="decision")
    plan_step_cause_set(plan_step=decision, cause=Cause.FEW_APPLICANTS)
    cancelled = _plan(AssignmentFactory(status="cancelled"), open_from=0)

    report = timeliness_report(start=START, end=END, on=END)

    assert report["summary"] == timeliness(start=START, end=END, on=END) | {"decisions": 2, "decisions_met": 1}
    calendar = calendar_load()
    first = report["lead_times"][0]
    assert first["package"] == on_time.package.code and first["n"] == 2
    start_meeting = on_time.plan.steps.get(position=0)
    assert first["step"] == start_meeting.step
    assert first["planned_days"] == first["actual_days"] == calendar.between(MARCH_3, start_meeting.planned_on)
    steps = [row["step"] for row in report["lead_times"]]
    assert "decision" in steps and steps.index("decision") < steps.index("closed")  # in the process's order
    assert next(row for row in report["lead_times"] if row["step"] == "decision")["n"] == 1  # only the done one
    # the late decision (8/5) and closing (15/5) are in T2 2025
    assert report["causes_by_tertial"] == [
        {"year": 2025, "tertial": 2, "late_by_cause": {"customer_availability": 0, "few_applicants": 1,
                                                      "candidate_withdrew": 0, "consultant_load": 0,
                                                      "other": 0, "none": 1}}]
    by_name = {row["name"]: row for row in report["by_consultant"]}
    assert by_name[on_time.lead_consultant.name] == {"name": on_time.lead_consultant.name, "assignments": 1,
                                                     "late_assignments": 0}
    assert by_name[late.assignment.lead_consultant.name]["late_assignments"] == 1
    assert cancelled.assignment.lead_consultant.name not in by_name


def test_the_report_is_empty_without_plans_and_its_query_count_does_not_grow(django_assert_num_queries):
    empty = timeliness_report(start=START, end=END, on=END)
    assert empty["lead_times"] == empty["causes_by_tertial"] == empty["by_consultant"] == []
    assert empty["summary"]["decisions"] == 0
    for i in range(4):
        _plan(AssignmentFactory(), open_from=i * 2)
    with django_assert_num_queries(3):
        timeliness_report(start=START, end=END, on=END)
