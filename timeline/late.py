"""Reads: the late and soon-due steps (the late-steps page, "Mina uppdrag"'s week, the `late_steps` command).

A step is on these lists while it is open: its assignment neither cancelled nor closed, the step neither
ticked nor passed by a status change (to its status or a later step's), as `selectors.step_views` judges a
plan. The lists are worked out in the database in one query of plain rows (no model instances); the rows
grow with the open work only.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connections
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assignments.models import CLOSED_STATUSES, FINAL_STATUSES, Assignment, Status, StatusChange
from assignments.templatetags.assignment_urls import url_parts

from .models import PlanStep
from .selectors import cause_label, due_soon_days, step_state
from .steps import LATE_STATES, POSITION, STATUS_STEP, Cause, State, Step
from .workdays import Calendar, calendar_load


class LateRow(NamedTuple):
    """An open plan step as the late lists read it."""

    step: str
    position: int
    planned_on: dt.date
    cause: str
    cause_text: str
    assignment_id: int
    reference: str
    role_title: str
    consultant: str  # the lead consultant's name


LATE_ROW_FIELDS = ("step", "position", "planned_on", "cause", "cause_text", "plan__assignment_id",
                   "plan__assignment__reference", "plan__assignment__role_title",
                   "plan__assignment__lead_consultant__name")


@dataclass(frozen=True, slots=True)
class LateStep:
    """A step of the late lists, open on the day it was judged."""

    row: LateRow
    state: str
    days_late: int  # working days after the planned date

    @property
    def label(self) -> str:
        return Step(self.row.step).label

    @property
    def state_label(self) -> str:
        return State(self.state).label

    @property
    def state_text(self) -> str:
        """The state, with the working days late: "Försenat (3 arbetsdagar)"."""
        return self.state_text_of(str(self.state_label), self.days_late)

    @staticmethod
    def state_text_of(label: str, days_late: int) -> str:
        """state_text for a state's translated label (a page of many steps translates each state once)."""
        if not days_late:
            return label
        days = ngettext("%(n)s arbetsdag", "%(n)s arbetsdagar", days_late) % {"n": days_late}
        return f"{label} ({days})"

    @property
    def cause_label(self) -> str:
        return cause_label(self.row.cause, self.row.cause_text)

    @property
    def needs_cause(self) -> bool:
        return self.state in LATE_STATES and not self.row.cause


def last_working_day(on: dt.date, calendar: Calendar) -> dt.date:
    """The latest working day not after `on`: an open step is late on `on` exactly when it was planned
    before that day (a working day then lies after its planned date, up to `on`)."""
    day = on
    while not calendar.is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


# Stand-ins for one call's values in the SQL compiled once per shape of the query (see `late_step_rows`).
_ON, _BOUND, _EMAIL, _UNIT = dt.date(1900, 1, 2), dt.date(1900, 1, 3), "late-steps@stand-in.invalid", -987654321

# The position of the step a status change marks done (and with it every step before it).
_PASSED_POSITION = Case(*(When(to_status=status, then=Value(POSITION[step])) for status, step in STATUS_STEP.items()),
                        default=Value(-1), output_field=IntegerField())


def _late_rows_query(*, of_consultant: bool, of_unit: bool, up_to_bound: bool) -> QuerySet[PlanStep]:
    """`late_step_rows`' query with the stand-ins: steps of assignments open on `_ON` (the statuses that are
    open, so the status and closing-date indexes find them), neither ticked nor passed by then, planned
    before `_BOUND` (`up_to_bound`: up to it)."""
    closed_after = Q(plan__assignment__closed_on__isnull=True) | Q(plan__assignment__closed_on__gt=_ON)
    open_on = (Q(plan__assignment__status__in=[s for s in Status.values if s not in FINAL_STATUSES])
               | (Q(plan__assignment__status__in=CLOSED_STATUSES) & closed_after))
    passed = (StatusChange.objects  # a change by then to this step's status or a later step's
              .filter(assignment_id=OuterRef("plan__assignment_id"), changed_on__lte=_ON)
              .alias(passed=_PASSED_POSITION).filter(passed__gte=OuterRef("position")))
    steps = (PlanStep.objects.filter(open_on)
             .filter(Q(done_on__isnull=True) | Q(done_on__gt=_ON))
             .exclude(Exists(passed))
             .filter(**{"planned_on__lte" if up_to_bound else "planned_on__lt": _BOUND}))
    if of_consultant:  # lead or co-consultant: a union the planner can count (an OR it cannot), of the
        # assignments open on the day only (the filter above, repeated), so that their steps are read by index
        def open_then(prefix: str) -> Q:
            return (Q(**{f"{prefix}status__in": [s for s in Status.values if s not in FINAL_STATUSES]})
                    | (Q(**{f"{prefix}status__in": CLOSED_STATUSES})
                       & (Q(**{f"{prefix}closed_on__isnull": True}) | Q(**{f"{prefix}closed_on__gt": _ON}))))
        lead = (Assignment.objects.filter(open_then(""), lead_consultant__email__iexact=_EMAIL).order_by()
                .values("pk"))
        co = (Assignment.co_consultants.through.objects.filter(open_then("assignment__"),
                                                                consultant__email__iexact=_EMAIL).order_by())
        steps = steps.filter(plan__assignment_id__in=lead.union(co.values("assignment_id"), all=True))
    if of_unit:
        steps = steps.filter(plan__assignment__lead_consultant__unit_id=_UNIT)
    return (steps.order_by("planned_on", "plan__assignment__reference", "position")
            .values_list(*LATE_ROW_FIELDS))


# The SQL of each shape, compiled once per database: building the query with the ORM took longer than
# running it. Only the stand-ins vary between calls.
_compiled: dict[tuple, tuple[str, tuple]] = {}


def late_step_rows(*, on: dt.date, calendar: Calendar, consultant_email: str | None = None,
                   unit_id: int | None = None, soon: bool = False, within: int | None = None) -> list[LateRow]:
    """The steps `late_steps` lists: open on `on` (of a consultant's assignments, lead or co-consultant, or of
    a unit's lead consultants), late (planned before the last working day up to `on`), with `soon` also those
    due within the due-soon window, with `within` every open step due within that many working days. Ordered
    by planned date (the most delayed first), reference and step. One query."""
    connection = connections[PlanStep.objects.db]
    up_to_bound = soon or within is not None
    key = (connection.alias, bool(consultant_email), bool(unit_id), up_to_bound)
    if key not in _compiled:
        query = _late_rows_query(of_consultant=key[1], of_unit=key[2], up_to_bound=up_to_bound).query
        _compiled[key] = query.get_compiler(connection=connection).as_sql()
    sql, params = _compiled[key]
    bound = calendar.add(on, due_soon_days() if within is None else within) if up_to_bound \
        else last_working_day(on, calendar)
    # The compiled parameters are as the backend prepared them (SQLite: dates as text, an escaped iexact
    # pattern), so each stand-in is matched, and each value replaced, in that prepared form.
    ops = connection.ops
    values = {ops.adapt_datefield_value(_ON): ops.adapt_datefield_value(on),
              ops.adapt_datefield_value(_BOUND): ops.adapt_datefield_value(bound),
              ops.prep_for_iexact_query(_EMAIL): consultant_email and ops.prep_for_iexact_query(consultant_email),
              _UNIT: unit_id}
    with connection.cursor() as cursor:
        cursor.execute(sql, [values.get(param, param) for param in params])
        rows = cursor.fetchall()
    if rows and not isinstance(rows[0][_PLANNED], dt.date):  # SQLite: a date as text (no field converters)
        return [LateRow._make(row)._replace(planned_on=dt.date.fromisoformat(row[_PLANNED])) for row in rows]
    return list(map(LateRow._make, rows))


_PLANNED = LateRow._fields.index("planned_on")


def late_step_views(rows, *, on: dt.date, calendar: Calendar) -> list[LateStep]:
    """LateSteps for rows known to be open on `on` (from `late_step_rows`); no query of its own."""
    soon, views = due_soon_days(), []
    for row in rows:
        state, late = step_state(planned_on=row.planned_on, done_on=None, on=on, calendar=calendar, soon=soon)
        views.append(LateStep(row, state, late))
    return views


def late_step_cells(views: list[LateStep]) -> list[tuple]:
    """The late-steps table's cells of each view, as plain values (the template reads no attribute):
    (assignment URL, reference, role title, lead consultant, step, planned date, working days late or
    "snart", cause). Each step label, cause and the URL's shape are worked out once. No query."""
    before, after = url_parts("assignments:detail")
    soon, labels, causes, cells = _("snart"), {}, {}, []
    for view in views:
        row = view.row
        label = labels.get(row.step)
        if label is None:
            label = labels[row.step] = str(Step(row.step).label)
        cause = causes.get((row.cause, row.cause_text))
        if cause is None:
            cause = causes[row.cause, row.cause_text] = cause_label(row.cause, row.cause_text)
        cells.append((f"{before}{row.reference}{after}", row.reference, row.role_title, row.consultant, label,
                      row.planned_on.isoformat(), view.days_late or soon, cause))
    return cells


def late_steps(*, on: dt.date, consultant_email: str | None = None, unit_id: int | None = None,
               soon: bool = False, within: int | None = None) -> list[LateStep]:
    """Steps late on `on` (with `soon`, also those due within the due-soon window; with `within`, also
    every step due within that many working days), ordered by reference and step. Two queries (closed
    days, plan steps)."""
    calendar = calendar_load()
    rows = late_step_rows(on=on, calendar=calendar, consultant_email=consultant_email, unit_id=unit_id,
                          soon=soon, within=within)
    views = late_step_views(rows, on=on, calendar=calendar)
    views.sort(key=lambda v: (v.row.reference, v.row.position))
    return views


def late_steps_summary(rows: list[LateRow], *, on: dt.date, calendar: Calendar):
    """([(cause label, late steps)], [(lead consultant, late assignments)]) of `late_step_rows`' rows; steps
    only due soon are left out. No query."""
    labels = {"": _("Orsak saknas")} | {cause.value: str(cause.label) for cause in Cause}
    late_before = last_working_day(on, calendar)
    by_cause, by_consultant = defaultdict(int), defaultdict(set)
    for row in rows:
        if row.planned_on < late_before:
            by_cause[labels.get(row.cause, row.cause)] += 1
            by_consultant[row.consultant].add(row.assignment_id)
    return (sorted(by_cause.items()),
            sorted(((name, len(ids)) for name, ids in by_consultant.items()), key=lambda pair: (-pair[1], pair[0])))


def late_steps_json(*, on: dt.date, consultant_email: str | None = None) -> list[dict]:
    """The `late_steps` command's contract."""
    return [{"assignment": view.row.reference, "step": view.row.step, "planned": view.row.planned_on.isoformat(),
             "days_late": view.days_late, "cause": view.row.cause or None}
            for view in late_steps(on=on, consultant_email=consultant_email)]


def my_week(*, consultant, on: dt.date, days: int = 5) -> list[LateStep]:
    """A consultant's late steps and those due within `days` working days, late first, then by date."""
    views = late_steps(on=on, consultant_email=consultant.email, within=days)
    views.sort(key=lambda v: (v.state != State.LATE, v.row.planned_on, v.row.reference))
    return views
