"""The plan as a horizontal chart (inline SVG, laid out here, drawn by a template): a planned bar per
step from the step before, a mark where it was done, a line for today."""
from __future__ import annotations

import datetime as dt

from .selectors import StepView
from .steps import State

LABEL_W, PLOT_W, ROW_H, TOP = 190, 560, 26, 22
FILL = {State.ON_TIME: "#0b5cad", State.DUE_SOON: "#8a5a00", State.LATE: "#b00020",
        State.DONE: "#2e7d32", State.DONE_LATE: "#6a1b9a"}


def plan_chart(views: list[StepView], *, start_on: dt.date, today: dt.date) -> dict | None:
    if not views:
        return None
    days = [start_on, today] + [v.plan_step.planned_on for v in views] + [v.done_on for v in views if v.done_on]
    first, last = min(days), max(days)
    span = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return round(LABEL_W + PLOT_W * (day - first).days / span, 1)

    rows, previous = [], start_on
    for i, view in enumerate(views):
        y = TOP + i * ROW_H
        begin, end = sorted((previous, view.plan_step.planned_on))
        rows.append({
            "label": view.label, "label_x": LABEL_W - 8, "label_y": y + 17, "bar_y": y + 6, "bar_x": x(begin),
            "bar_w": max(round(x(end) - x(begin), 1), 3), "fill": FILL[view.state],
            "mark_x": x(view.done_on) if view.done_on else None, "mark_y": y + 13,
        })
        previous = view.plan_step.planned_on
    height = TOP + len(views) * ROW_H + 8
    return {"width": LABEL_W + PLOT_W + 20, "height": height, "rows": rows, "today_x": x(today),
            "left": LABEL_W, "first": first, "last": last}
