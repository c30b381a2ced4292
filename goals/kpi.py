"""The goals section of the kpi JSON, plugged in through settings.KPI_EXTENSIONS.

`extend_report(report, *, year, tertial, consultant, unit)` sets
- `report["indicators"]`: [{"key", "name", "goal", "target", "value", "unit", "direction", "status"}] for
  the plan of the year, evaluated for the report's period (the tertial year to date, or the year);
  values that come from the kpi JSON itself are read from `report`, so reporting is not asked again;
- `report["ami"]`: {"total", "official_total", "areas": {AREA: index}, "questions": {KEY: {"mean",
  "index", "n"}}} for the year's department employee survey, or None.
"""
from __future__ import annotations

from .ami import survey_results
from .context import evaluating
from .models import EmployeeSurvey, Indicator, SurveyScope
from .periods import period_for
from .status import evaluate


def indicators_json(*, year, tertial=None, consultant=None, unit=None, report=None) -> list[dict]:
    period = period_for(tertial)
    indicators = list(
        Indicator.objects.filter(plan__year=year).select_related("goal").order_by("order", "id")
    )
    reports = {period: report} if report is not None else {}
    results = evaluate(indicators, year=year, periods=(period,), consultant=consultant, unit=unit, reports=reports)
    return [
        {
            "key": ind.key,
            "name": ind.name,
            "goal": ind.goal.text,
            "target": None if ind.target is None else float(ind.target),
            "value": results[ind.pk][period].value,
            "unit": ind.unit,
            "direction": ind.direction,
            "status": results[ind.pk][period].status,
        }
        for ind in indicators
    ]


def ami_json(*, year) -> dict | None:
    survey = (
        EmployeeSurvey.objects.filter(year=year, scope=SurveyScope.DEPARTMENT).prefetch_related("statements").first()
    )
    if survey is None:
        return None
    summary = survey_results(survey)
    return {key: summary[key] for key in ("total", "official_total", "areas", "questions")}


def extend_report(report: dict, *, year, tertial, consultant, unit) -> None:
    if evaluating.get():
        # goals asked reporting for this report while evaluating the plan: nothing to add
        report.setdefault("indicators", [])
        report.setdefault("ami", None)
        return
    report["indicators"] = indicators_json(year=year, tertial=tertial, consultant=consultant, unit=unit,
                                           report=report)
    report["ami"] = ami_json(year=year)
