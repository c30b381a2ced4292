"""Read side of reporting: measures per scope and period, the KPI report, year-over-year tables.

Public API (see each function's docstring for the exact return shape):
- kpi_report(*, year, tertial=None, consultant=None, unit=None, filters=None) -> KpiReport (typed; .to_json())
- kpi_report_for(scope, period) -> KpiReport (any Period); kpi_reports_for(scope, periods) -> [KpiReport]
- survey_measures(scope, period) -> {"customer", "candidate", "six_month", "training"} full sections
- response_rates(scope, period) -> {kind: {"invited", "answered", "response_rate"}}
- scope_resolve(*, consultant=None, unit=None, filters=None) -> Scope; Scope, Filters, ScopeError
- customer_measures / candidate_measures / six_month_measures / training_measures(scope, period) -> dict
- survey_data(scope, period) -> SurveyData, then customer_from / candidate_from / ... (data) -> dict
- register_measures, register_breakdown, revenue_by_consultant, districts_helped(scope, period);
  register_measures_for_periods(scope, periods), new_customers_for_periods(scope, periods): several periods in one pass
- new_customers(scope, period), lead_times(scope, period), overdue_open(scope, on=date)
- survey_data_by_consultant(scope, period, kinds=...) -> {consultant_id: SurveyData}
- survey_data_for_periods(scope, [period, ...]) -> [SurveyData], one fetch for periods in different years
- survey_data_with_consultants(scope, period) -> (SurveyData, {consultant_id: SurveyData}), one fetch
- new_customer_names(scope, period), open_load(scope)
- nps_by_tertial(scope, period, count=6) -> [{"period", "promoters", "passives", "detractors", "n", "nps"}]
- comments(scope, period), survey_yoy(kind=... | kinds=[...], last_year=..., years=6, scope=None)
"""
from .candidate import candidate_from, candidate_measures
from .comments import comments
from .customer import customer_from, customer_measures, nps_margin, total_mean
from .leadtimes import lead_times, overdue_open
from .new_customers import new_customer_ids, new_customer_names, new_customers, new_customers_for_periods
from .nps_trend import nps_by_tertial
from .rates import response_rates
from .register import (
    districts_helped,
    register_breakdown,
    register_measures,
    register_measures_for_periods,
    revenue_by_consultant,
)
from .report import (
    AssignmentFigures,
    CandidateFigures,
    CustomerFigures,
    KpiReport,
    SixMonthFigures,
    TrainingFigures,
    kpi_report,
    kpi_report_for,
    kpi_reports_for,
    survey_measures,
)
from .scope import Filters, Scope, ScopeError, scope_resolve
from .six_month import six_month_from, six_month_measures
from .survey_data import (
    SurveyData,
    published_aggregates,
    survey_data,
    survey_data_by_consultant,
    survey_data_for_periods,
    survey_data_with_consultants,
)
from .training import training_from, training_measures
from .workload import open_load
from .yoy import survey_yoy

__all__ = [
    "AssignmentFigures", "CandidateFigures", "CustomerFigures", "Filters", "KpiReport",
    "SixMonthFigures", "TrainingFigures", "Scope", "ScopeError", "SurveyData",
    "candidate_from", "candidate_measures", "comments",
    "customer_from", "customer_measures", "districts_helped",
    "kpi_report", "kpi_report_for", "kpi_reports_for", "lead_times", "new_customer_ids", "new_customer_names",
    "new_customers", "new_customers_for_periods",
    "nps_by_tertial", "nps_margin", "open_load", "overdue_open",
    "published_aggregates", "register_breakdown", "register_measures", "register_measures_for_periods",
    "response_rates", "revenue_by_consultant",
    "scope_resolve", "six_month_from", "six_month_measures", "survey_data",
    "survey_data_by_consultant", "survey_data_for_periods", "survey_data_with_consultants",
    "survey_measures", "survey_yoy",
    "total_mean", "training_from", "training_measures",
]
