"""Working-day arithmetic: Swedish public holidays (the `holidays` library, country SE),
weekends, and the department's own closed days, which are data (`ClosedDay`).

`Calendar` is a plain value: build it once per request or command with
`calendar_load()` (one query for the closed days) and ask it as often as needed.
"""
from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache

import holidays

from recruitment.compiled import values_rows

ONE_DAY = dt.timedelta(days=1)


class Calendar:
    def __init__(self, closed_days: Iterable[dt.date] = ()):
        self._closed = frozenset(closed_days)
        self._spans: dict[tuple[int, int], tuple[dt.date, ...]] = {}
        self._counts: dict[tuple[dt.date, dt.date], int] = {}  # between(), asked again for the same dates

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in public_holidays(day.year) and day not in self._closed

    def add(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after `day` (n=0: `day` itself, even if it is closed)."""
        if n < 0:
            raise ValueError("n must not be negative")
        while n:
            day += ONE_DAY
            if self.is_working_day(day):
                n -= 1
        return day

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start).

        The day after a planned date is 1 day late if it is a working day. Counted in closed form (weekdays
        less the closed weekdays in the span), so a step late for years costs no more than one late a day.
        """
        if end <= start:
            return 0
        count = self._counts.get((start, end))
        if count is None:
            closed = self._closed_weekdays(start.year, end.year)  # sorted: the closed days in (start, end] by bisection
            count = self._counts[start, end] = _weekdays_after(start, end) - (
                bisect_right(closed, end) - bisect_right(closed, start))
        return count

    def _closed_weekdays(self, first_year: int, last_year: int) -> tuple[dt.date, ...]:
        """The closed weekdays (public holidays and the department's closed days) of the years, sorted."""
        key = (first_year, last_year)
        if key not in self._spans:
            public = (day for year in range(first_year, last_year + 1) for day in public_holidays(year))
            self._spans[key] = tuple(sorted({day for day in (*public, *self._closed)
                                             if day.weekday() < 5 and first_year <= day.year <= last_year}))
        return self._spans[key]


@lru_cache(maxsize=256)
def public_holidays(year: int) -> frozenset[dt.date]:
    """Sweden's public holidays in `year` (worked out once per process: building them costs milliseconds)."""
    return frozenset(holidays.country_holidays("SE", years=year).keys())


def public_holiday_name(day: dt.date) -> str | None:
    """The Swedish name of the public holiday on a weekday `day`, or None (Sundays are not named)."""
    if day.weekday() >= 5 or day not in public_holidays(day.year):
        return None
    return _swedish_names(day.year).get(day)


@lru_cache(maxsize=32)
def _swedish_names(year: int):
    return holidays.country_holidays("SE", years=year, language="sv")


def _weekdays_after(start: dt.date, end: dt.date) -> int:
    """Monday-to-Friday days in (start, end]."""
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    weekday = start.weekday()
    for i in range(1, rest + 1):
        if (weekday + i) % 7 < 5:
            count += 1
    return count


def calendar_load() -> Calendar:
    """The calendar with the department's closed days (one query, compiled once: recruitment/compiled.py)."""
    from .models import ClosedDay

    rows = values_rows("timeline.closed_days", lambda: ClosedDay.objects.values("date"))
    return Calendar(row["date"] for row in rows)
