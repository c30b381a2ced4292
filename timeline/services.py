"""Writes: laying, adjusting and ticking plans, causes of delay, derived plans of old assignments."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from assignments.models import Assignment, Status

from .models import Plan, PlanChange, PlanStep, StandardStep, StandardTimeline
from .steps import Cause
from .workdays import Calendar, calendar_load


class Standards:
    """Every standard timeline with its steps, loaded once; `for_package(package_id, year)` picks the one
    in force: the latest year not after `year`, else the earliest there is."""

    def __init__(self):
        self._by_package: dict[int, list[StandardTimeline]] = {}
        for timeline in StandardTimeline.objects.prefetch_related("steps").order_by("package_id", "year"):
            self._by_package.setdefault(timeline.package_id, []).append(timeline)

    def for_package(self, package_id: int, year: int) -> StandardTimeline | None:
        timelines = self._by_package.get(package_id) or []
        chosen = None
        for timeline in timelines:
            if timeline.year <= year or chosen is None:
                chosen = timeline
        return chosen


def standard_dates(*, standard: StandardTimeline, start_on: dt.date, calendar: Calendar,
                   fixed: dict[str, dt.date] | None = None):
    """(step, position, planned date) for each step of `standard`, laid from `start_on`.

    `fixed` ({step: date}, e.g. the planned dates of an imported row) pins those steps; the steps after
    one are laid from its date with the standard's durations. Steps the standard leaves out are ignored.
    """
    day, laid = start_on, []
    steps: Iterable[StandardStep] = standard.steps.all()
    for step in sorted(steps, key=lambda s: s.position):
        day = (fixed or {}).get(step.step) or calendar.add(day, step.days)
        laid.append((step.step, step.position, day))
    return laid


def _standard_or_error(assignment: Assignment, year: int) -> StandardTimeline:
    standard = Standards().for_package(assignment.package_id, year)
    if standard is None:
        raise ValidationError(_("Paketet %(package)s har ingen standardtidplan.") % {
            "package": assignment.package.name})
    return standard


@transaction.atomic
def plan_lay(*, assignment: Assignment, start_on: dt.date, by=None, reason: str = "") -> Plan:
    """Lay the package's standard timeline from `start_on`.

    A first plan is created; an existing plan is laid again from the new date, each moved date kept in
    its history, and it is no longer marked as derived.
    """
    calendar = calendar_load()
    standard = _standard_or_error(assignment, start_on.year)
    laid = standard_dates(standard=standard, start_on=start_on, calendar=calendar)
    plan = Plan.objects.select_for_update().filter(assignment=assignment).first()
    if plan is None:
        plan = Plan.objects.create(assignment=assignment, start_on=start_on, standard=standard, created_by=by)
        PlanStep.objects.bulk_create(
            PlanStep(plan=plan, step=step, position=position, planned_on=day) for step, position, day in laid)
        return plan
    plan.start_on, plan.standard, plan.derived = start_on, standard, False
    plan.save(update_fields=["start_on", "standard", "derived"])
    existing = {s.step: s for s in plan.steps.all()}
    reason = reason or _("Planen lagd om från %(date)s") % {"date": start_on.isoformat()}
    for step, position, day in laid:
        current = existing.pop(step, None)
        if current is None:
            PlanStep.objects.create(plan=plan, step=step, position=position, planned_on=day)
        elif current.planned_on != day:
            _move(current, day, by=by, reason=reason)
    return plan


def _move(plan_step: PlanStep, new_date: dt.date, *, by, reason: str, exception: bool = False) -> None:
    """Move a planned date with its history; `exception`: moved for this assignment alone, so the step
    no longer follows its volume project's plan."""
    PlanChange.objects.create(plan_step=plan_step, changed_by=by, old_date=plan_step.planned_on,
                              new_date=new_date, reason=reason)
    plan_step.planned_on = new_date
    plan_step.follows_project = plan_step.follows_project and not exception
    plan_step._history_user = by
    plan_step.save(update_fields=["planned_on", "follows_project"])


@transaction.atomic
def plan_step_move(*, plan_step: PlanStep, new_date: dt.date, by=None, reason: str = "",
                   shift_following: bool = False) -> None:
    """Move one planned date (e.g. to the customer's interview day), keeping the change in the history.

    With `shift_following`, every later step keeps its distance in working days to this one.
    """
    plan_step = PlanStep.objects.select_for_update().get(pk=plan_step.pk)
    if new_date == plan_step.planned_on:
        return
    later = []
    if shift_following:
        calendar = calendar_load()
        old_date = plan_step.planned_on
        for step in plan_step.plan.steps.filter(position__gt=plan_step.position).order_by("position"):
            gap = calendar.between(old_date, step.planned_on) if step.planned_on > old_date else 0
            later.append((step, calendar.add(new_date, gap)))
    _move(plan_step, new_date, by=by, reason=reason, exception=True)
    for step, day in later:
        if step.planned_on != day:
            _move(step, day, by=by, reason=reason, exception=True)


def _check_cause(cause: str, cause_text: str) -> None:
    if cause not in Cause.values:
        raise ValidationError({"cause": _("Ange en orsak till förseningen.")})
    if cause == Cause.OTHER and not cause_text.strip():
        raise ValidationError({"cause_text": _("Beskriv orsaken när du väljer Annat.")})


def plan_step_cause_set(*, plan_step: PlanStep, cause: str, cause_text: str = "", by=None) -> None:
    """Say why a step is (or was) late; `other` needs a text."""
    _check_cause(cause, cause_text)
    plan_step.cause = cause
    plan_step.cause_text = cause_text.strip() if cause == Cause.OTHER else ""
    plan_step._history_user = by
    plan_step.save(update_fields=["cause", "cause_text"])


def plan_step_tick(*, plan_step: PlanStep, done_on: dt.date | None, cause: str = "", cause_text: str = "",
                   by=None) -> None:
    """Tick a step done on `done_on` (or untick with None). Done after its planned date needs a cause."""
    if done_on is not None and calendar_load().between(plan_step.planned_on, done_on) > 0:
        if not (cause or plan_step.cause):
            raise ValidationError({"cause": _("Momentet blev klart efter planerat datum: ange en orsak.")})
        if cause:
            _check_cause(cause, cause_text)
            plan_step.cause = cause
            plan_step.cause_text = cause_text.strip() if cause == Cause.OTHER else ""
    plan_step.done_on = done_on
    plan_step._history_user = by
    plan_step.save(update_fields=["done_on", "cause", "cause_text"])


def plans_derive(*, references: Iterable[str] | None = None, planned: dict[str, dict[str, dt.date]] | None = None,
                 batch_size: int = 500) -> int:
    """Give assignments without a plan one laid from the standard timeline at their order date, marked as
    derived (so lead-time statistics over years stay comparable). Returns how many plans were made.

    `planned` ({reference: {step: date}}, the import's planned-date columns) pins those steps' dates
    (`standard_dates`); a plan derived earlier is laid again with them, each moved date in its history.
    Plans a person laid are left alone. Packages without a standard timeline (add-ons, courses, hourly
    work) get none.
    """
    planned = planned or {}
    # an incoming order gets its plan when it is accepted, laid from its start meeting
    assignments = (Assignment.objects.filter(plan__isnull=True).exclude(status=Status.INCOMING)
                   .only("pk", "reference", "package_id", "ordered_on"))
    if references is not None:
        assignments = assignments.filter(reference__in=list(references))
    standards, calendar = Standards(), calendar_load()
    made = 0
    pending: list[tuple[Plan, list]] = []

    def flush():
        Plan.objects.bulk_create([plan for plan, _ in pending], batch_size=batch_size)
        PlanStep.objects.bulk_create(
            [PlanStep(plan=plan, step=step, position=position, planned_on=day)
             for plan, laid in pending for step, position, day in laid], batch_size=batch_size)
        pending.clear()

    with transaction.atomic():
        for assignment in assignments.iterator(chunk_size=2000):
            standard = standards.for_package(assignment.package_id, assignment.ordered_on.year)
            if standard is None:
                continue
            laid = standard_dates(standard=standard, start_on=assignment.ordered_on, calendar=calendar,
                                  fixed=planned.get(assignment.reference))
            pending.append((Plan(assignment_id=assignment.pk, start_on=assignment.ordered_on, derived=True,
                                 standard=standard), laid))
            made += 1
            if len(pending) >= batch_size:
                flush()
        if pending:
            flush()
        _derived_plans_relay(planned, standards=standards, calendar=calendar)
    return made


def _derived_plans_relay(planned: dict[str, dict[str, dt.date]], *, standards: Standards, calendar: Calendar) -> None:
    """Derived plans of assignments given planned dates again (a later import): their steps move to the
    dates laid with them, each move in the history."""
    if not planned:
        return
    plans = (Plan.objects.filter(derived=True, assignment__reference__in=list(planned))
             .select_related("assignment").prefetch_related("steps"))
    reason = _("Planerat datum från importen")
    for plan in plans:
        standard = standards.for_package(plan.assignment.package_id, plan.start_on.year)
        if standard is None:
            continue
        laid = {step: day for step, _position, day in standard_dates(
            standard=standard, start_on=plan.start_on, calendar=calendar, fixed=planned[plan.assignment.reference])}
        for plan_step in plan.steps.all():
            day = laid.get(plan_step.step)
            if day and day != plan_step.planned_on:
                _move(plan_step, day, by=None, reason=reason)


@transaction.atomic
def standard_steps_set(*, timeline: StandardTimeline, days: dict[str, int | None]) -> None:
    """Set a standard timeline's steps: {step: working days from the step before, or None to leave it out}."""
    from .steps import POSITION

    current = {s.step: s for s in timeline.steps.all()}
    for step, value in days.items():
        existing = current.get(step)
        if value is None:
            if existing is not None:
                existing.delete()
        elif existing is None:
            StandardStep.objects.create(timeline=timeline, step=step, position=POSITION[step], days=value)
        elif existing.days != value:
            existing.days = value
            existing.save(update_fields=["days"])


@transaction.atomic
def standard_copy_to_year(*, timeline: StandardTimeline, year: int) -> StandardTimeline:
    """A new year's version of a package's standard timeline, starting as a copy."""
    if StandardTimeline.objects.filter(package_id=timeline.package_id, year=year).exists():
        raise ValidationError({"year": _("Det finns redan en standardtidplan för det året.")})
    new = StandardTimeline.objects.create(package_id=timeline.package_id, year=year, source=timeline.source)
    StandardStep.objects.bulk_create(
        StandardStep(timeline=new, step=s.step, position=s.position, days=s.days) for s in timeline.steps.all())
    return new
