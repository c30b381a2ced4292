"""The figures one dashboard page (or the PDF) shows, fetched through the reporting selectors.

No measure is computed here: the sections come from `reporting.selectors` and are
only arranged. The caller names the parts it needs (`PARTS`); a part not asked for
is never fetched and stays None on the Dashboard. The number of queries is fixed
whatever the data size.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from assignments.models import Package
from reporting.periods import Period
from reporting.privacy import ANSWERS, candidate_withheld, parts_suppression
from reporting.selectors import (
    Scope,
    SurveyData,
    candidate_from,
    comments,
    customer_from,
    lead_times,
    new_customer_names,
    nps_by_tertial,
    open_load,
    overdue_open,
    register_breakdown,
    register_measures,
    register_measures_for_periods,
    revenue_by_consultant,
    six_month_from,
    survey_data,
    survey_data_for_periods,
    survey_data_with_consultants,
    survey_months,
    training_from,
)
from reporting.selectors.nps_trend import nps_trend_start
from reporting.targets import TargetsFor, no_targets
from timeline.selectors import timeliness_report

from .labels import MONTHS
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
    register: dict | None  # None when the register part was not asked for

    @property
    def candidate_hidden(self) -> bool:
        """The candidate figures are withheld by the rule of five (reporting.privacy)."""
        return bool(self.candidate.get("suppressed"))

    @property
    def candidate_rate_hidden(self) -> bool:
        """The candidate invitation count or response rate is withheld by the rule of five."""
        return bool(self.candidate.get("rate_suppressed"))

    def candidate_withhold(self) -> None:
        """Withhold the candidate figures (complementary suppression: they would reveal a hidden group)."""
        self.candidate = candidate_withheld(self.candidate)


def series_build(label: str, scope: Scope, period: Period, data: SurveyData | None = None, *,
                 register: bool | dict = True, catalogue: dict | None = None) -> Series:
    """One column; `data` when the scope's survey figures are already fetched; `register=False` skips
    the register measures (a page that shows only survey figures), a dict gives them when already
    fetched (selectors.register_measures_for_periods); `catalogue` when already read."""
    data = survey_data(scope, period, catalogue=catalogue) if data is None else data
    if register is True:
        register = register_measures(scope, period)
    return Series(
        label=label, scope=scope, period=period, customer=customer_from(data), candidate=candidate_from(data),
        six_month=six_month_from(data), training=training_from(data), register=register or None,
    )


def parts_withhold(parts: list[Series], whole: Series) -> None:
    """Complementary suppression of series that are parts of another (a consultant within the department,
    the units within the department): when the whole minus the shown parts would be one hidden group,
    one more series is withheld (reporting.privacy.parts_suppression)."""
    suppression = parts_suppression([p.candidate[ANSWERS] for p in parts], whole.candidate[ANSWERS])
    for part, hidden in zip(parts, suppression.hidden, strict=False):
        if hidden:
            part.candidate_withhold()
    if suppression.total_hidden:
        whole.candidate_withhold()


def period_label(period: Period) -> str:
    if period.is_full_year:
        return str(period.year)
    if period.start.month == 1:
        return _("T%(t)s %(year)s (hittills i år)") % {"t": period.tertial, "year": period.year}
    return _("T%(t)s %(year)s (bara tertialen)") % {"t": period.tertial, "year": period.year}


def months_label(period: Period) -> str:
    """The months a period covers, e.g. "jan–aug"."""
    return f"{MONTHS[period.start.month]}–{MONTHS[period.end.month]}"


def year_column_label(period: Period) -> str:
    """A year-over-year column: the year, with its months when the period is not the whole year
    ("2025 jan–aug")."""
    return str(period.year) if period.is_full_year else f"{period.year} {months_label(period)}"


# What a page can ask dashboard_build for:
#   series        survey figures per series (the scope; a consultant's group; the year before with `compare`)
#   register      register figures per series (needs series)
#   breakdown     ordered/closed assignments by package, sector, organisation kind, organisation
#   revenue       revenue per consultant against budget
#   per_consultant  survey figures per consultant (only when consultants are listed; needs series, revenue)
#   load, lead_times, overdue, new_customers, comments, yoy
#   nps_trend     the NPS of each of the last six tertials
#   targets       the targets of the report year by kpi JSON path (from the caller's `targets`)
#   timeliness    the timelines (tidplaner): planned against actual (timeline.selectors.timeliness_report)
PARTS = frozenset({"series", "register", "breakdown", "revenue", "per_consultant", "load", "lead_times", "overdue",
                   "new_customers", "comments", "yoy", "nps_trend", "targets", "timeliness"})
REQUIRES = {"register": {"series"}, "per_consultant": {"series", "revenue"}}


def parts_closed(parts: Iterable[str]) -> frozenset[str]:
    """The parts with what they need; an unknown part is a programming error."""
    result = set(parts)
    unknown = result - PARTS
    if unknown:
        raise ValueError(f"unknown dashboard parts: {sorted(unknown)}")
    for part in list(result):
        result |= REQUIRES.get(part, set())
    return frozenset(result)


@dataclass
class Dashboard:
    """The figures of one page; a part that was not built is None (or [] for the series)."""

    scope: Scope
    period: Period
    series: list[Series] = field(default_factory=list)
    breakdown: dict | None = None
    revenue: list[dict] | None = None
    lead_times: dict | None = None
    overdue: dict | None = None
    new_customers: dict | None = None  # {"hiring_managers": [names], "organisations": [names]}
    comments: list[dict] | None = None
    yoy: dict | None = None
    nps_trend: list[dict] | None = None  # selectors.nps_by_tertial
    targets: dict | None = None  # {kpi JSON path: target} (reporting.targets)
    load: list | None = None  # open assignments per consultant now
    per_consultant: dict | None = None  # {consultant_id: sections}; None when not listed or not built
    timeliness: dict | None = None  # timeline.selectors.timeliness_report
    lists_consultants: bool = False  # the viewer may see colleagues' figures (and the scope is not one consultant)
    today: dt.date | None = None
    parts: frozenset = PARTS
    extras: dict = field(default_factory=dict)
    known_package_names: dict[str, str] | None = None  # given when the caller has read them (the form)

    @property
    def main(self) -> Series:
        return self.series[0]

    @functools.cached_property
    def package_names(self) -> dict[str, str]:
        """{package code: its name}, read once, when a table or chart names packages (people see names)."""
        if self.known_package_names is not None:
            return self.known_package_names
        return dict(Package.objects.values_list("code", "name"))

    def package_name(self, code: str) -> str:
        return self.package_names.get(code, code)


def _series(scope: Scope, period: Period, compare: bool, data: SurveyData | None, register: bool) -> list[Series]:
    earlier_data = None
    if data is None and compare:  # the period and the year before from one fetch
        data, earlier_data = survey_data_for_periods(scope, [period, period.year_earlier()])
    data = survey_data(scope, period) if data is None else data
    catalogue = data.catalogue  # the question catalogue, read once for every column
    # with `compare`, the register figures of both periods from one pass over each table
    figures = register_measures_for_periods(scope, [period, period.year_earlier()]) if register and compare \
        else [register, register]
    series = [series_build(period_label(period) if scope.is_department else scope.label, scope, period, data,
                           register=figures[0])]
    if scope.consultant is not None:
        group = Scope(filters=scope.filters)
        series.append(series_build(_("Avdelningen"), group, period, register=register, catalogue=catalogue))
        parts_withhold([series[0]], series[1])
    if compare:
        earlier = period.year_earlier()
        label = period_label(earlier)
        if not scope.is_department:
            label = f"{scope.label}, {label}"
        series.append(series_build(label, scope, earlier, earlier_data, register=figures[1], catalogue=catalogue))
    return series


def dashboard_build(*, scope: Scope, period: Period, compare: bool = False, today: dt.date,
                    list_consultants: bool = True, parts: Iterable[str] = PARTS,
                    targets: TargetsFor = no_targets, package_names: dict[str, str] | None = None) -> Dashboard:
    """Fetch the asked-for parts of a dashboard; a consultant's series carry the group's (department) figures.

    `list_consultants` says whether the viewer may see colleagues' figures: the per-consultant part is
    built only then (and never for one consultant's scope). `package_names` ({code: name}) when the
    caller has read them already (the page's form).
    """
    parts = parts_closed(parts)
    with _survey_summary_checked(scope, period, parts, compare):
        return _dashboard_build(scope=scope, period=period, compare=compare, today=today,
                                list_consultants=list_consultants, parts=parts, targets=targets,
                                package_names=package_names)


YOY_YEARS = 6


def _survey_summary_checked(scope: Scope, period: Period, parts: frozenset[str], compare: bool):
    """The monthly survey summary compared with the responses once for every survey read of the page
    (selectors.survey_months.checked_once), from the earliest month a part reads to the period end."""
    starts = []
    if parts & {"series", "per_consultant"}:
        starts.append(period.year_earlier().start if compare and "series" in parts else period.start)
    if "yoy" in parts:
        starts.append(period.years_up_to(YOY_YEARS)[0].start)
    if "nps_trend" in parts:
        starts.append(nps_trend_start(period))
    if not starts or not survey_months.summary_applies(scope, min(starts), period.end):
        return contextlib.nullcontext()
    return survey_months.checked_once(min(starts), period.end)


def _dashboard_build(*, scope: Scope, period: Period, compare: bool, today: dt.date, list_consultants: bool,
                     parts: frozenset[str], targets: TargetsFor,
                     package_names: dict[str, str] | None) -> Dashboard:
    listed = "per_consultant" in parts and list_consultants and scope.consultant is None
    # With consultants listed, one grouped fetch gives both the scope's figures and each consultant's.
    data, by_consultant = survey_data_with_consultants(scope, period) if listed else (None, None)

    def part(name, fetch):
        return fetch() if name in parts else None

    return Dashboard(
        scope=scope, period=period,
        series=_series(scope, period, compare, data, "register" in parts) if "series" in parts else [],
        breakdown=part("breakdown", lambda: register_breakdown(scope, period)),
        revenue=part("revenue", lambda: revenue_by_consultant(scope, period)),
        lead_times=part("lead_times", lambda: lead_times(scope, period)),
        overdue=part("overdue", lambda: overdue_open(scope, on=today)),
        load=part("load", lambda: open_load(scope)),
        new_customers=part("new_customers", lambda: new_customer_names(scope, period)),
        comments=part("comments", lambda: comments(scope, period)),
        yoy=part("yoy", lambda: survey_yoy_all(period=period, years=YOY_YEARS, scope=scope)),
        nps_trend=part("nps_trend", lambda: nps_by_tertial(scope, period)),
        targets=part("targets", lambda: targets(year=period.year)),
        timeliness=part("timeliness", lambda: timeliness_report(
            start=period.start, end=period.end, on=min(period.end, today),
            assignments=scope.assignment_q("plan__assignment__"))),
        per_consultant=consultant_sections(by_consultant) if listed else None,
        lists_consultants=list_consultants and scope.consultant is None,
        today=today, parts=parts, known_package_names=package_names,
    )
