"""Horizontal bar charts as inline SVG for pages of the apps below reporting (the load view).

Reporting draws its own charts (reporting/charts.py) from its tables; this is the one drawing the
register may use without importing reporting. The caller formats the numbers (Swedish) and shows
the same figures as a table beside the chart. No inline style or script: it works under the strict
CSP and scales with its viewBox (static/css/charts.css).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

WIDTH = 640
LABEL_W = 200
VALUE_W = 80
ROW_H = 26
BAR_H = 16
TOP = 22  # room for the marker's label
FILL = "#00497a"
OVER = "#1b6e3a"  # a bar past the marker
MARKER = "#b3261e"


def label_chars(text: str, length: int) -> str:
    """Truncator(text).chars(length): a label no longer than `length` characters, an ellipsis where cut.
    A label that fits (most) is returned without the Truncator's lazy object and translated ellipsis."""
    text = unicodedata.normalize("NFC", text)  # as Truncator.chars does
    if len(text) <= length:  # combining characters would only make it count fewer
        return text
    return Truncator(text).chars(length)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    text: str  # the value as the page writes it ("87,5 %")


def hbar_svg(*, chart_id: str, title: str, bars: list[Bar], scale_max: float | None = None,
             marker: float | None = None, marker_text: str = "") -> SafeString:
    """One bar per item on a common scale (`scale_max`, default the largest value and the marker), with an
    optional dashed marker line (e.g. 100 % of budget) labelled `marker_text`."""
    values = [float(b.value) for b in bars if b.value is not None] + ([float(marker)] if marker is not None else [])
    top = float(scale_max) if scale_max else max(values, default=0.0) or 1.0
    span = WIDTH - LABEL_W - VALUE_W
    rows = []
    for i, bar in enumerate(bars):
        value = float(bar.value or 0)
        width = round(span * min(value, top) / top, 1) if value > 0 else 0
        y = TOP + i * ROW_H
        rows.append({"label": bar.label, "text": bar.text, "width": max(width, 1.0) if value > 0 else 0,
                     "bar_y": y + (ROW_H - BAR_H) / 2, "text_y": y + ROW_H / 2 + 4,
                     "value_x": LABEL_W + width + 6,
                     "fill": OVER if marker is not None and value >= float(marker) else FILL})
    height = TOP + ROW_H * max(len(rows), 1) + 6
    marker_x = None if marker is None else round(LABEL_W + span * min(float(marker), top) / top, 1)
    return _hbar_markup(chart_id=chart_id, title=title, rows=rows, height=height, marker_x=marker_x,
                        marker_text=marker_text)


def _hbar_markup(*, chart_id: str, title: str, rows: list[dict], height: int, marker_x: float | None,
                 marker_text: str) -> SafeString:
    """The chart's SVG, written directly (a load page draws two charts of a row per consultant; a
    template cost more than the page's queries). Every text is escaped; numbers are written as Python
    writes them (never localised: SVG wants a decimal point)."""
    text = 'font-size="12" fill="#1d1d1b"'
    out = [f'<svg class="page-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
           f'width="{WIDTH}" height="{height}" role="img" aria-labelledby="{escape(chart_id)}-title" '
           f'focusable="false"><title id="{escape(chart_id)}-title">{escape(title)}</title>\n'
           f'<line x1="{LABEL_W}" y1="{TOP - 4}" x2="{LABEL_W}" y2="{height}" stroke="#595959" stroke-width="1"/>\n']
    for row in rows:
        out.append(f'<text x="{LABEL_W - 8}" y="{row["text_y"]}" text-anchor="end" {text} class="chart-label">'
                   f'{escape(label_chars(row["label"], 28))}</text>\n')
        if row["width"]:
            out.append(f'<rect x="{LABEL_W}" y="{row["bar_y"]}" width="{row["width"]}" height="{BAR_H}" '
                       f'fill="{row["fill"]}" class="chart-bar"/>')
        out.append(f'\n<text x="{row["value_x"]}" y="{row["text_y"]}" {text} class="chart-value">'
                   f'{escape(row["text"])}</text>\n')
    if marker_x is not None:
        out.append(f'<line class="chart-marker" x1="{marker_x}" y1="{TOP - 4}" x2="{marker_x}" y2="{height}" '
                   f'stroke="{MARKER}" stroke-width="2" stroke-dasharray="5 4"/><text x="{marker_x}" y="12" '
                   f'text-anchor="middle" font-size="11" fill="{MARKER}">{escape(marker_text)}</text>')
    out.append("\n</svg>\n")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped
