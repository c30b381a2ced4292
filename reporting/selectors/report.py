"""The KPI report: one dict in the exact shape of `manage.py kpi --format json`."""
from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from reporting.periods import Period

from .candidate import candidate_from
from .customer import customer_from
from .register import register_measures
from .scope import Scope, scope_resolve
from .six_month import six_month_from
from .survey_data import survey_data
from .training import training_from

JSON_KEYS = {
    "customer": ("responses", "invited", "response_rate", "nps", "nps_margin", "promoters", "passives",
                 "detractors", "overall_satisfaction", "satisfied_share", "total_mean", "questions"),
    "candidate": ("responses", "invited", "response_rate", "satisfied_share", "questions"),
    "six_month": ("responses", "invited", "response_rate", "match_mean", "use_again_share"),
    "training": ("responses", "mean"),
    "assignments": ("ordered", "closed", "by_package", "revenue_sek", "revenue_per_fte", "personal_letter_share",
                    "screening_count", "new_customers"),
}


def _only(section: dict, keys) -> dict:
    return {key: section[key] for key in keys}


def survey_measures(scope: Scope, period: Period) -> dict:
    """All four survey sections with their extra keys, from one fetch (about six queries).

    {"customer": customer_from(...), "candidate": ..., "six_month": ..., "training": ...}.
    Candidate results from fewer than REPORT_MIN_CANDIDATE_GROUP answers are withheld in
    every scope (see reporting.privacy).
    """
    data = survey_data(scope, period)
    return {"customer": customer_from(data), "candidate": candidate_from(data),
            "six_month": six_month_from(data), "training": training_from(data)}


def kpi_report_for(scope: Scope, period: Period) -> dict:
    """The KPI JSON shape for any scope and period (e.g. the four months alone, or a year earlier).

    No extensions are called: "ami" is None and "indicators" empty.
    """
    surveys = survey_measures(scope, period)
    return {
        "period": period.as_dict(),
        **{kind: _only(section, JSON_KEYS[kind]) for kind, section in surveys.items()},
        "assignments": _only(register_measures(scope, period), JSON_KEYS["assignments"]),
        "ami": None,
        "indicators": [],
    }


def kpi_report(*, year: int, tertial: int | None = None, consultant=None, unit=None, filters=None) -> dict:
    """The KPI report of a year or a tertial (year to date) for the department, a unit or a consultant.

    `consultant` is a Consultant or an e-mail address, `unit` a Unit or a unit
    name, `filters` a dict with any of organisation (id, name or instance),
    organisation_kind, sector, package (code). Raises ScopeError (a Swedish
    message) for an unknown consultant, unit or filter. A fixed number of queries
    (about 14) whatever the data size. Each `settings.KPI_EXTENSIONS` function
    is then called as fn(report, year=, tertial=, consultant=, unit=) and may fill
    "ami" and "indicators".
    """
    scope = scope_resolve(consultant=consultant, unit=unit, filters=filters)
    report = kpi_report_for(scope, Period.for_report(year, tertial))
    for path in settings.KPI_EXTENSIONS:
        import_string(path)(report, year=year, tertial=tertial, consultant=scope.consultant, unit=scope.unit)
    return report
