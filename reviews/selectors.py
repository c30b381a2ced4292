"""Reads for the review pages: the half-years, the reviews, and the figures a review is pre-filled with.

The figures are reporting's own (`kpi_report_for` with the consultant's scope, `register_measures` for
revenue against the personal budget, `goals.kpi.timeliness_json` for late steps and their causes); the
only figure read here is the hours recorded on the assignments closed in the period, which reporting
does not carry, counted with reporting's own rule for "closed in the period" (`closed_q`).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _

from assignments.models import Assignment, Consultant
from assignments.services import today
from customerpack.selectors import candidate_beside
from goals.kpi import timeliness_json
from recruitment.periods import half_year_before, half_year_of
from reporting.periods import Period
from reporting.selectors import KpiReport, Scope, kpi_report_for
from reporting.selectors.register import closed_q, register_measures
from surveys.models import LowScoreFlag
from timeline.steps import Cause

from .models import Review

LIST_HALF_YEARS = 4  # the half-years the lists show, the current one last
WRITTEN_FIELDS = ["held_on", "manager_notes", "consultant_notes", "goals", "actions"]


def half_year_label(year: int, half: int) -> str:
    return _("%(year)s, halvår %(half)s") % {"year": year, "half": half}


def current_half_year(on: dt.date | None = None) -> tuple[int, int]:
    on = on or today()
    return on.year, half_year_of(on)


def recent_half_years(on: dt.date | None = None, count: int = LIST_HALF_YEARS) -> list[tuple[int, int]]:
    """The last `count` half-years up to the current one, the oldest first."""
    halves = [current_half_year(on)]
    while len(halves) < count:
        halves.append(half_year_before(*halves[-1]))
    return halves[::-1]


def review_of(consultant: Consultant, year: int, half: int) -> Review | None:
    return Review.objects.filter(consultant=consultant, year=year, half=half).first()


def reviews_by_key(consultants, halves) -> dict[tuple[int, int, int], Review]:
    """{(consultant pk, year, half): review} for the given consultants and half-years (one query)."""
    years = {year for year, _half in halves}
    rows = Review.objects.filter(consultant__in=consultants, year__in=years)
    return {(r.consultant_id, r.year, r.half): r for r in rows}


def review_history(review: Review | None) -> list[dict]:
    """The review's saved versions, the newest first, each with who saved it and which fields changed."""
    if review is None:
        return []
    records = list(review.history.select_related("history_user").order_by("-history_date", "-history_id"))
    labels = {f.name: f.verbose_name for f in Review._meta.fields}
    out = []
    for i, record in enumerate(records):
        older = records[i + 1] if i + 1 < len(records) else None
        changed = ([labels.get(c.field, c.field)
                    for c in record.diff_against(older, included_fields=WRITTEN_FIELDS).changes]
                   if older is not None else [])
        user = record.history_user
        out.append({"when": record.history_date, "who": (user.get_full_name() or user.username) if user else "",
                    "created": older is None, "changed": changed, "record": record})
    return out


@dataclass(frozen=True)
class Hours:
    total: float | None  # hours recorded on the assignments closed in the period
    closed_with_hours: int

    @property
    def mean(self) -> float | None:
        return self.total / self.closed_with_hours if self.closed_with_hours else None


def closed_hours(scope: Scope, period: Period) -> Hours:
    """The hours recorded on the assignments of the scope closed in the period (reporting's rule)."""
    agg = Assignment.objects.filter(closed_q(scope, period)).aggregate(total=Sum("hours"), n=Count("hours"))
    return Hours(float(agg["total"]) if agg["total"] is not None else None, agg["n"])


@dataclass(frozen=True)
class Column:
    """One column of the review's figures: a scope in a period."""

    label: str
    report: KpiReport
    year_to_date: dict  # register_measures from 1 January to the period's end (revenue against the budget)
    hours: Hours
    timeliness: dict  # goals.kpi.timeliness_json


def column(label: str, scope: Scope, period: Period) -> Column:
    return Column(label=label, report=kpi_report_for(scope, period),
                  year_to_date=register_measures(scope, Period.year_to(period.end)),
                  hours=closed_hours(scope, period), timeliness=timeliness_json(scope=scope, period=period))


@dataclass(frozen=True)
class ReviewFigures:
    period: Period
    previous_period: Period
    consultant: Column  # the consultant in the half-year
    previous: Column  # the consultant in the half-year before
    department: Column  # the whole department in the half-year
    flags: list  # the low-score flags raised on the consultant's assignments in the half-year

    @property
    def columns(self) -> list[Column]:
        return [self.consultant, self.previous, self.department]


def flags_in(consultant: Consultant, period: Period) -> QuerySet[LowScoreFlag]:
    """Low-score flags raised in the period on assignments the consultant leads, with their follow-up."""
    return (LowScoreFlag.objects.filter(assignment__lead_consultant=consultant,
                                        created_at__date__gte=period.start, created_at__date__lte=period.end)
            .select_related("assignment__organisation", "followed_up_by").order_by("created_at", "pk"))


def review_figures(consultant: Consultant, year: int, half: int) -> ReviewFigures:
    period = Period.half_year(year, half)
    previous_period = Period.half_year(*half_year_before(year, half))
    scope = Scope(consultant=consultant)
    own = column(half_year_label(year, half), scope, period)
    department = column(_("Hela avdelningen"), Scope(), period)
    # shown beside the department, the consultant's candidate figures are withheld when the department's
    # other candidates are too few: the department less the consultant would be their answers
    own = dataclasses.replace(own, report=candidate_beside(own.report, department.report, scope, period))
    # so too the half-year before: its department is the department column of that half-year's review
    previous = column(half_year_label(*half_year_before(year, half)), scope, previous_period)
    previous = dataclasses.replace(previous, report=candidate_beside(
        previous.report, kpi_report_for(Scope(), previous_period), scope, previous_period))
    return ReviewFigures(
        period=period, previous_period=previous_period,
        consultant=own,
        previous=previous,
        department=department,
        flags=list(flags_in(consultant, period)),
    )


def cause_labels() -> list[tuple[str, str]]:
    """(key, label) of every cause of delay, then the late steps without a cause."""
    return [(c.value, c.label) for c in Cause] + [("none", _("Orsak inte angiven"))]
