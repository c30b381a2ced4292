"""The kpi JSON of `manage.py kpi`: reporting's figures with the goals section, composed here above both.

`kpi_json(year=, tertial=, consultant=, unit=)` is reporting's `KpiReport.to_json()` followed by
- "ami": {"total", "official_total", "areas": {AREA: index}, "questions": {KEY: {"mean", "index", "n"}}}
  for the year's department employee survey, or None;
- "indicators": [{"key", "name", "goal", "target", "value", "unit", "direction", "status"}] for the
  plan of the year, evaluated for the report's period (the tertial year to date, or the year) and
  scope; figures that come from the kpi report are read from the same report, not fetched again;
- "timeliness": {"planned_on_time_share", "late_by_cause": {CAUSE: n}, "median_days_late"} for the steps
  planned in the period and scope, as they stand at the period's end (or today, if earlier):
  `timeline.selectors.timeliness` (the dashboard's "Tidplaner" page shows the same figures in detail);
- "money": {"invoiced", "invoiceable", "sold_not_invoiceable", "forecast_year", "budget_year"}, amounts as
  strings with two decimals: billing's money follow-up year to date through the period's last month, the
  forecast and budget of the full year (`billing.money.money_json`, the money page's figures).
- "orders": {"received", "via_eservice_share", "median_days_to_accept"} for the period and scope, as
  they stand at the period's end (or today, if earlier): `orders.figures.orders_json` (the dashboard's
  "Beställningar" page shows them with the days to the start meeting).
"""
from __future__ import annotations

from assignments.services import today
from billing.money import money_json
from orders.figures import orders_json
from reporting.periods import Period
from reporting.selectors import KpiReport, Scope, kpi_report_for, scope_resolve
from timeline.selectors import timeliness

from .ami import survey_results
from .models import EmployeeSurvey, Indicator, SurveyScope
from .periods import period_for
from .status import evaluate


def indicators_json(*, year, tertial=None, consultant=None, unit=None, report: KpiReport | None = None) -> list[dict]:
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


def timeliness_json(*, scope: Scope, period: Period) -> dict:
    return timeliness(start=period.start, end=period.end, on=min(period.end, today()),
                      assignments=scope.assignment_q("plan__assignment__"))


def kpi_json(*, year: int, tertial: int | None = None, consultant=None, unit=None, filters=None) -> dict:
    """The whole kpi JSON (reporting.selectors.kpi_report's arguments; ScopeError for an unknown scope)."""
    scope = scope_resolve(consultant=consultant, unit=unit, filters=filters)
    period = Period.for_report(year, tertial)
    report = kpi_report_for(scope, period)
    return {
        **report.to_json(),
        "ami": ami_json(year=year),
        "indicators": indicators_json(year=year, tertial=tertial, consultant=scope.consultant, unit=scope.unit,
                                      report=report),
        "timeliness": timeliness_json(scope=scope, period=period),
        "money": money_json(scope=scope, year=year, tertial=tertial),
        "orders": orders_json(scope=scope, period=period, on=min(period.end, today())),
    }
