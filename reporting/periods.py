"""Report periods: a year, or a tertial followed year to date.

Tertials: T1 January-April, T2 May-August, T3 September-December. A tertial
*report* follows the year to date (T2 covers 1 January - 31 August); the four
months alone and the same period a year earlier are helpers for dashboards.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recruitment.periods import HALF_YEAR_MONTHS, TERTIAL_MONTHS, month_end, tertial_of

__all__ = ["TERTIAL_MONTHS", "Period", "tertial_of"]


@dataclass(frozen=True)
class Period:
    year: int
    tertial: int | None
    start: dt.date
    end: dt.date  # inclusive

    @classmethod
    def for_report(cls, year: int, tertial: int | None = None) -> Period:
        """The period a report covers: the whole year, or the year up to the end of the tertial."""
        if tertial is None:
            return cls(year, None, dt.date(year, 1, 1), dt.date(year, 12, 31))
        if tertial not in TERTIAL_MONTHS:
            raise ValueError(f"tertial must be 1, 2 or 3, not {tertial!r}")
        return cls(year, tertial, dt.date(year, 1, 1), month_end(year, TERTIAL_MONTHS[tertial][1]))

    @classmethod
    def tertial_alone(cls, year: int, tertial: int) -> Period:
        """The four months of one tertial only (T2 = May-August)."""
        if tertial not in TERTIAL_MONTHS:
            raise ValueError(f"tertial must be 1, 2 or 3, not {tertial!r}")
        first, last = TERTIAL_MONTHS[tertial]
        return cls(year, tertial, dt.date(year, first, 1), month_end(year, last))

    @classmethod
    def half_year(cls, year: int, half: int) -> Period:
        """The six months of one half-year (H1 = January-June, H2 = July-December); not a tertial period."""
        if half not in HALF_YEAR_MONTHS:
            raise ValueError(f"half must be 1 or 2, not {half!r}")
        first, last = HALF_YEAR_MONTHS[half]
        return cls(year, None, dt.date(year, first, 1), month_end(year, last))

    @classmethod
    def year_to(cls, end: dt.date) -> Period:
        """From 1 January up to `end` (inclusive) of `end`'s year: revenue against the year's budget so far."""
        return cls(end.year, None, dt.date(end.year, 1, 1), end)

    @classmethod
    def containing(cls, day: dt.date) -> Period:
        """The year-to-date tertial report period that a day falls in."""
        return cls.for_report(day.year, tertial_of(day))

    @property
    def tertials(self) -> frozenset[int] | None:
        """The tertials of its year the period covers when it is whole tertials of one year (T2 year to
        date: {1, 2}; May-August alone: {2}; the year: {1, 2, 3}), else None (a half-year, a month)."""
        if self.start.year != self.end.year or self.start.day != 1 or self.end != month_end(self.end.year,
                                                                                             self.end.month):
            return None
        first, last = tertial_of(self.start), tertial_of(self.end)
        if TERTIAL_MONTHS[first][0] != self.start.month or TERTIAL_MONTHS[last][1] != self.end.month:
            return None
        return frozenset(range(first, last + 1))

    @property
    def is_full_year(self) -> bool:
        return self.start == dt.date(self.year, 1, 1) and self.end == dt.date(self.year, 12, 31)

    def months_alone(self) -> Period:
        """For a tertial report, the tertial's own four months; a year stays the year."""
        if self.tertial is None:
            return self
        return Period.tertial_alone(self.year, self.tertial)

    def in_year(self, year: int) -> Period:
        """The same months and days in another year (a period ending on the last day of February
        ends on that year's last day of February): the one rule for comparing a period across years."""
        def moved(day: dt.date, keep_month_end: bool) -> dt.date:
            to_year = year + (day.year - self.year)
            last = month_end(to_year, day.month)
            if keep_month_end and day == month_end(day.year, day.month):
                return last
            return dt.date(to_year, day.month, min(day.day, last.day))
        start, end = moved(self.start, False), moved(self.end, True)
        return Period(year, self.tertial, start, end)

    def year_earlier(self) -> Period:
        """The same dates one year earlier (29 February becomes 28 February)."""
        return self.in_year(self.year - 1)

    def years_up_to(self, years: int) -> list[Period]:
        """This period in each of `years` years, the oldest first and this one last."""
        return [self.in_year(y) for y in range(self.year - years + 1, self.year + 1)]

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def as_dict(self) -> dict:
        return {"year": self.year, "tertial": self.tertial, "start": self.start.isoformat(),
                "end": self.end.isoformat()}
