"""Targets for the report's figures, given to reporting by the caller (it sets none itself).

A `TargetsFor` is called as fn(year=...) -> {kpi JSON path: target in the JSON's scale}, e.g.
{"customer.nps": 40}; reporting draws them as the dashed line on the year-over-year charts. The
project's urls.py passes the plan's targets to the dashboard views; without them no line is drawn.
"""
from __future__ import annotations

from collections.abc import Callable

TargetsFor = Callable[..., dict[str, float]]


def no_targets(*, year: int) -> dict[str, float]:
    return {}


def yoy_target_path(kind: str, row: dict, *, question: bool) -> str:
    """The kpi JSON path of a year-over-year row: a question's measure or a survey's summary figure."""
    return f"{kind}.questions.{row['key']}.{row['measure']}" if question else f"{kind}.{row['key']}"
