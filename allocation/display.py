"""Capacity as the pages show it: hours in Swedish, the bars (charts.py) and the same figures as text.

One place for both views of capacity: the capacity page and the load view's panel
(templatetags/allocation_load.py) call `capacity_display`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from html import escape

from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from timeline.workdays import calendar_load

from .charts import capacity_svg
from .selectors import CapacityRow, capacity_overview

TENTH = Decimal("0.1")


def hours_format() -> Callable[[object], str]:
    """A formatter of hours with one decimal, rounded half up, grouped, in the active language's separators:
    what django's number_format gives, at a hundredth of its cost (the tables format hundreds of figures)."""
    decimal, thousands = get_format("DECIMAL_SEPARATOR"), get_format("THOUSAND_SEPARATOR")
    written: dict = {}  # a table repeats its figures (every full week of a consultant has the same capacity)

    def fmt(value) -> str:
        text = written.get(value)
        if text is None:
            text = f"{Decimal(value).quantize(TENTH, rounding=ROUND_HALF_UP):,.1f}"
            text = written[value] = text.replace(",", "\x00").replace(".", decimal).replace("\x00", thousands)
        return text
    return fmt


def hours(value) -> str:
    return hours_format()(value)


def _cells(row: CapacityRow, fmt) -> list[tuple[str, str, str, bool]]:
    return [(fmt(w.capacity), fmt(w.booked), fmt(w.free), w.free < 0) for w in row.weeks]


def _body(lines) -> SafeString:
    """The table's rows, "capacity / booked / free" per week and the sum, every text escaped; an overbooked
    week says so in words as well as in colour."""
    over = f' <span class="visually-hidden">{escape(_("(överbokad)"))}</span>'
    escaped: dict[str, str] = {}  # the figures repeat: each distinct text escaped once

    def e(text: str) -> str:
        out = escaped.get(text)
        if out is None:
            out = escaped[text] = escape(text)
        return out

    out = []
    for row, cells, total in lines:
        tds = "".join(
            f'<td class="text-end{" text-danger fw-bold" if is_over else ""}">{e(cap)} / {e(booked)} / '
            f'{e(free)}{over if is_over else ""}</td>'
            for cap, booked, free, is_over in cells)
        out.append(f'<tr><th scope="row">{escape(row.person.consultant.name)}</th>{tds}'
                   f'<td class="text-end">{e(total[0])} / {e(total[1])} / {e(total[2])}</td></tr>')
    return mark_safe("".join(out))  # noqa: S308 - every text is escaped


def capacity_display(*, on: dt.date, weeks: int, unit_id: int | None, chart_id: str) -> dict:
    """What a page shows of capacity for `weeks` weeks from `on`'s week (capacity_overview's queries):
    mondays, week numbers, rows, `lines` (row, week cells, totals) and `body` (the same as table rows),
    the chart's title and SVG (None without consultants)."""
    mondays, rows = capacity_overview(on=on, weeks=weeks, calendar=calendar_load(), unit_id=unit_id)
    title = _("Kapacitet och bokade timmar per vecka")
    fmt = hours_format()
    lines = [(row, _cells(row, fmt), (fmt(row.capacity), fmt(row.booked), fmt(row.free))) for row in rows]
    return {
        "mondays": mondays, "weeks": [m.isocalendar().week for m in mondays], "rows": rows, "lines": lines,
        "body": _body(lines), "chart_title": title,
        "chart": capacity_svg(chart_id=chart_id, title=title, mondays=mondays, rows=rows) if rows else None,
    }
