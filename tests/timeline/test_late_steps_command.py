"""`manage.py late_steps --on DAY [--consultant EMAIL] --format json`: an operator contract."""
import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import AssignmentFactory, ConsultantFactory
from timeline.services import plan_lay, plan_step_cause_set

from .helpers import status_change

pytestmark = pytest.mark.django_db
D = dt.date


def late(*args):
    out = StringIO()
    call_command("late_steps", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_it_prints_late_steps_with_working_days_and_causes():
    assignment = AssignmentFactory(reference="2025-0042")
    plan = plan_lay(assignment=assignment, start_on=D(2025, 3, 3))  # start meeting 10/3, ad 17/3
    status_change(assignment, "start_meeting", D(2025, 3, 10))
    plan_step_cause_set(plan_step=plan.steps.get(step="ad_published"), cause="customer_availability")
    assert late("--on", "2025-03-18") == [
        {"assignment": "2025-0042", "step": "ad_published", "planned": "2025-03-17", "days_late": 1,
         "cause": "customer_availability"}]
    # Monday 24/3: the weekend does not count
    assert late("--on", "2025-03-24")[0]["days_late"] == 5


def test_nothing_is_late_on_the_planned_day_or_over_the_weekend_after_it():
    assignment = AssignmentFactory()
    plan_lay(assignment=assignment, start_on=D(2025, 3, 3))
    status_change(assignment, "start_meeting", D(2025, 3, 10))
    status_change(assignment, "ad_published", D(2025, 3, 12), previous="start_meeting")
    # application deadline 31/3 (Monday)
    assert late("--on", "2025-03-31") == []
    assert late("--on", "2025-04-01")[0]["cause"] is None


def test_done_and_cancelled_assignments_are_not_late():
    closed = AssignmentFactory()
    plan_lay(assignment=closed, start_on=D(2025, 3, 3))
    status_change(closed, "closed_hired", D(2025, 6, 1))
    cancelled = AssignmentFactory(status="cancelled")
    plan_lay(assignment=cancelled, start_on=D(2025, 3, 3))
    assert late("--on", "2025-06-16") == []
    assert len(late("--on", "2025-05-30")) == 9  # before it closed, every step was late


def test_it_filters_by_consultant():
    mine = AssignmentFactory(lead_consultant=ConsultantFactory(email="Anna@rekrytering.example.se"))
    other = AssignmentFactory()
    helped = AssignmentFactory()
    helped.co_consultants.add(mine.lead_consultant)
    for assignment in (mine, other, helped):
        plan_lay(assignment=assignment, start_on=D(2025, 3, 3))
    got = late("--on", "2025-03-12", "--consultant", "anna@rekrytering.example.se")
    assert sorted(item["assignment"] for item in got) == sorted([mine.reference, helped.reference])


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError):
        late("--on", "16/6")


def test_its_query_count_does_not_grow_with_the_data(django_assert_max_num_queries):
    for _ in range(5):
        plan_lay(assignment=AssignmentFactory(), start_on=D(2025, 3, 3))
    with django_assert_max_num_queries(3):
        assert len(late("--on", "2025-06-16")) == 45
