"""The tertial, half-year and month-end rules, the one place every app reads them from.

Tertials: T1 January-April, T2 May-August, T3 September-December. Reporting builds its report periods
on it (`reporting.periods`), the timeline counts causes of delay per tertial with it.
Half-years: H1 January-June, H2 July-December (the individual reviews, twice a year).
"""
from __future__ import annotations

import calendar
import datetime as dt

TERTIAL_MONTHS = {1: (1, 4), 2: (5, 8), 3: (9, 12)}
HALF_YEAR_MONTHS = {1: (1, 6), 2: (7, 12)}


def tertial_of(day: dt.date) -> int:
    """The tertial (1, 2 or 3) a day falls in."""
    return (day.month - 1) // 4 + 1


def half_year_of(day: dt.date) -> int:
    """The half-year (1 or 2) a day falls in."""
    return (day.month - 1) // 6 + 1


def half_year_before(year: int, half: int) -> tuple[int, int]:
    """The half-year before (year, half): H1 follows H2 of the year before."""
    return (year, 1) if half == 2 else (year - 1, 2)


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month (reporting's periods and billing's monthly run)."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])
