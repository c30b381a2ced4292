"""Reads: each plan step with its actual date and state (the late lists: `late.py`), the period's timeliness.

Actual dates come from the register's status changes: a step is done on the first day the assignment
reached its status or a later step's status; a step without a status (application deadline, decision)
is done when ticked or when the process has passed it. Every function here runs a fixed number of
queries whatever the number of assignments.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from statistics import median
from typing import NamedTuple

from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

from assignments.models import CLOSED_STATUSES, Status, StatusChange
from recruitment.periods import tertial_of

from .models import PlanStep
from .steps import LATE_STATES, POSITION, STATUS_STEP, Cause, State, Step
from .workdays import Calendar, calendar_load


def due_soon_days() -> int:
    return getattr(settings, "TIMELINE_DUE_SOON_WORKING_DAYS", 3)


@dataclass(frozen=True)
class StepView:
    plan_step: PlanStep
    done_on: dt.date | None
    state: str
    days_late: int  # working days after the planned date (to `on`, or to the day it was done)

    @property
    def label(self) -> str:
        return Step(self.plan_step.step).label

    @property
    def state_label(self) -> str:
        return State(self.state).label

    @property
    def cause_label(self) -> str:
        return cause_label(self.plan_step.cause, self.plan_step.cause_text)

    @property
    def needs_cause(self) -> bool:
        return self.state in (State.LATE, State.DONE_LATE) and not self.plan_step.cause


def cause_label(cause: str, cause_text: str) -> str:
    """A cause of delay as shown: its label, with the text after "Annat"; "" without a cause."""
    if not cause:
        return ""
    if cause == Cause.OTHER:
        return f"{Cause.OTHER.label}: {cause_text}"
    return Cause(cause).label
def _assignment_in(ids) -> Q:
    """A status change's assignment_id in `ids`: on PostgreSQL one array parameter (`= ANY`, the index
    still used; hundreds of ids cost no more to send than one), elsewhere one parameter per id."""
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        column = f"{quote(StatusChange._meta.db_table)}.{quote('assignment_id')}"
        # the names quoted from the model, the ids one parameter
        return Q(RawSQL(f"{column} = ANY(%s)", [sorted(ids)], output_field=BooleanField()))  # noqa: S611
    return Q(assignment_id__in=ids)


def reached_positions(assignment_ids, *, on: dt.date) -> dict[int, dict[int, dt.date]]:
    """{assignment id: {step position: first day its status was reached}} from status changes up to `on`.

    No assignments: no query (on every database alike)."""
    reached: dict[int, dict[int, dt.date]] = defaultdict(dict)
    if not assignment_ids:
        return reached
    changes = (StatusChange.objects.filter(_assignment_in(assignment_ids), changed_on__lte=on,
                                           to_status__in=list(STATUS_STEP))
               .order_by().values_list("assignment_id", "to_status", "changed_on"))
    for assignment_id, status, day in changes:
        position = POSITION[STATUS_STEP[Status(status)]]
        known = reached[assignment_id].get(position)
        if known is None or day < known:
            reached[assignment_id][position] = day
    return reached


def step_done_on(plan_step, reached: dict[int, dt.date], *, on: dt.date) -> dt.date | None:
    """The day a step was done by `on` (None: open); `plan_step` is a PlanStep or a row with its
    `position` and `done_on`."""
    days = [day for position, day in reached.items() if position >= plan_step.position]
    if plan_step.done_on and plan_step.done_on <= on:
        days.append(plan_step.done_on)
    return min(days) if days else None


def step_state(*, planned_on: dt.date, done_on: dt.date | None, on: dt.date, calendar: Calendar,
               soon: int) -> tuple[str, int]:
    if done_on is not None:
        late = calendar.between(planned_on, done_on)
        return (State.DONE_LATE if late else State.DONE), late
    late = calendar.between(planned_on, on)
    if late:
        return State.LATE, late
    if calendar.between(on, planned_on) <= soon:
        return State.DUE_SOON, 0
    return State.ON_TIME, 0


def step_views(plan_steps, *, on: dt.date, calendar: Calendar | None = None) -> list[StepView]:
    """StepViews for plan steps (with `plan` loaded), in their order; two queries at most."""
    plan_steps = list(plan_steps)
    calendar = calendar or calendar_load()
    reached = reached_positions({s.plan.assignment_id for s in plan_steps}, on=on)
    soon, views = due_soon_days(), []
    for plan_step in plan_steps:
        done_on = step_done_on(plan_step, reached.get(plan_step.plan.assignment_id, {}), on=on)
        state, late = step_state(planned_on=plan_step.planned_on, done_on=done_on, on=on, calendar=calendar,
                                 soon=soon)
        views.append(StepView(plan_step, done_on, state, late))
    return views


def plan_step_views(assignment, *, on: dt.date) -> list[StepView]:
    steps = PlanStep.objects.filter(plan__assignment=assignment).select_related("plan").order_by("position")
    return step_views(steps, on=on)


STEP_ROW_FIELDS = ("step", "position", "planned_on", "done_on", "cause", "cause_text", "plan__assignment_id",
                   "plan__assignment__reference", "plan__assignment__role_title",
                   "plan__assignment__lead_consultant__name")


def open_steps(on: dt.date) -> QuerySet[PlanStep]:
    """Steps that may be open on `on`: not ticked by then, of assignments neither cancelled nor closed by
    then (a closed assignment has done every step) nor still an incoming order (no consultant, no work
    started), so the rows read grow with the open work only."""
    return (PlanStep.objects
            .exclude(plan__assignment__status__in=[Status.CANCELLED, Status.INCOMING])
            .exclude(plan__assignment__status__in=CLOSED_STATUSES, plan__assignment__closed_on__lte=on)
            .filter(Q(done_on__isnull=True) | Q(done_on__gt=on))
            .select_related("plan__assignment__lead_consultant").only(*STEP_ROW_FIELDS))


def timeliness(*, start: dt.date, end: dt.date, on: dt.date, assignments: Q | None = None) -> dict:
    """The kpi JSON's "timeliness" for the steps planned from `start` to `end` (inclusive), as they stand
    on `on` (steps planned after `on` are not judged yet), of assignments matching `assignments` (a Q
    on Assignment paths below "plan__assignment__"), cancelled assignments left out.

    - planned_on_time_share: of the assignments whose decision step was planned in the period, the share
      that reached the decision by its planned date (None without any; a decision due on `on` and not
      reached yet is not judged);
    - late_by_cause: late steps (late, or done late) by their cause, every cause listed, and "none" for
      late steps whose cause is not given yet;
    - median_days_late: the median working days late of those steps (None without any).
    Three queries (closed days, plan steps, status changes) whatever the data size.
    """
    return _timeliness_of(_judged_steps(start=start, end=end, on=on, assignments=assignments)[0])


class _Row(NamedTuple):
    """A plan step as the period's figures read it: plain values, no model instances (thousands of rows)."""

    assignment_id: int
    step: str
    position: int
    planned_on: dt.date
    done_on: dt.date | None  # ticked
    cause: str
    start_on: dt.date  # the plan's
    package: str  # the assignment's package code
    consultant: str  # the lead consultant's name


@dataclass(frozen=True, slots=True)
class _Judged:
    row: _Row
    done_on: dt.date | None  # ticked, or reached by a status change
    state: str
    days_late: int


def _judged_steps(*, start: dt.date, end: dt.date, on: dt.date,
                  assignments: Q | None) -> tuple[list[_Judged], Calendar]:
    """The steps planned from `start` to min(`end`, `on`) as they stand on `on` (as `step_views` judges
    them), of assignments not cancelled; three queries."""
    calendar = calendar_load()
    steps = (PlanStep.objects
             .filter(planned_on__gte=start, planned_on__lte=min(end, on))
             .exclude(plan__assignment__status=Status.CANCELLED)
             .order_by())  # every figure below is a count, a set or a median: no order needed
    if assignments is not None:
        steps = steps.filter(assignments)
    rows = [_Row._make(values) for values in steps.values_list(
        "plan__assignment_id", "step", "position", "planned_on", "done_on", "cause", "plan__start_on",
        "plan__assignment__package__code", "plan__assignment__lead_consultant__name")]
    reached = reached_positions({row.assignment_id for row in rows}, on=on)
    soon, judged, no_changes = due_soon_days(), [], {}
    # Thousands of rows share few dates: each (planned, done) pair and each assignment's first day at or
    # after a position is worked out once (the same rules as `step_done_on` and `step_state`).
    states: dict[tuple, tuple[str, int]] = {}
    passed: dict[tuple[int, int], dt.date | None] = {}
    for row in rows:
        key = (row.assignment_id, row.position)
        if key not in passed:
            passed[key] = step_done_on(_Position(row.position), reached.get(row.assignment_id, no_changes), on=on)
        done_on = passed[key]
        if row.done_on and row.done_on <= on and (done_on is None or row.done_on < done_on):
            done_on = row.done_on
        dates = (row.planned_on, done_on)
        if dates not in states:
            states[dates] = step_state(planned_on=row.planned_on, done_on=done_on, on=on, calendar=calendar,
                                       soon=soon)
        state, late = states[dates]
        judged.append(_Judged(row, done_on, state, late))
    return judged, calendar


class _Position(NamedTuple):
    """A step's place without a ticked date: the day its position was passed by a status change."""

    position: int
    done_on: None = None


def _decisions(judged: list[_Judged]) -> list[_Judged]:
    """Decision steps that can be judged (due that day and open: not judged yet)."""
    return [j for j in judged if j.row.step == Step.DECISION and j.state in (State.DONE, State.DONE_LATE, State.LATE)]


def _by_cause(late: list[_Judged]) -> dict[str, int]:
    by_cause = {cause.value: 0 for cause in Cause} | {"none": 0}
    for j in late:
        by_cause[j.row.cause or "none"] += 1
    return by_cause


def _timeliness_of(judged: list[_Judged]) -> dict:
    decisions = _decisions(judged)
    met = sum(1 for j in decisions if j.state == State.DONE)
    late = [j for j in judged if j.state in LATE_STATES]
    return {
        "planned_on_time_share": met / len(decisions) if decisions else None,
        "late_by_cause": _by_cause(late),
        "median_days_late": float(median(j.days_late for j in late)) if late else None,
    }


def _tertial(day: dt.date) -> tuple[int, int]:
    return day.year, tertial_of(day)


def timeliness_report(*, start: dt.date, end: dt.date, on: dt.date, assignments: Q | None = None) -> dict:
    """The reporting dashboard's timeline figures for the steps `timeliness` judges (same arguments):

    - "summary": `timeliness`'s dict, with "decisions" (judged decision steps) and "decisions_met";
    - "lead_times": [{"package": CODE, "step": KEY, "planned_days", "actual_days", "n"}] per package and
      step, by package code then step order: the median working days from the plan's start to the
      planned date and to the day the step was done, over the steps done;
    - "causes_by_tertial": [{"year", "tertial", "late_by_cause": {CAUSE: n}}] for the tertials of the
      planned dates of late steps, in order;
    - "by_consultant": [{"name", "assignments", "late_assignments"}] per lead consultant, by name: the
      assignments with a step in the period, and those with a late (or done late) step.
    Three queries, like `timeliness`; plain rows, no model instances.
    """
    judged, calendar = _judged_steps(start=start, end=end, on=on, assignments=assignments)
    summary = _timeliness_of(judged)
    decisions = _decisions(judged)
    summary["decisions"] = len(decisions)
    summary["decisions_met"] = sum(1 for j in decisions if j.state == State.DONE)
    return {"summary": summary, "lead_times": _lead_times(judged, calendar),
            "causes_by_tertial": _causes_by_tertial(judged), "by_consultant": _late_by_consultant(judged)}


def _lead_times(judged: list[_Judged], calendar: Calendar) -> list[dict]:
    planned: dict[tuple[str, str], list[int]] = defaultdict(list)
    actual: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j in judged:
        if j.done_on is None:
            continue
        key = (j.row.package, j.row.step)
        planned[key].append(calendar.between(j.row.start_on, j.row.planned_on))
        actual[key].append(calendar.between(j.row.start_on, j.done_on))
    return [{"package": code, "step": step, "planned_days": float(median(planned[code, step])),
             "actual_days": float(median(actual[code, step])), "n": len(planned[code, step])}
            for code, step in sorted(planned, key=lambda k: (k[0], POSITION[k[1]]))]


def _causes_by_tertial(judged: list[_Judged]) -> list[dict]:
    late: dict[tuple[int, int], list[_Judged]] = defaultdict(list)
    for j in judged:
        if j.state in LATE_STATES:
            late[_tertial(j.row.planned_on)].append(j)
    return [{"year": year, "tertial": tertial, "late_by_cause": _by_cause(late[year, tertial])}
            for year, tertial in sorted(late)]


def _late_by_consultant(judged: list[_Judged]) -> list[dict]:
    assignments: dict[str, set[int]] = defaultdict(set)
    late: dict[str, set[int]] = defaultdict(set)
    for j in judged:
        assignments[j.row.consultant].add(j.row.assignment_id)
        if j.state in LATE_STATES:
            late[j.row.consultant].add(j.row.assignment_id)
    return [{"name": name, "assignments": len(assignments[name]), "late_assignments": len(late[name])}
            for name in sorted(assignments)]
