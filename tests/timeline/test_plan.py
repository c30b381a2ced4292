"""An assignment's plan: laid from the standard timeline, adjusted with history, ticked, causes."""
import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from assignments.models import Package
from tests.factories import AssignmentFactory, UserFactory
from timeline.models import ClosedDay, PlanChange
from timeline.selectors import plan_step_views
from timeline.services import plan_lay, plan_step_cause_set, plan_step_move, plan_step_tick
from timeline.steps import State

from .helpers import status_change

pytestmark = pytest.mark.django_db
D = dt.date


def planned(plan):
    return {s.step: s.planned_on for s in plan.steps.all()}


def test_a_plan_is_the_standard_laid_in_working_days_from_the_start():
    plan = plan_lay(assignment=AssignmentFactory(), start_on=D(2025, 3, 3))
    dates = planned(plan)
    assert dates["start_meeting"] == D(2025, 3, 10)  # +5
    assert dates["ad_published"] == D(2025, 3, 17)  # +5
    assert dates["application_deadline"] == D(2025, 3, 31)  # +10
    assert dates["closed"] == D(2025, 5, 15)  # 50 working days, Good Friday, Easter Monday and 1 May skipped
    assert not plan.derived


def test_a_closed_day_moves_the_plan():
    ClosedDay.objects.create(date=D(2025, 3, 7), name="Personaldag")
    plan = plan_lay(assignment=AssignmentFactory(), start_on=D(2025, 3, 3))
    assert planned(plan)["start_meeting"] == D(2025, 3, 11)


def test_lilla_paketet_plan_leaves_out_what_the_package_does_not_include():
    plan = plan_lay(assignment=AssignmentFactory(package=Package.objects.get(code="LILLA")), start_on=D(2025, 3, 3))
    assert "tests" not in planned(plan) and "interviews" not in planned(plan)


def test_moving_a_step_keeps_its_history():
    user = UserFactory()
    plan = plan_lay(assignment=AssignmentFactory(), start_on=D(2025, 3, 3))
    interviews = plan.steps.get(step="interviews")
    old = interviews.planned_on
    plan_step_move(plan_step=interviews, new_date=D(2025, 4, 24), by=user, reason="Chefens kalender")
    change = PlanChange.objects.get()
    assert (change.old_date, change.new_date, change.reason, change.changed_by) == (
        old, D(2025, 4, 24), "Chefens kalender", user)
    assert change.changed_at is not None
    interviews.refresh_from_db()
    assert interviews.planned_on == D(2025, 4, 24)
    assert planned(plan)["tests"] != D(2025, 4, 24)  # later steps stay without shift_following


def test_moving_with_the_following_steps_keeps_their_distances():
    plan = plan_lay(assignment=AssignmentFactory(), start_on=D(2025, 3, 3))
    before = planned(plan)
    plan_step_move(plan_step=plan.steps.get(step="start_meeting"), new_date=D(2025, 3, 11), shift_following=True,
                   reason="Kunden kunde inte")
    after = planned(plan)
    assert after["ad_published"] == D(2025, 3, 18)
    assert after["closed"] == D(2025, 5, 16)
    assert PlanChange.objects.count() == len(before)


def test_laying_again_records_each_moved_date():
    assignment = AssignmentFactory()
    plan_lay(assignment=assignment, start_on=D(2025, 3, 3))
    plan = plan_lay(assignment=assignment, start_on=D(2025, 3, 4))
    assert planned(plan)["start_meeting"] == D(2025, 3, 11)
    assert PlanChange.objects.count() == 9


def states(assignment, on):
    return {v.plan_step.step: v.state for v in plan_step_views(assignment, on=on)}


def test_step_states_against_the_plan():
    assignment = AssignmentFactory()
    plan_lay(assignment=assignment, start_on=D(2025, 3, 3))  # start meeting 10/3, ad 17/3, deadline 31/3
    status_change(assignment, "start_meeting", D(2025, 3, 10))  # on the day: done
    status_change(assignment, "ad_published", D(2025, 3, 19), previous="start_meeting")  # two days late
    on = D(2025, 4, 2)
    got = states(assignment, on)
    assert got["start_meeting"] == State.DONE
    assert got["ad_published"] == State.DONE_LATE
    assert got["application_deadline"] == State.LATE  # 31/3, not ticked
    assert got["selection"] == State.DUE_SOON  # 7/4: three working days ahead
    assert got["interviews"] == State.ON_TIME
    assert {v.plan_step.step: v.days_late for v in plan_step_views(assignment, on=on)}["ad_published"] == 2


def test_the_due_soon_window_is_a_setting(settings):
    assignment = AssignmentFactory()
    plan_lay(assignment=assignment, start_on=D(2025, 3, 3))
    assert states(assignment, D(2025, 3, 4))["start_meeting"] == State.ON_TIME  # four working days ahead
    settings.TIMELINE_DUE_SOON_WORKING_DAYS = 4
    assert states(assignment, D(2025, 3, 4))["start_meeting"] == State.DUE_SOON


def test_a_later_status_marks_skipped_steps_done():
    assignment = AssignmentFactory()
    plan_lay(assignment=assignment, start_on=D(2025, 3, 3))
    status_change(assignment, "selection", D(2025, 3, 28))
    got = states(assignment, D(2025, 4, 1))
    assert got["start_meeting"] == State.DONE_LATE  # planned 10/3
    assert got["application_deadline"] == State.DONE  # planned 31/3, passed on 28/3
    assert got["selection"] == State.DONE


def test_status_changes_after_the_day_do_not_count():
    assignment = AssignmentFactory()
    plan_lay(assignment=assignment, start_on=D(2025, 3, 3))
    status_change(assignment, "start_meeting", D(2025, 3, 14))
    assert states(assignment, D(2025, 3, 12))["start_meeting"] == State.LATE


def test_ticking_a_step_on_time_needs_no_cause():
    assignment = AssignmentFactory()
    plan = plan_lay(assignment=assignment, start_on=D(2025, 3, 3))
    deadline = plan.steps.get(step="application_deadline")
    plan_step_tick(plan_step=deadline, done_on=D(2025, 3, 31))
    assert states(assignment, D(2025, 4, 2))["application_deadline"] == State.DONE


def test_ticking_a_step_late_requires_a_cause():
    plan = plan_lay(assignment=AssignmentFactory(), start_on=D(2025, 3, 3))
    deadline = plan.steps.get(step="application_deadline")
    with pytest.raises(ValidationError):
        plan_step_tick(plan_step=deadline, done_on=D(2025, 4, 1))
    with pytest.raises(ValidationError):
        plan_step_tick(plan_step=deadline, done_on=D(2025, 4, 1), cause="other")
    plan_step_tick(plan_step=deadline, done_on=D(2025, 4, 1), cause="few_applicants")
    deadline.refresh_from_db()
    assert (deadline.done_on, deadline.cause) == (D(2025, 4, 1), "few_applicants")


def test_a_cause_from_the_short_list_or_other_with_text():
    plan = plan_lay(assignment=AssignmentFactory(), start_on=D(2025, 3, 3))
    step = plan.steps.get(step="interviews")
    with pytest.raises(ValidationError):
        plan_step_cause_set(plan_step=step, cause="weather")
    with pytest.raises(ValidationError):
        plan_step_cause_set(plan_step=step, cause="other", cause_text="  ")
    plan_step_cause_set(plan_step=step, cause="other", cause_text="Annonsen försenad av tryckeriet")
    plan_step_cause_set(plan_step=step, cause="customer_availability", cause_text="ignoreras")
    step.refresh_from_db()
    assert (step.cause, step.cause_text) == ("customer_availability", "")


def test_a_late_step_without_a_cause_asks_for_one():
    assignment = AssignmentFactory()
    plan_lay(assignment=assignment, start_on=D(2025, 3, 3))
    view = next(v for v in plan_step_views(assignment, on=D(2025, 3, 12)) if v.plan_step.step == "start_meeting")
    assert view.state == State.LATE and view.needs_cause
    plan_step_cause_set(plan_step=view.plan_step, cause="consultant_load")
    view = next(v for v in plan_step_views(assignment, on=D(2025, 3, 12)) if v.plan_step.step == "start_meeting")
    assert not view.needs_cause and view.cause_label == "Konsultens arbetsbelastning"


def test_a_package_without_a_standard_timeline_cannot_be_planned():
    with pytest.raises(ValidationError):
        plan_lay(assignment=AssignmentFactory(package=Package.objects.get(code="KBR")), start_on=D(2025, 3, 3))


def test_who_ticked_a_step_or_gave_a_cause_is_kept():
    user = UserFactory()
    plan = plan_lay(assignment=AssignmentFactory(), start_on=D(2025, 3, 3))
    step = plan.steps.get(step="application_deadline")
    plan_step_cause_set(plan_step=step, cause="few_applicants", by=user)
    plan_step_tick(plan_step=step, done_on=D(2025, 4, 3), by=user)
    latest = step.history.order_by("-history_date", "-history_id")
    assert [(h.history_user, h.cause, h.done_on) for h in latest[:2]] == [
        (user, "few_applicants", D(2025, 4, 3)), (user, "few_applicants", None)]
