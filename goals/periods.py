"""Follow-up periods of a plan year: T1, T2, T3 year to date, and the whole year.

The dates are the reports' (`reporting.periods.Period.for_report`): every period starts on
1 January, a tertial follow-up is year to date (T2 = January-August). T3 and the year cover
the same dates; they differ only for entered figures, which can be given for T3 or for the year.
"""
from __future__ import annotations

from reporting.periods import Period

PERIODS = ("T1", "T2", "T3", "year")
MONTHS = {"T1": 4, "T2": 8, "T3": 12, "year": 12}
TERTIAL_OF = {"T1": 1, "T2": 2, "T3": 3, "year": None}
# The months a year-to-date tertial covers, in words (the whole year has none: it is "hela året").
MONTH_SPAN = {"T1": "januari–april", "T2": "januari–augusti", "T3": "januari–december"}


def report_period(year: int, period: str) -> Period:
    """The reports' period of a follow-up period key ("T1" ... "year")."""
    return Period.for_report(year, TERTIAL_OF[period])


def period_for(tertial: int | None) -> str:
    """The period key for a report's tertial (None = the whole year)."""
    return "year" if tertial is None else f"T{int(tertial)}"


def tertials_up_to(period: str) -> list[str]:
    """The tertials whose figures add up to a year-to-date period."""
    if period == "year":
        return ["T1", "T2", "T3"]
    return [f"T{n}" for n in range(1, int(period[1]) + 1)]
