"""The plan's targets by the kpi JSON path they follow, passed to reporting's pages by the project's urls.py.

`report_targets(year=...)` gives {path: target} for the indicators of the year's plan whose
measure reads a figure of the kpi JSON ("customer.nps", "candidate.questions.ad_clear.yes_share"),
in the JSON's own scale: percent targets (stored as 80 for 80 %) become fractions (0.8), as the
JSON's shares are. Reporting draws them as target lines without importing goals. When two
indicators follow the same figure, the first in the plan's order wins.
"""
from __future__ import annotations

from .measures import MEASURES, question_path
from .models import Indicator

QUESTION_FIELDS = {"question_mean": "mean", "question_yes_share": "yes_share"}


def _path(indicator: Indicator) -> str | None:
    if indicator.measure in QUESTION_FIELDS:
        return question_path(indicator.params or {}, QUESTION_FIELDS[indicator.measure])
    measure = MEASURES.get(indicator.measure)
    return measure.path if measure is not None else None


def report_targets(*, year: int) -> dict[str, float]:
    """{kpi JSON path: target} of the year's plan (one query); {} without a plan."""
    targets: dict[str, float] = {}
    indicators = Indicator.objects.filter(plan__year=year, target__isnull=False).order_by("order", "id")
    for indicator in indicators.only("measure", "params", "target", "unit"):
        path = _path(indicator)
        if path is None or path in targets:
            continue
        measure = MEASURES.get(indicator.measure)
        percent = measure is not None and measure.unit == "percent"
        targets[path] = float(indicator.target) / 100 if percent else float(indicator.target)
    return targets
