"""Capacity as bars, one row per consultant and one column per week, drawn as SVG on the server.

In each cell the outlined bar is the week's capacity for assignments and the filled part the booked
hours (red when booked exceeds capacity). No inline style or script (strict CSP); every text escaped;
the page shows the same figures as a table.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from recruitment.charts import label_chars

from .selectors import CapacityRow

WIDTH = 720
LABEL_W = 176
HEAD = 24
ROW_H = 24
BAR_H = 12
GAP = 6
FREE = "#00497a"
OVER = "#b3261e"
OUTLINE = "#595959"


def capacity_svg(*, chart_id: str, title: str, mondays: list[dt.date], rows: list[CapacityRow]) -> SafeString:
    cell = (WIDTH - LABEL_W) / max(len(mondays), 1)
    bar_w = cell - GAP
    top = max([float(max(w.capacity, w.booked)) for r in rows for w in r.weeks] + [1.0])
    height = HEAD + ROW_H * max(len(rows), 1) + 4
    text = 'font-size="11" fill="#1d1d1b"'
    out = [f'<svg class="page-chart capacity-chart" xmlns="http://www.w3.org/2000/svg" '
           f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" '
           f'aria-labelledby="{escape(chart_id)}-title" focusable="false">'
           f'<title id="{escape(chart_id)}-title">{escape(title)}</title>\n']
    for i, monday in enumerate(mondays):
        x = LABEL_W + i * cell + bar_w / 2
        out.append(f'<text x="{x:.1f}" y="14" text-anchor="middle" {text}>v.{monday.isocalendar().week}</text>\n')
    for r_i, row in enumerate(rows):
        y = HEAD + r_i * ROW_H
        out.append(f'<text x="{LABEL_W - 8}" y="{y + ROW_H / 2 + 4:.1f}" text-anchor="end" {text}>'
                   f'{escape(label_chars(row.person.consultant.name, 26))}</text>\n')
        bar_y = y + (ROW_H - BAR_H) / 2
        for w_i, week in enumerate(row.weeks):
            x = LABEL_W + w_i * cell
            cap_w = bar_w * float(week.capacity) / top
            booked_w = bar_w * float(min(week.booked, max(week.capacity, Decimal(0)))) / top
            if week.booked > week.capacity:
                booked_w = bar_w * float(week.booked) / top
                fill = OVER
            else:
                fill = FREE
            if cap_w > 0:
                out.append(f'<rect x="{x:.1f}" y="{bar_y:.1f}" width="{cap_w:.1f}" height="{BAR_H}" fill="none" '
                           f'stroke="{OUTLINE}" stroke-width="1"/>')
            if booked_w > 0:
                out.append(f'<rect x="{x:.1f}" y="{bar_y:.1f}" width="{max(booked_w, 1.0):.1f}" height="{BAR_H}" '
                           f'fill="{fill}" class="chart-bar"/>')
        out.append("\n")
    out.append("</svg>\n")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped
