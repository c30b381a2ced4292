"""Order figures for a period and a scope: the e-service's part of the register, and how fast orders are handled.

Composed above reporting (reporting knows no orders): the dashboard's "Beställningar" page
(orders/dashboard.py, passed to reporting's pages by the project's urls.py), the kpi JSON's "orders"
(goals/kpi.py), the tertial PDF's section (goals/tertial.py) and the goal plans' indicator
(goals/measures.py) all read `order_figures` or the rules below.

The rules:
- an assignment *came through the e-service* when it was made from an order (`via_eservice_q`);
- *received* orders: those that became an assignment (confirmed, and approved where the address
  needed it) with its order date in the period, whatever happened to them later;
- the *share via the e-service*: of the assignments ordered in the period by the register's rule
  (reporting.selectors.register.ordered_q: accepted orders only), those made from an order;
- *days to acceptance*: calendar days from the order date (the day it was received) to the day it was
  accepted, over the orders accepted in the period;
- *days to start meeting*: calendar days from the order date to the day the timeline's start-meeting
  step was done (timeline.selectors.step_done_on: its tick or the first status change at or past it),
  over the orders whose start meeting was in the period.
A scope (a consultant, a unit) follows the lead consultant, as every register measure does, so an
order not yet accepted counts only in the department's figures.
"""
from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery

from assignments.models import Assignment, Status, StatusChange
from reporting.periods import Period
from reporting.selectors import Scope
from reporting.selectors.register import ordered_q
from timeline.models import PlanStep
from timeline.selectors import reached_positions, step_done_on
from timeline.steps import POSITION, Step


def via_eservice_q(prefix: str = "") -> Q:
    """Assignments (at `prefix`) that came through the e-service: made from an order."""
    return Q(**{f"{prefix}order__isnull": False})


@dataclass(frozen=True)
class _MeetingStep:
    """What timeline.selectors.step_done_on needs of the start-meeting step."""

    position: int
    done_on: dt.date | None


def _median(days: list[int]) -> float | None:
    return float(statistics.median(days)) if days else None


def order_figures(scope: Scope, period: Period, *, on: dt.date | None = None) -> dict:
    """{"received", "ordered", "via_eservice", "via_eservice_share" (a fraction or None), "accepted",
    "median_days_to_accept", "start_meetings", "median_days_to_start_meeting"} (three queries).

    `on`: the day the figures stand at (default the period's end); steps done after it are not counted.
    """
    on = min(on or period.end, period.end)
    in_period = Q(ordered_on__gte=period.start, ordered_on__lte=period.end)
    ordered = ordered_q(scope, period)
    counts = Assignment.objects.filter(scope.assignment_q(), in_period).aggregate(
        received=Count("id", filter=via_eservice_q()), ordered=Count("id", filter=ordered),
        via_eservice=Count("id", filter=ordered & via_eservice_q()))
    accepted_on = (StatusChange.objects.filter(assignment=OuterRef("pk"), from_status=Status.INCOMING)
                   .exclude(to_status=Status.CANCELLED).order_by("changed_on", "pk").values("changed_on")[:1])
    meeting_done = PlanStep.objects.filter(plan__assignment=OuterRef("pk"), step=Step.START_MEETING).values(
        "done_on")[:1]
    rows = list(
        Assignment.objects.filter(scope.assignment_q(), via_eservice_q(), ordered_on__lte=on)
        .exclude(status=Status.INCOMING)
        .annotate(accepted_on=Subquery(accepted_on), meeting_done_on=Subquery(meeting_done))
        .values_list("pk", "ordered_on", "accepted_on", "meeting_done_on")
    )
    reached = reached_positions({pk for pk, *_rest in rows}, on=on)
    to_accept, to_meeting = [], []
    position = POSITION[Step.START_MEETING]
    for pk, ordered_on, accepted, meeting_done_on in rows:
        if accepted is not None and period.start <= accepted <= on:
            to_accept.append((accepted - ordered_on).days)
        meeting = step_done_on(_MeetingStep(position, meeting_done_on), reached.get(pk, {}), on=on)
        if meeting is not None and meeting >= period.start:
            to_meeting.append((meeting - ordered_on).days)
    return {
        **counts,
        "via_eservice_share": counts["via_eservice"] / counts["ordered"] if counts["ordered"] else None,
        "accepted": len(to_accept), "median_days_to_accept": _median(to_accept),
        "start_meetings": len(to_meeting), "median_days_to_start_meeting": _median(to_meeting),
    }


def orders_json(*, scope: Scope, period: Period, on: dt.date | None = None) -> dict:
    """The kpi JSON's "orders": {"received", "via_eservice_share", "median_days_to_accept"}."""
    figures = order_figures(scope, period, on=on)
    return {key: figures[key] for key in ("received", "via_eservice_share", "median_days_to_accept")}
