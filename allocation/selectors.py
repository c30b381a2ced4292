"""Reads for allocation: consultants with their profiles and periods, open work, weekly capacity."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Count, Max, Prefetch, Q

from assignments.models import CLOSED_STATUSES, WORKING_STATUSES, Assignment, Consultant, ConsultantRole, Unit
from recruitment.compiled import instance, model_fields, values_rows
from timeline.workdays import Calendar

from .capacity import (
    Period,
    Week,
    Window,
    add_into,
    assignment_window,
    booked_by_day,
    booked_by_week,
    capacity_by_day,
    capacity_by_week,
    default_share,
    weeks_from,
)
from .models import AvailabilityKind, AvailabilityPeriod, ConsultantProfile, DevelopmentGoal

# Roles that lead assignments (managers allocate; they are not proposed)
LEADING_ROLES = [ConsultantRole.CONSULTANT, ConsultantRole.COORDINATOR, ConsultantRole.LEAD]


@dataclass
class Person:
    """A consultant as allocation sees them (a consultant without a profile has the defaults)."""

    consultant: Consultant
    profile: ConsultantProfile | None
    periods: list[Period] = field(default_factory=list)
    goals: list[DevelopmentGoal] = field(default_factory=list)

    @property
    def share(self) -> Decimal:
        """This consultant's share of time for assignments, or the department's (capacity.default_share)."""
        if self.profile is not None and self.profile.assignment_share is not None:
            return self.profile.assignment_share
        return default_share()

    @property
    def test_certified(self) -> bool:
        return bool(self.profile and self.profile.test_certified)

    @property
    def sectors(self) -> list[str]:
        return list(self.profile.sectors) if self.profile else []

    @property
    def role_levels(self) -> list[str]:
        return list(self.profile.role_levels) if self.profile else []

    def capacity(self, start: dt.date, end: dt.date, calendar: Calendar) -> dict[dt.date, Decimal]:
        return capacity_by_day(start=start, end=end, fte=self.consultant.fte, share=self.share,
                               periods=self.periods, calendar=calendar)


def _period(row: AvailabilityPeriod) -> Period:
    return Period(starts_on=row.starts_on, ends_on=row.ends_on, fte=row.fte,
                  leave=row.kind == AvailabilityKind.LEAVE)


def people(consultants: Iterable[Consultant] | None = None, *, unit_id: int | None = None,
           include: Iterable[int] = ()) -> list[Person]:
    """Active consultants who lead assignments (of a unit, or those given), plus the ids in `include`
    whatever their state; each with profile, availability periods and open development goals (3 queries;
    the availability and goals only where a consultant has a profile)."""
    if consultants is not None:
        rows = list(
            consultants.select_related("allocation_profile", "unit").order_by("name", "pk")
            .prefetch_related(
                Prefetch("allocation_profile__availability", queryset=AvailabilityPeriod.objects.order_by("starts_on")),
                Prefetch("allocation_profile__goals", queryset=DevelopmentGoal.objects.filter(achieved=False)),
            )
        )
        return [Person(consultant=c, profile=(profile := getattr(c, "allocation_profile", None)),
                       periods=[_period(p) for p in profile.availability.all()] if profile else [],
                       goals=list(profile.goals.all()) if profile else []) for c in rows]
    included = tuple(sorted(set(include)))

    def build():
        query = Q(active=True, role__in=LEADING_ROLES)
        if unit_id is not None:
            query &= Q(unit_id=unit_id)
        if included:
            query |= Q(pk__in=included)
        return (Consultant.objects.filter(query).order_by("name", "pk")
                .values(*model_fields(Consultant), *model_fields(Unit, "unit__"),
                        *model_fields(ConsultantProfile, "allocation_profile__")))
    # compiled once per unit and inclusion (recruitment/compiled.py), the instances built from the rows
    persons = []
    for row in values_rows(("allocation.people", unit_id, included), build):
        consultant, profile = instance(Consultant, row), instance(ConsultantProfile, row, "allocation_profile__")
        consultant.unit = instance(Unit, row, "unit__")
        Consultant.allocation_profile.related.set_cached_value(consultant, profile)  # as select_related does
        if profile is not None:
            profile.consultant = consultant
        persons.append(Person(consultant=consultant, profile=profile))
    profiles = {p.profile.pk: p for p in persons if p.profile is not None}
    if profiles:  # what the prefetches read, in their order
        for period in AvailabilityPeriod.objects.filter(profile_id__in=list(profiles)).order_by("starts_on"):
            profiles[period.profile_id].periods.append(_period(period))
        for goal in DevelopmentGoal.objects.filter(profile_id__in=list(profiles), achieved=False):
            goal.profile = profiles[goal.profile_id].profile
            profiles[goal.profile_id].goals.append(goal)
    return persons


class OpenWork(NamedTuple):
    """An open assignment as capacity reads it (a tuple: the load view builds hundreds per request)."""

    assignment_id: int
    lead_id: int
    window: Window
    standard_hours: Decimal | None
    recorded_hours: Decimal | None


def _open_work_query(queryset):
    return queryset.order_by().values(
        "pk", "lead_consultant_id", "hours", "package__standard_hours", "package__standard_days",
        "plan__start_on").annotate(plan_end=Max("plan__steps__planned_on"))


def _open_work_rows(rows, on: dt.date) -> list[OpenWork]:
    windows: dict[tuple, Window] = {}  # the windows repeat (every package's without a plan starts on `on`)
    work = []
    for r in rows:
        key = (r["plan__start_on"], r["plan_end"], r["package__standard_days"])
        if (window := windows.get(key)) is None:
            window = windows[key] = assignment_window(plan_start=key[0], plan_end=key[1], lead_days=key[2], on=on)
        work.append(OpenWork(r["pk"], r["lead_consultant_id"], window, r["package__standard_hours"], r["hours"]))
    return work


def open_work(*, on: dt.date, lead_ids: Iterable[int] | None = None, exclude_id: int | None = None) -> list[OpenWork]:
    """Open assignments (of the given leads) with their windows and hours, in one query (compiled once per
    leads and exclusion: recruitment/compiled.py)."""
    leads = None if lead_ids is None else tuple(lead_ids)

    def build():
        qs = Assignment.objects.filter(status__in=WORKING_STATUSES)
        if leads is not None:
            qs = qs.filter(lead_consultant_id__in=leads)
        if exclude_id is not None:
            qs = qs.exclude(pk=exclude_id)
        return _open_work_query(qs)
    return _open_work_rows(values_rows(("allocation.open_work", leads, exclude_id), build), on)


def assignment_work(assignment: Assignment, *, on: dt.date) -> OpenWork:
    """One assignment's window and hours (one query), whatever its status."""
    return _open_work_rows(_open_work_query(Assignment.objects.filter(pk=assignment.pk)), on)[0]


def booked_per_lead(work: Iterable[OpenWork], *, on: dt.date, calendar: Calendar,
                    within: tuple[dt.date, dt.date]) -> dict[int, dict[dt.date, Decimal]]:
    booked: dict[int, dict[dt.date, Decimal]] = defaultdict(dict)
    for w in work:
        add_into(booked[w.lead_id], booked_by_day(window=w.window, standard_hours=w.standard_hours,
                                                  recorded_hours=w.recorded_hours, on=on, calendar=calendar,
                                                  within=within))
    return booked


@dataclass
class CapacityRow:
    person: Person
    weeks: list[Week]

    @property
    def capacity(self) -> Decimal:
        return sum((w.capacity for w in self.weeks), Decimal(0))

    @property
    def booked(self) -> Decimal:
        return sum((w.booked for w in self.weeks), Decimal(0))

    @property
    def free(self) -> Decimal:
        return self.capacity - self.booked


def capacity_overview(*, on: dt.date, weeks: int, calendar: Calendar, unit_id: int | None = None
                      ) -> tuple[list[dt.date], list[CapacityRow]]:
    """Capacity, booked and free hours per consultant for `weeks` weeks from `on`'s week (4 queries
    with the calendar's). The booked hours are summed per week (capacity.booked_by_week): the same sums
    as the day figures, at a fraction of the cost on the load view; so is the capacity (capacity.capacity_by_week)."""
    mondays = weeks_from(on, weeks)
    persons = people(unit_id=unit_id)
    work = open_work(on=on, lead_ids=[p.consultant.pk for p in persons])
    booked: dict[int, dict[dt.date, Decimal]] = defaultdict(dict)
    by_week: dict[tuple, dict[dt.date, Decimal]] = {}  # assignments alike (a package's window, its hours) book alike
    for w in work:
        key = (w.window, w.standard_hours, w.recorded_hours)
        if (part := by_week.get(key)) is None:
            part = by_week[key] = booked_by_week(window=w.window, standard_hours=w.standard_hours,
                                                 recorded_hours=w.recorded_hours, on=on, calendar=calendar,
                                                 mondays=mondays)
        add_into(booked[w.lead_id], part)
    rows = []
    for p in persons:
        capacity = capacity_by_week(mondays=mondays, on=on, fte=p.consultant.fte, share=p.share, periods=p.periods,
                                    calendar=calendar)
        mine = booked.get(p.consultant.pk, {})
        rows.append(CapacityRow(person=p, weeks=[Week(monday=m, capacity=capacity[m], booked=mine.get(m, Decimal(0)))
                                                 for m in mondays]))
    return mondays, rows


def week_range(window: Window, on: dt.date) -> tuple[dt.date, dt.date]:
    """The whole weeks a window touches, from `on` (an overdue window: `on`'s week)."""
    start = max(window.start - dt.timedelta(days=window.start.weekday()), on)
    end = window.end + dt.timedelta(days=6 - window.end.weekday())
    if end < start:
        end = on + dt.timedelta(days=6 - on.weekday())
    return start, end


def past_experience(*, consultant_ids: Iterable[int], organisation_id: int, sector: str,
                    exclude_id: int | None = None) -> dict[int, tuple[int, int]]:
    """{consultant id: (closed assignments led for this organisation, closed assignments led in this sector)}."""
    qs = Assignment.objects.filter(status__in=CLOSED_STATUSES, lead_consultant_id__in=list(consultant_ids))
    if exclude_id is not None:
        qs = qs.exclude(pk=exclude_id)
    rows = qs.order_by().values("lead_consultant_id").annotate(
        org=Count("pk", filter=Q(organisation_id=organisation_id)), sector=Count("pk", filter=Q(sector=sector)))
    return {r["lead_consultant_id"]: (r["org"], r["sector"]) for r in rows}

