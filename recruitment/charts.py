"""Horizontal bar charts as inline SVG for pages of the apps below reporting (the load view).

Reporting draws its own charts (reporting/charts.py) from its tables; this is the one drawing the
register may use without importing reporting. The caller formats the numbers (Swedish) and shows
the same figures as a table beside the chart. No inline style or script: it works under the strict
CSP and scales with its viewBox (static/css/charts.css).
"""
from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
LABEL_W = 200
VALUE_W = 80
ROW_H = 26
BAR_H = 16
TOP = 22  # room for the marker's label
FILL = "#00497a"
OVER = "#1b6e3a"  # a bar past the marker
MARKER = "#b3261e"


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
    return mark_safe(render_to_string("charts/hbar.svg.html", {  # noqa: S308 - our own template, values escaped
        "chart_id": chart_id, "title": title, "bar_rows": rows, "width": WIDTH, "height": height, "left": LABEL_W,
        "label_x": LABEL_W - 8, "bar_h": BAR_H, "marker_x": marker_x, "marker_text": marker_text,
        "marker": MARKER, "top": TOP - 4,
    }))
