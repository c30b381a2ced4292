"""Targets for the report's figures, from the apps built on reporting (settings.REPORT_TARGETS).

Each hook is called as fn(year=...) -> {kpi JSON path: target in the JSON's scale}; the first hook
naming a path wins. Reporting draws the targets (the dashed line on the year-over-year charts)
without importing the apps that set them, like KPI_EXTENSIONS and TERTIAL_REPORT_SECTIONS.
"""
from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string


def report_targets(*, year: int) -> dict[str, float]:
    targets: dict[str, float] = {}
    for path in settings.REPORT_TARGETS:
        for key, value in import_string(path)(year=year).items():
            targets.setdefault(key, value)
    return targets


def yoy_target_path(kind: str, row: dict, *, question: bool) -> str:
    """The kpi JSON path of a year-over-year row: a question's measure or a survey's summary figure."""
    return f"{kind}.questions.{row['key']}.{row['measure']}" if question else f"{kind}.{row['key']}"
