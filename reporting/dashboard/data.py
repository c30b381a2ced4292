"""Everything one dashboard (or the PDF) shows, fetched through the reporting selectors.

No measure is computed here: the sections come from `reporting.selectors` and are
only arranged. The number of queries is fixed whatever the data size.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from reporting.periods import Period
from reporting.selectors import (
    Scope,
    SurveyData,
    candidate_from,
    comments,
    customer_from,
    lead_times,
    new_customer_names,
    open_load,
    overdue_open,
    register_breakdown,
    register_measures,
    revenue_by_consultant,
    six_month_from,
    survey_data,
    survey_data_with_consultants,
    training_from,
)

from .per_consultant import consultant_sections
from .yoy import survey_yoy_all


@dataclass
class Series:
    """One column of figures: a scope in a period."""

    label: str
    scope: Scope
    period: Period
    customer: dict
    candidate: dict
    six_month: dict
    training: dict
    register: dict
    candidate_hidden: bool = False  # too few candidate answers to show for one consultant or group


def candidate_too_few(scope: Scope, candidate: dict) -> bool:
    """Candidate results of a consultant or unit with fewer than the minimum answers are never shown."""
    if scope.is_department:
        return False
    return 0 < (candidate.get("responses") or 0) < settings.REPORT_MIN_CANDIDATE_GROUP


def series_build(label: str, scope: Scope, period: Period, data: SurveyData | None = None) -> Series:
    """One column; `data` when the scope's survey figures are already fetched."""
    data = survey_data(scope, period) if data is None else data
    candidate = candidate_from(data)
    return Series(
        label=label, scope=scope, period=period, customer=customer_from(data), candidate=candidate,
        six_month=six_month_from(data), training=training_from(data), register=register_measures(scope, period),
        candidate_hidden=candidate_too_few(scope, candidate),
    )


def period_label(period: Period) -> str:
    if period.is_full_year:
        return str(period.year)
    if period.start.month == 1:
        return _("T%(t)s %(year)s (hittills i år)") % {"t": period.tertial, "year": period.year}
    return _("T%(t)s %(year)s (bara tertialen)") % {"t": period.tertial, "year": period.year}


@dataclass
class Dashboard:
    scope: Scope
    period: Period
    series: list[Series]
    breakdown: dict
    revenue: list[dict]
    lead_times: dict
    overdue: dict
    new_customers: dict  # {"hiring_managers": [names], "organisations": [names]}
    comments: list[dict]
    yoy: dict
    load: list = field(default_factory=list)  # open assignments per consultant now
    per_consultant: dict | None = None  # {consultant_id: sections}; None when not listed
    today: dt.date | None = None
    extras: dict = field(default_factory=dict)

    @property
    def main(self) -> Series:
        return self.series[0]


def dashboard_build(*, scope: Scope, period: Period, compare: bool = False, today: dt.date,
                    list_consultants: bool = True, yoy: bool = True) -> Dashboard:
    """Fetch the figures of a dashboard; a consultant's page also carries the group's (department) figures."""
    listed = list_consultants and scope.consultant is None
    # With consultants listed, one grouped fetch gives both the scope's figures and each consultant's.
    data, by_consultant = survey_data_with_consultants(scope, period) if listed else (None, None)
    series = [series_build(period_label(period) if scope.is_department else scope.label, scope, period, data)]
    if scope.consultant is not None:
        group = Scope(filters=scope.filters)
        series.append(series_build(_("Avdelningen"), group, period))
    if compare:
        earlier = period.year_earlier()
        label = period_label(earlier)
        if not scope.is_department:
            label = f"{scope.label}, {label}"
        series.append(series_build(label, scope, earlier))
    return Dashboard(
        scope=scope, period=period, series=series,
        breakdown=register_breakdown(scope, period),
        revenue=revenue_by_consultant(scope, period),
        lead_times=lead_times(scope, period),
        overdue=overdue_open(scope, on=today),
        load=open_load(scope),
        new_customers=new_customer_names(scope, period),
        comments=comments(scope, period),
        yoy=survey_yoy_all(last_year=period.year, scope=scope) if yoy else {},
        per_consultant=consultant_sections(by_consultant) if listed else None,
        today=today,
    )
