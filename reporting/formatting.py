"""Swedish number formatting for reports: decimal comma, space as thousands separator.

The one place where a reported value turns into text, used by the dashboard, the
PDF and the CSV export alike (the JSON keeps the unrounded numbers).
"""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from .dashboard.tables import DATE, DAYS, DECIMAL, INT, MEAN, MONEY, NPS, PERCENT

NBSP = "\u00a0"
MINUS = "\u2212"
EMPTY = "–"


_QUANTA = {places: Decimal(1).scaleb(-places) for places in range(4)}


def _round(value, places: int) -> Decimal:
    quantum = _QUANTA.get(places) or Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def number(value, places: int = 0) -> str:
    """1234567.891 -> '1 234 567,89' (places=2); negative numbers with a true minus sign."""
    rounded = _round(value, places)
    sign = MINUS if rounded < 0 else ""
    # thousands grouped by the format mini-language, then Swedish separators (a page formats thousands)
    whole, _, fraction = f"{abs(rounded):,.{places}f}".partition(".")
    text = whole.replace(",", NBSP)
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def format_value(value, kind: str) -> str:
    """A reported value as Swedish text; None is '–' (no data)."""
    if value is None or value == "":
        return EMPTY
    if kind == INT:
        return number(value, 0)
    if kind == MEAN:
        return number(value, 2)
    if kind == PERCENT:
        return f"{number(float(value) * 100, 1)}{NBSP}%"
    if kind == NPS:
        return number(value, 1)
    if kind == MONEY:
        return f"{number(value, 0)}{NBSP}kr"
    if kind == DAYS:
        return number(value, 0) if float(value).is_integer() else number(value, 1)
    if kind == DECIMAL:
        return number(value, 2)
    if kind == DATE and isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def export_value(value, kind: str):
    """The value a CSV/Excel export carries: unrounded numbers, percentages as percent points."""
    if value is None:
        return None
    if kind == PERCENT:
        return float(value) * 100
    if kind in (MEAN, NPS, MONEY, DAYS, DECIMAL):
        return float(value)
    return value
