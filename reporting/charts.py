"""Charts as inline SVG rendered on the server, each with the data table that says the same in words.

Geometry is computed here, drawing is in templates/reporting/charts/. No inline
style: colours are SVG presentation attributes, sizes come from static/css/reporting.css.
Works in the browser and in WeasyPrint alike.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape  # the standard library's: the same text as Django's, without its lazy-text check

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .dashboard.tables import DAYS, INT, MEAN, NPS, PERCENT, TEXT, Cell, Column, Table
from .formatting import NBSP, format_value, number
from .selectors.yoy import rises

WIDTH = 640
LABEL_W = 250
VALUE_W = 90
ROW_H = 30
BAR_H = 18
TOP = 8
PRIMARY = "#00497a"
COLOURS = {"promoters": "#1b6e3a", "passives": "#767676", "detractors": "#b3261e"}
RISE = "#1b6e3a"
TARGET = "#b3261e"


@dataclass
class Chart:
    name: str
    title: str
    svg: SafeString
    table: Table
    group: str = ""  # the table a chart belongs beside (the year-over-year page groups them per survey)
    empty: bool = False  # no data: `svg` is the Swedish "Inga data" text instead of a drawing
    legend: list[str] = field(default_factory=list)  # what the marks mean, under the caption


def _empty_chart(name: str, title: str, table: Table) -> Chart:
    text = _("Inga data att visa i diagrammet.")
    return Chart(name, title, mark_safe(f'<p class="chart-empty">{text}</p>'), table, empty=True)  # noqa: S308


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
    svg = _bar_svg(name, str(title), tuple((str(label), (type(value), value)) for label, value in items), kind,
                   _typed([max_value])[0], get_language())
    table = Table(f"{name}_data", title, [Column(_("Kategori")), Column(column, kind)])
    for label, value in items:
        table.add(str(label), Cell(value, kind))
    return Chart(name, title, mark_safe(svg), table)  # noqa: S308 - rendered from our own template


@lru_cache(maxsize=512)
def _bar_svg(name: str, title: str, items: tuple, kind: str, max_value: tuple, language: str | None) -> str:
    """The bar chart's SVG: a pure function of its arguments (the figures with their types and the language
    of the texts), so the same figures drawn again are reused, never a stale drawing."""
    rows = _bars([(label, value) for label, (_type, value) in items], kind, max_value[1])
    height = TOP * 2 + ROW_H * max(len(rows), 1)
    return render_to_string("reporting/charts/bar.svg.html", {
        "title": title, "rows": rows, "width": WIDTH, "height": height, "label_w": LABEL_W, "bar_h": BAR_H,
        "fill": PRIMARY, "label_x": LABEL_W - 8, "chart_id": name,
    })


def nps_chart(*, name: str, title: str, series: list[tuple[str, int, int, int]]) -> Chart:
    """100 % stacked bars: promoters, passives, detractors per series (label, promoters, passives, detractors)."""
    names = {"promoters": _("Promotorer (9–10)"), "passives": _("Passiva (7–8)"), "detractors": _("Kritiker (0–6)")}
    svg = _stacked_svg(name, str(title), tuple((str(label), p, q, d) for label, p, q, d in series),
                       get_language())
    table = Table(f"{name}_data", title, [Column(_("Grupp")), Column(names["promoters"], INT),
                                          Column(names["passives"], INT), Column(names["detractors"], INT)])
    for label, promoters, passives, detractors in series:
        table.add(label, Cell(promoters, INT), Cell(passives, INT), Cell(detractors, INT))
    return Chart(name, title, mark_safe(svg), table)  # noqa: S308 - rendered from our own template


@lru_cache(maxsize=512)
def _stacked_svg(name: str, title: str, series: tuple, language: str | None) -> str:
    """The stacked bars' SVG, a pure function of its arguments (see `_bar_svg`)."""
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
    return render_to_string("reporting/charts/stacked.svg.html", {
        "title": title, "rows": rows, "legend": legend, "width": WIDTH, "height": legend_y + 24, "bar_h": BAR_H,
        "label_x": LABEL_W - 8, "chart_id": name, "no_answers": _("Inga svar"),
    })


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


# --- line charts: one series over years or tertials ---------------------------------------------

LINE_W, LINE_H = 480, 220
PLOT = {"left": 60, "right": LINE_W - 64, "top": 26, "bottom": LINE_H - 34}
BOUNDS = {MEAN: (0.0, 10.0), PERCENT: (0.0, 1.0), NPS: (-100.0, 100.0)}  # the scale a value can take
# The least span of the axis, so that a small change does not look like a fall off a cliff (a tenth of
# a point on a 1-10 scale drawn across the whole height); counts and days get a fifth of their size.
LEAST_SPAN = {MEAN: 2.0, PERCENT: 0.2, NPS: 40.0}


def _nice_step(raw: float) -> float:
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if raw <= m * power)


def _domain(known: list[float], kind: str) -> tuple[float, float, float]:
    """(low, high, tick step) around the values, on round numbers, within the scale's bounds."""
    low, high = min(known), max(known)
    least = LEAST_SPAN.get(kind, abs(high) * 0.2) or 1.0
    if high - low < least:  # widen around the middle, then slide back inside the scale
        middle = (low + high) / 2
        low, high = middle - least / 2, middle + least / 2
    floor_, ceiling = BOUNDS.get(kind, (0.0 if min(known) >= 0 else None, None))
    if ceiling is not None and high > ceiling:
        low, high = low - (high - ceiling), ceiling
    if floor_ is not None and low < floor_:
        low, high = floor_, high + (floor_ - low)
    span = high - low
    step = _nice_step(span / 4)
    low = math.floor(round((low - span * 0.1) / step, 9)) * step
    high = math.ceil(round((high + span * 0.1) / step, 9)) * step
    if floor_ is not None:
        low = max(low, floor_)
    if ceiling is not None:
        high = min(high, ceiling)
    return low, high, step


def _tick_text(value: float, kind: str, step: float) -> str:
    if kind == PERCENT:
        return f"{number(value * 100, 0 if step * 100 >= 1 else 1)}{NBSP}%"
    return number(value, 0 if step >= 1 else 1 if step >= 0.1 else 2)


@dataclass
class TrendPoint:
    label: str
    value: float | None
    text: str
    x: float
    y: float | None  # None: no value that year (a gap in the line)
    rose: bool
    marker: str = ""  # the triangle's points where the value rose


@dataclass
class TrendGeometry:
    points: list[TrendPoint]
    segments: list[str]  # one polyline per run of two or more known values; missing values break the line
    low: float
    high: float
    ticks: list[dict]
    target_y: float | None
    target_text: str

    def y_of(self, value: float) -> float:
        height = PLOT["bottom"] - PLOT["top"]
        return round(PLOT["top"] + height * (self.high - value) / (self.high - self.low), 1)


def trend_geometry(labels: list[str], values: list[float | None], *, kind: str, target: float | None = None,
                   rose: list[bool] | None = None, low: float | None = None, high: float | None = None
                   ) -> TrendGeometry | None:
    """Where everything goes; None when no value is known. `rose` marks points (default: `rises`)."""
    known = [v for v in values if v is not None]
    if not known:
        return None
    auto_low, auto_high, step = _domain(known + ([target] if target is not None else []), kind)
    low = auto_low if low is None else low
    high = auto_high if high is None else high
    rose = rises(values) if rose is None else rose
    geometry = TrendGeometry([], [], low, high, [], None, "")
    n, inset = len(values), 24
    width = PLOT["right"] - PLOT["left"] - 2 * inset
    run: list[str] = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = round(PLOT["left"] + inset + (width * i / (n - 1) if n > 1 else width / 2), 1)
        y = None if value is None else geometry.y_of(value)
        risen = bool(rose[i]) and value is not None
        marker = f"{x},{round(y - 7, 1)} {round(x - 6.5, 1)},{round(y + 5, 1)} {round(x + 6.5, 1)},{round(y + 5, 1)}" \
            if risen else ""
        geometry.points.append(TrendPoint(str(label), value, format_value(value, kind), x, y, risen, marker))
        if y is None:
            if len(run) > 1:
                geometry.segments.append(" ".join(run))
            run = []
        else:
            run.append(f"{x},{y}")
    if len(run) > 1:
        geometry.segments.append(" ".join(run))
    tick = math.ceil(round(low / step, 9)) * step
    while tick <= high + 1e-9:
        geometry.ticks.append({"y": geometry.y_of(tick), "text": _tick_text(tick, kind, step)})
        tick = round(tick + step, 9)
    if target is not None:
        geometry.target_y = geometry.y_of(min(max(target, low), high))
        geometry.target_text = _("Mål %(value)s") % {"value": format_value(target, kind)}
    return geometry


def _trend_svg(name: str, title: str, geometry: TrendGeometry) -> SafeString:
    """The line chart's SVG, written directly (the year-over-year page draws dozens of them; a template per
    chart cost more than the page's queries). Every text is escaped; numbers are written as Python writes
    them (never localised: SVG wants a decimal point)."""
    left, right, bottom = PLOT["left"], PLOT["right"], PLOT["bottom"]
    text = 'font-size="11" fill="#1d1d1b"'
    out = [f'<svg class="report-chart chart-trend" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LINE_W} '
           f'{LINE_H}" width="{LINE_W}" height="{LINE_H}" role="img" aria-labelledby="{escape(name)}-title" '
           f'focusable="false"><title id="{escape(name)}-title">{escape(title)}</title>\n']
    for tick in geometry.ticks:
        y = tick["y"]
        out.append(f'<line x1="{left}" y1="{y}" x2="{right}" y2="{y}" stroke="#d0d0d0" stroke-width="1"/>'
                   f'<text x="{left - 6}" y="{y}" dy="4" text-anchor="end" {text}>{escape(tick["text"])}</text>\n')
    out.append(f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#595959" stroke-width="1"/>\n')
    if geometry.target_y is not None:
        y = geometry.target_y
        out.append(f'<line class="chart-target" x1="{left}" y1="{y}" x2="{right}" y2="{y}" stroke="{TARGET}" '
                   f'stroke-width="2" stroke-dasharray="6 4"/><text class="chart-target-label" x="{right + 4}" '
                   f'y="{y}" dy="4" font-size="10" fill="{TARGET}">{escape(geometry.target_text)}</text>\n')
    for points in geometry.segments:
        out.append(f'<polyline class="chart-line" points="{escape(points)}" fill="none" stroke="{PRIMARY}" '
                   f'stroke-width="2.5"/>\n')
    for p in geometry.points:
        if p.y is not None:
            if p.rose:
                out.append(f'<polygon class="chart-rise" points="{escape(p.marker)}" fill="{RISE}"/>')
            else:
                out.append(f'<circle class="chart-point" cx="{p.x}" cy="{p.y}" r="4" fill="{PRIMARY}"/>')
            out.append(f'<text x="{p.x}" y="{p.y}" dy="-11" text-anchor="middle" {text} class="chart-value">'
                       f'{escape(p.text)}</text>')
        out.append(f'\n<text x="{p.x}" y="{bottom + 18}" text-anchor="middle" {text} class="chart-label">'
                   f'{escape(p.label)}</text>\n')
    out.append("</svg>\n")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped


def trend_chart(*, name: str, title: str, labels: list[str], values: list[float | None], kind: str, column: str,
                first: str, target: float | None = None, rose: list[bool] | None = None,
                table_labels: list[str] | None = None, ns: list[int | None] | None = None) -> Chart:
    """One measure over the years: a line with a gap for each missing year, ▲ where it rose from the
    year before (`rose`, by default the year-over-year rule) and a dashed line at the target, if any.

    The table says the same: one row per year (`table_labels`, default `labels`) with the value,
    "ökning" where it rose and the number of answers (`ns`) when given; the target in its note.
    """
    rose = rises(values) if rose is None else rose
    columns = [Column(first), Column(column, kind), Column(_("Förändring mot året före"))]
    if ns is not None:
        columns.append(Column(_("Antal svar"), INT))
    table = Table(f"{name}_data", title, columns)
    if target is not None:
        table.note = _("Mål: %(value)s (streckad linje).") % {"value": format_value(target, kind)}
    risen, flat = _("ökning"), _("ingen ökning")  # translated once per chart, not per row
    for i, (label, value) in enumerate(zip(table_labels or labels, values, strict=True)):
        comparable = i > 0 and value is not None and values[i - 1] is not None
        change = risen if rose[i] and value is not None else flat if comparable else None
        cells = [Cell(value, kind), Cell(change, TEXT)]
        if ns is not None:
            cells.append(Cell(ns[i], INT))
        table.add(str(label), *cells)
    drawn = _trend_drawing(name, title, tuple(labels), _typed(values), kind, _typed([target])[0],
                           tuple(map(bool, rose)), get_language())
    if drawn is None:
        return _empty_chart(name, title, table)
    svg, any_rose = drawn
    legend = [_("▲ = högre än året före")] if any_rose else []
    if target is not None:
        legend.append(_("streckad linje = mål"))
    return Chart(name, title, svg, table, legend=legend)


def _typed(values) -> tuple:
    """Values as a cache key that tells 8, 8.0 and Decimal("8") apart (they may be written differently)."""
    return tuple((type(v), v) for v in values)


@lru_cache(maxsize=2048)
def _trend_drawing(name: str, title: str, labels: tuple, values: tuple, kind: str, target: tuple, rose: tuple,
                   language: str | None) -> tuple[SafeString, bool] | None:
    """(the line chart's SVG, whether a point is marked risen), or None without any value: a pure function
    of its arguments (the figures themselves with their types, and the language of the texts), so a chart
    drawn before with the same figures is reused; other figures are another key, never a stale drawing."""
    geometry = trend_geometry(list(labels), [v for _type, v in values], kind=kind, target=target[1],
                              rose=list(rose))
    if geometry is None:
        return None
    return _trend_svg(name, title, geometry), any(p.rose for p in geometry.points)


def nps_trend_chart(*, name: str, title: str, tertials: list[dict], target: float | None = None,
                    notes: list[str] | None = None) -> Chart:
    """NPS tertial by tertial (selectors.nps_by_tertial): a line, gaps where a tertial has no answers,
    a dashed line at the target; the table gives promoters, passives, detractors and answers."""
    labels = [f"T{t['period'].tertial} {t['period'].year}" for t in tertials]
    values = [t["nps"] for t in tertials]
    notes = notes or [""] * len(tertials)
    table = Table(f"{name}_data", title, [Column(_("Tertial")), Column(_("NPS"), NPS),
                                          Column(_("Promotorer (9–10)"), INT), Column(_("Passiva (7–8)"), INT),
                                          Column(_("Kritiker (0–6)"), INT), Column(_("Antal svar"), INT)])
    if target is not None:
        table.note = _("Mål: %(value)s (streckad linje).") % {"value": format_value(target, NPS)}
    for label, t, note in zip(labels, tertials, notes, strict=True):
        table.add(label, Cell(t["nps"], NPS, note=note), Cell(t["promoters"], INT), Cell(t["passives"], INT),
                  Cell(t["detractors"], INT), Cell(t["n"], INT))
    drawn = _trend_drawing(name, title, tuple(labels), _typed(values), NPS, _typed([target])[0],
                           (False,) * len(values), get_language())
    if drawn is None:
        return _empty_chart(name, title, table)
    return Chart(name, title, drawn[0], table,
                 legend=[_("streckad linje = mål")] if target is not None else [])


# --- lead times: the spread of the days per package ----------------------------------------------

BOX_LABEL_W, BOX_RIGHT_W, BOX_ROW_H, BOX_H, AXIS_H = 210, 70, 32, 14, 30


def lead_time_chart(*, name: str, title: str, rows: list[tuple[str, dict | None, int]]) -> Chart:
    """Per package (label, spread {"min", "q1", "median", "q3", "max"} or None, n): a box from the first to
    the third quartile, a thick line at the median and whiskers to the shortest and longest."""
    table = Table(f"{name}_data", title, [Column(_("Paket")), Column(_("Antal"), INT), Column(_("Kortast"), DAYS),
                                          Column(_("Första kvartilen"), DAYS), Column(_("Median"), DAYS),
                                          Column(_("Tredje kvartilen"), DAYS), Column(_("Längst"), DAYS)])
    shown = [(label, spread, n) for label, spread, n in rows if spread]
    for label, spread, n in shown:
        table.add(label, Cell(n, INT), *(Cell(spread[k], DAYS) for k in ("min", "q1", "median", "q3", "max")))
    if not shown:
        return _empty_chart(name, title, table)
    longest = max(spread["max"] for _label, spread, _n in shown) or 1
    step = max(1, _nice_step(longest / 5))
    top = math.ceil(longest / step) * step
    span = WIDTH - BOX_LABEL_W - BOX_RIGHT_W

    def x(days: float) -> float:
        return round(BOX_LABEL_W + span * days / top, 1)

    boxes = []
    for i, (label, spread, _n) in enumerate(shown):
        middle = TOP + i * BOX_ROW_H + BOX_ROW_H / 2
        boxes.append({"label": label, "mid": middle, "text_y": middle + 4, "box_y": middle - BOX_H / 2,
                      "min": x(spread["min"]), "q1": x(spread["q1"]), "median": x(spread["median"]),
                      "q3": x(spread["q3"]), "max": x(spread["max"]),
                      "width": round(x(spread["q3"]) - x(spread["q1"]), 1),
                      "cap_top": middle - 5, "cap_bottom": middle + 5, "tick_top": middle - BOX_H / 2 - 2,
                      "tick_bottom": middle + BOX_H / 2 + 2, "text_x": x(spread["max"]) + 6,
                      "median_text": _("median %(days)s") % {"days": format_value(spread["median"], DAYS)}})
    axis_y = TOP + BOX_ROW_H * len(boxes) + 4
    ticks = [{"x": x(d), "text": number(d)} for d in range(0, int(top) + 1, int(step))]
    svg = render_to_string("reporting/charts/box.svg.html", {
        "title": title, "chart_id": name, "width": WIDTH, "height": axis_y + AXIS_H, "boxes": boxes, "ticks": ticks,
        "axis_y": axis_y, "tick_text_y": axis_y + 14, "unit_y": axis_y + 27, "label_x": BOX_LABEL_W - 8,
        "left": BOX_LABEL_W, "right": x(top), "fill": PRIMARY, "unit": _("dagar från beställning till avslut"),
        "unit_x": BOX_LABEL_W + span / 2,
    })
    return Chart(name, title, mark_safe(svg), table,  # noqa: S308 - rendered from our own template
                 legend=[_("Lådan = mittersta hälften av uppdragen, strecket = median, linjerna = kortast och längst")])
