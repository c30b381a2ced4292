"""Charts as inline SVG rendered on the server, each with the data table that says the same in words.

Geometry is computed here, drawing is in templates/reporting/charts/. No inline
style: colours are SVG presentation attributes, sizes come from static/css/reporting.css.
Works in the browser and in WeasyPrint alike.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .dashboard.tables import INT, PERCENT, Cell, Column, Table
from .formatting import format_value

WIDTH = 640
LABEL_W = 250
VALUE_W = 90
ROW_H = 30
BAR_H = 18
TOP = 8
PRIMARY = "#00497a"
COLOURS = {"promoters": "#1b6e3a", "passives": "#767676", "detractors": "#b3261e"}


@dataclass
class Chart:
    name: str
    title: str
    svg: SafeString
    table: Table


def _bars(items, kind, max_value):
    span = WIDTH - LABEL_W - VALUE_W
    top = max_value if max_value is not None else max((v for _, v in items if v is not None), default=0)
    rows = []
    for i, (label, value) in enumerate(items):
        width = 0 if not value or not top else max(1.0, span * float(value) / float(top))
        rows.append({"label": str(label), "value": format_value(value, kind), "y": TOP + i * ROW_H,
                     "bar_y": TOP + i * ROW_H + (ROW_H - BAR_H) / 2, "text_y": TOP + i * ROW_H + ROW_H / 2 + 5,
                     "width": round(width, 1), "value_x": LABEL_W + round(width, 1) + 6})
    return rows


def bar_chart(*, name: str, title: str, items: list[tuple[str, float | None]], kind: str, column: str,
              max_value: float | None = None) -> Chart:
    """Horizontal bars, one per item (label, value); `max_value` fixes the scale (10 for a 1-10 mean)."""
    rows = _bars(items, kind, max_value)
    height = TOP * 2 + ROW_H * max(len(rows), 1)
    svg = render_to_string("reporting/charts/bar.svg.html", {
        "title": title, "rows": rows, "width": WIDTH, "height": height, "label_w": LABEL_W, "bar_h": BAR_H,
        "fill": PRIMARY, "label_x": LABEL_W - 8, "chart_id": name,
    })
    table = Table(f"{name}_data", title, [Column(_("Kategori")), Column(column, kind)])
    for label, value in items:
        table.add(str(label), Cell(value, kind))
    return Chart(name, title, mark_safe(svg), table)  # noqa: S308 - rendered from our own template


def nps_chart(*, name: str, title: str, series: list[tuple[str, int, int, int]]) -> Chart:
    """100 % stacked bars: promoters, passives, detractors per series (label, promoters, passives, detractors)."""
    span = WIDTH - LABEL_W - 20
    names = {"promoters": _("Promotorer (9–10)"), "passives": _("Passiva (7–8)"), "detractors": _("Kritiker (0–6)")}
    rows = []
    for i, (label, promoters, passives, detractors) in enumerate(series):
        total = promoters + passives + detractors
        x = LABEL_W
        parts = []
        for key, count in (("promoters", promoters), ("passives", passives), ("detractors", detractors)):
            width = span * count / total if total else 0
            share = count / total if total else None
            parts.append({"key": key, "x": round(x, 1), "width": round(width, 1), "fill": COLOURS[key],
                          "text": format_value(share, PERCENT) if width >= 48 else "",
                          "text_x": round(x + width / 2, 1), "name": names[key]})
            x += width
        rows.append({"label": label, "y": TOP + i * ROW_H, "bar_y": TOP + i * ROW_H + (ROW_H - BAR_H) / 2,
                     "text_y": TOP + i * ROW_H + ROW_H / 2 + 5, "parts": parts, "empty": total == 0})
    legend_y = TOP + ROW_H * max(len(rows), 1) + 10
    legend = [{"x": 40 + j * 190, "y": legend_y, "text_y": legend_y + 11, "fill": COLOURS[k], "name": names[k]}
              for j, k in enumerate(("promoters", "passives", "detractors"))]
    svg = render_to_string("reporting/charts/stacked.svg.html", {
        "title": title, "rows": rows, "legend": legend, "width": WIDTH, "height": legend_y + 24, "bar_h": BAR_H,
        "label_x": LABEL_W - 8, "chart_id": name, "no_answers": _("Inga svar"),
    })
    table = Table(f"{name}_data", title, [Column(_("Grupp")), Column(names["promoters"], INT),
                                          Column(names["passives"], INT), Column(names["detractors"], INT)])
    for label, promoters, passives, detractors in series:
        table.add(label, Cell(promoters, INT), Cell(passives, INT), Cell(detractors, INT))
    return Chart(name, title, mark_safe(svg), table)  # noqa: S308 - rendered from our own template


def package_mix_chart(*, name: str, title: str, ordered: dict[str, int], names: dict[str, str]) -> Chart:
    """Share of the assignments ordered per package, largest first, packages by name."""
    total = sum(ordered.values())
    ranked = sorted(ordered.items(), key=lambda kv: (-kv[1], kv[0]))
    items = [(names.get(code, code), n / total if total else None) for code, n in ranked]
    chart = bar_chart(name=name, title=title, items=items, kind=PERCENT, column=_("Andel av beställda"))
    chart.table = Table(f"{name}_data", title, [Column(_("Paket")), Column(_("Beställda"), INT),
                                                Column(_("Andel av beställda"), PERCENT)])
    for (label, share), (_code, n) in zip(items, ranked, strict=True):
        chart.table.add(label, Cell(n, INT), Cell(share, PERCENT))
    return chart
