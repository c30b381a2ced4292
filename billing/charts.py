"""The forecast chart of the money page and PDF: the year's cumulative income against the budget line.

Inline SVG written directly (no inline style or script: it works under the strict CSP and in WeasyPrint),
each text escaped, numbers written as Python writes them (SVG wants a decimal point). The page and the
PDF print the same figures as a table beside it (billing/_money_chart.html), for screen readers.
"""
from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from reporting.formatting import number

from .money import MoneyReport

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 90, 620, 20, 250
ACTUAL = "#00497a"
FORECAST = "#00497a"
BUDGET = "#b3261e"
MONTH_ABBR = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def _step(top: float) -> float:
    """A round tick step giving four to eight ticks up to `top`."""
    raw = top / 5 or 1
    power = 10 ** len(str(int(raw))) / 10
    for nice in (1, 2, 2.5, 5, 10):
        if raw <= nice * power:
            return nice * power
    return 10 * power


def _points(values: list[tuple[int, Decimal | None]], x, y) -> str:
    return " ".join(f"{x(m)},{y(v)}" for m, v in values if v is not None)


def forecast_svg(report: MoneyReport, *, chart_id: str = "money-forecast") -> SafeString:
    """Cumulative invoiced and invoiceable (solid), the forecast (dashed) and the budget (red, dashed) by month."""
    rows = report.months
    values = [float(v) for row in rows for v in (row.actual_to_date, row.forecast_to_date, row.budget_to_date)
              if v is not None]
    step = _step(max(values, default=0.0) or 1.0)
    top = step * (int(max(values, default=0.0) / step) + 1)

    def x(month: int) -> float:
        return round(LEFT + (RIGHT - LEFT) * (month - 0.5) / 12, 1)

    def y(value) -> float:
        return round(BOTTOM - (BOTTOM - TOP) * float(value) / top, 1)

    title = _("Prognos för %(year)s mot budget (ackumulerat, kr)") % {"year": report.year}
    text = 'font-size="11" fill="#1d1d1b"'
    out = [f'<svg class="page-chart money-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
           f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="{chart_id}-title" focusable="false">'
           f'<title id="{chart_id}-title">{escape(title)}</title>\n']
    tick = 0.0
    while tick <= top + 1e-6:
        out.append(f'<line x1="{LEFT}" y1="{y(tick)}" x2="{RIGHT}" y2="{y(tick)}" stroke="#d0d0d0" stroke-width="1"/>'
                   f'<text x="{LEFT - 6}" y="{y(tick)}" dy="4" text-anchor="end" {text}>'
                   f'{escape(number(tick, 0))}</text>\n')
        tick += step
    for row in rows:
        out.append(f'<text x="{x(row.month)}" y="{BOTTOM + 18}" text-anchor="middle" {text}>'
                   f'{MONTH_ABBR[row.month - 1]}</text>')
    series = (
        ([(r.month, r.budget_to_date) for r in rows], BUDGET, ' stroke-dasharray="3 3"', "chart-budget", 1.5),
        ([(r.month, r.forecast_to_date) for r in rows], FORECAST, ' stroke-dasharray="7 5"', "chart-forecast", 2),
        ([(r.month, r.actual_to_date) for r in rows], ACTUAL, "", "chart-actual", 3),
    )
    for values_, colour, dash, css, width in series:
        points = _points(values_, x, y)
        if points:
            out.append(f'\n<polyline class="{css}" points="{points}" fill="none" stroke="{colour}" '
                       f'stroke-width="{width}"{dash}/>')
    legend = ((ACTUAL, "", _("Fakturerat och fakturerbart")), (FORECAST, ' stroke-dasharray="7 5"', _("Prognos")),
              (BUDGET, ' stroke-dasharray="3 3"', _("Budget")))
    for i, (colour, dash, label) in enumerate(legend):
        lx = LEFT + i * 180
        out.append(f'\n<line x1="{lx}" y1="{HEIGHT - 14}" x2="{lx + 28}" y2="{HEIGHT - 14}" stroke="{colour}" '
                   f'stroke-width="2.5"{dash}/><text x="{lx + 34}" y="{HEIGHT - 10}" {text}>{escape(label)}</text>')
    out.append("\n</svg>\n")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped
