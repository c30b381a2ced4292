"""The capacity rule: a consultant's hours for assignments per working day and the hours booked on them.

One place for the arithmetic; the capacity page, the ranking and the tests ask these functions.

- Capacity on a working day (timeline.workdays: weekends, Swedish public holidays and the department's
  closed days are not working days) is 8 h x FTE x the share of time for assignments, so a full week
  is 40 h x FTE x share. An availability period replaces the FTE on its days (leave: 0).
- An open assignment's hours are spread evenly over the working days of its window: its plan's first
  to last planned date (timeline), or without a plan from `on` over the package's standard lead time
  (calendar days). The hours are the package's standard hours; where the assignment records hours
  spent, those are the actual hours so far and what is left of the standard hours (never below zero)
  is spread over the window's days from `on`. An overdue plan (ended before `on`) with hours left
  books them in the rest of `on`'s week.
- Only days from `on` are counted (the current week's capacity and bookings are what is left of it).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from timeline.workdays import Calendar

HOURS_PER_DAY = Decimal(8)
ZERO = Decimal(0)
ONE_DAY = dt.timedelta(days=1)
SIX_DAYS = dt.timedelta(days=6)


@dataclass(frozen=True)
class Period:
    """An availability period as the rule needs it: first and last day, the FTE on those days, leave or not."""

    starts_on: dt.date
    ends_on: dt.date
    fte: Decimal
    leave: bool


@dataclass(frozen=True)
class Window:
    """An assignment's working window, first and last day included."""

    start: dt.date
    end: dt.date


@dataclass
class Week:
    monday: dt.date
    capacity: Decimal
    booked: Decimal

    @property
    def free(self) -> Decimal:
        return self.capacity - self.booked

    @property
    def number(self) -> int:
        return self.monday.isocalendar().week


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def weeks_from(on: dt.date, n: int) -> list[dt.date]:
    """The Mondays of `on`'s week and the n-1 weeks after it."""
    first = monday_of(on)
    return [first + dt.timedelta(weeks=i) for i in range(n)]


def days(start: dt.date, end: dt.date) -> Iterable[dt.date]:
    day = start
    while day <= end:
        yield day
        day += ONE_DAY


def default_share() -> Decimal:
    return Decimal(str(settings.ALLOCATION_ASSIGNMENT_SHARE))


def fte_on(day: dt.date, *, fte: Decimal, periods: Iterable[Period]) -> Decimal:
    """The FTE on a day: the latest-starting availability period covering it, else the consultant's own."""
    covering = [p for p in periods if p.starts_on <= day <= p.ends_on]
    if not covering:
        return fte
    return max(covering, key=lambda p: p.starts_on).fte


def capacity_by_day(*, start: dt.date, end: dt.date, fte: Decimal, share: Decimal, periods: Iterable[Period],
                    calendar: Calendar) -> dict[dt.date, Decimal]:
    """Hours for assignments on each working day in [start, end]."""
    periods = [p for p in periods if p.starts_on <= end and p.ends_on >= start]
    return {day: HOURS_PER_DAY * fte_on(day, fte=fte, periods=periods) * share
            for day in days(start, end) if calendar.is_working_day(day)}


def capacity_by_week(*, mondays: list[dt.date], on: dt.date, fte: Decimal, share: Decimal,
                     periods: Iterable[Period], calendar: Calendar) -> dict[dt.date, Decimal]:
    """capacity_by_day from `on` to the last week's Sunday summed into the given weeks, without a walk over
    the days where no availability period touches a week: the hours of a working day times the week's
    working days from `on` (the same sum, exactly: Decimal arithmetic)."""
    periods = list(periods)
    day_hours = HOURS_PER_DAY * fte * share
    out = {}
    for monday in mondays:
        start, end = max(monday, on), monday + dt.timedelta(days=6)
        if start > end:
            out[monday] = ZERO
        elif any(p.starts_on <= end and p.ends_on >= start for p in periods):
            out[monday] = sum(capacity_by_day(start=start, end=end, fte=fte, share=share, periods=periods,
                                              calendar=calendar).values(), ZERO)
        else:
            n = working_days(start, end, calendar)
            out[monday] = day_hours * n if n else ZERO
    return out


def leave_days(*, start: dt.date, end: dt.date, periods: Iterable[Period], calendar: Calendar) -> list[dt.date]:
    """The working days in [start, end] that fall in a leave period."""
    leaves = [p for p in periods if p.leave and p.starts_on <= end and p.ends_on >= start]
    return [day for day in days(start, end)
            if calendar.is_working_day(day) and any(p.starts_on <= day <= p.ends_on for p in leaves)]


def working_days(start: dt.date, end: dt.date, calendar: Calendar) -> int:
    """Working days in [start, end] (closed form)."""
    return calendar.between(start - ONE_DAY, end)


def assignment_window(*, plan_start: dt.date | None, plan_end: dt.date | None, lead_days: int | None,
                      on: dt.date) -> Window:
    """The plan's first to last date; without a plan, `on` and the package's standard lead time after it."""
    if plan_start is not None:
        return Window(plan_start, max(plan_end or plan_start, plan_start))
    lead = lead_days if lead_days is not None else settings.ALLOCATION_DEFAULT_LEAD_DAYS
    return Window(on, on + dt.timedelta(days=lead))


def booking_spread(*, window: Window, standard_hours: Decimal | None, recorded_hours: Decimal | None,
                   on: dt.date, calendar: Calendar) -> tuple[dt.date, dt.date, Decimal] | None:
    """(first day, last day, hours on each working day between) that one open assignment books from `on`;
    None when it books nothing. The one statement of the rule; booked_by_day and the weekly sums read it."""
    standard = Decimal(standard_hours or 0)
    first = max(window.start, on)
    if recorded_hours is None:
        total_days = working_days(window.start, window.end, calendar)
        rate = standard / total_days if total_days else ZERO
        spread = (first, window.end)
        if not total_days and first <= window.end:  # a window without a working day: its next one
            day = calendar.add(first, 1) if not calendar.is_working_day(first) else first
            spread, rate = (day, day), standard
    else:
        rest = max(standard - Decimal(recorded_hours), ZERO)
        spread = (first, window.end)
        if first > window.end:  # overdue: what is left falls in the rest of this week
            spread = (on, monday_of(on) + dt.timedelta(days=4))
            if working_days(*spread, calendar) == 0:
                day = calendar.add(on, 1)
                spread = (day, day)
        n = working_days(*spread, calendar)
        rate = rest / n if n else ZERO
    if not rate:
        return None
    return spread[0], spread[1], rate


def booked_by_day(*, window: Window, standard_hours: Decimal | None, recorded_hours: Decimal | None,
                  on: dt.date, calendar: Calendar, within: tuple[dt.date, dt.date] | None = None,
                  ) -> dict[dt.date, Decimal]:
    """The hours one open assignment books on each working day from `on` (optionally only within a range)."""
    spread = booking_spread(window=window, standard_hours=standard_hours, recorded_hours=recorded_hours, on=on,
                            calendar=calendar)
    if spread is None:
        return {}
    lo, hi, rate = spread
    if within is not None:
        lo, hi = max(lo, within[0]), min(hi, within[1])
    return {day: rate for day in days(lo, hi) if calendar.is_working_day(day)}


def booked_by_week(*, window: Window, standard_hours: Decimal | None, recorded_hours: Decimal | None,
                   on: dt.date, calendar: Calendar, mondays: list[dt.date]) -> dict[dt.date, Decimal]:
    """booked_by_day summed into the given weeks (days before `on` left out), without a walk over the days:
    the hours per working day times the working days of each week the spread touches."""
    spread = booking_spread(window=window, standard_hours=standard_hours, recorded_hours=recorded_hours, on=on,
                            calendar=calendar)
    if spread is None:
        return {}
    lo, hi, rate = spread
    lo = max(lo, on)
    out = {}
    for monday in mondays:
        if monday > hi:
            continue
        end = monday + SIX_DAYS
        if end < lo:
            continue
        if n := calendar.between(max(lo, monday) - ONE_DAY, min(hi, end)):  # working_days, inlined
            out[monday] = rate * n
    return out


def weekly(*, mondays: list[dt.date], capacity: dict[dt.date, Decimal], booked: dict[dt.date, Decimal],
           on: dt.date) -> list[Week]:
    """Sum day figures into the given weeks (days before `on` left out)."""
    cap: dict[dt.date, Decimal] = defaultdict(lambda: ZERO)
    book: dict[dt.date, Decimal] = defaultdict(lambda: ZERO)
    for day, hours in capacity.items():
        if day >= on:
            cap[monday_of(day)] += hours
    for day, hours in booked.items():
        if day >= on:
            book[monday_of(day)] += hours
    return [Week(monday=m, capacity=cap[m], booked=book[m]) for m in mondays]


def add_into(total: dict[dt.date, Decimal], part: dict[dt.date, Decimal]) -> None:
    for day, hours in part.items():
        total[day] = total.get(day, ZERO) + hours
