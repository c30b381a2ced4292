"""The KPI report as typed figures: `KpiReport`, whose `to_json()` is the measures part of `manage.py kpi`.

Reporting knows nothing of the apps built on it: the kpi JSON's sections on the plan ("ami",
"indicators") are composed above reporting, by the app that owns the plan.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields

from reporting.periods import Period
from reporting.privacy import candidate_too_few

from .candidate import candidate_from
from .customer import customer_from
from .register import register_measures, register_measures_for_periods
from .scope import Scope, scope_resolve
from .six_month import six_month_from
from .stats import AnswerStat
from .survey_data import SurveyData, survey_data, survey_data_per_period
from .training import training_from

# {question key: {"mean", "n"}} or {"yes_share", "n"} per question, as in the kpi JSON
Questions = dict[str, dict[str, float | int | None]]


@dataclass(frozen=True)
class CustomerFigures:
    responses: int
    invited: int | None
    response_rate: float | None
    nps: float | None
    nps_margin: float | None
    promoters: int
    passives: int
    detractors: int
    overall_satisfaction: float | None
    satisfied_share: float | None
    total_mean: float | None
    questions: Questions


@dataclass(frozen=True)
class CandidateFigures:
    responses: int
    invited: int | None
    response_rate: float | None
    satisfied_share: float | None
    questions: Questions


@dataclass(frozen=True)
class SixMonthFigures:
    responses: int
    invited: int | None
    response_rate: float | None
    match_mean: float | None
    use_again_share: float | None


@dataclass(frozen=True)
class TrainingFigures:
    responses: int
    mean: float | None


@dataclass(frozen=True)
class AssignmentFigures:
    ordered: int
    closed: int
    by_package: dict[str, int]
    revenue_sek: float
    revenue_per_fte: float | None
    personal_letter_share: float | None
    screening_count: int
    new_customers: int


def _typed(cls, section: dict):
    """The dataclass from a measures dict, keeping only its fields (the dicts carry the dashboard's extras)."""
    return cls(**{f.name: section[f.name] for f in fields(cls)})


@dataclass(frozen=True)
class KpiReport:
    """The report's figures for one scope and period; the order of the fields is the JSON's order."""

    period: Period
    customer: CustomerFigures
    candidate: CandidateFigures
    six_month: SixMonthFigures
    training: TrainingFigures
    assignments: AssignmentFigures
    # {(kind, question key): AnswerStat}: what the sections' figures are computed from; not in the JSON
    answers: Mapping[tuple[str, str], AnswerStat] = field(default_factory=dict, repr=False, compare=False)

    def question_stat(self, kind: str, key: str) -> AnswerStat | None:
        """The numeric answers to one question (n, mean, satisfied, ...), None without answers; a candidate
        question answered by too few is withheld (reporting.privacy), as in the sections: a candidate question
        only when the candidate section shows it."""
        stat = self.answers.get((kind, key))
        if stat is None or (kind == "candidate" and (candidate_too_few(stat.n) or key not in self.candidate.questions)):
            return None
        return stat

    def survey(self, kind: str) -> CustomerFigures | CandidateFigures | SixMonthFigures | TrainingFigures:
        """The figures of a survey kind ("customer", "candidate", "six_month", "training")."""
        return {"customer": self.customer, "candidate": self.candidate, "six_month": self.six_month,
                "training": self.training}[kind]

    def to_json(self) -> dict:
        """{"period", "customer", "candidate", "six_month", "training", "assignments"}: the kpi JSON's
        measures, in its order and shape ("ami" and "indicators" are added above reporting)."""
        return {"period": self.period.as_dict(),
                **{name: asdict(getattr(self, name))
                   for name in ("customer", "candidate", "six_month", "training", "assignments")}}


def survey_measures(scope: Scope, period: Period) -> dict:
    """All four survey sections with their extra keys, from one fetch (about six queries).

    {"customer": customer_from(...), "candidate": ..., "six_month": ..., "training": ...}.
    Candidate results from fewer than REPORT_MIN_CANDIDATE_GROUP answers are withheld in
    every scope (see reporting.privacy).
    """
    return _sections(survey_data(scope, period))


def _sections(data: SurveyData) -> dict:
    return {"customer": customer_from(data), "candidate": candidate_from(data),
            "six_month": six_month_from(data), "training": training_from(data)}


def _report(period: Period, data: SurveyData, register: dict) -> KpiReport:
    surveys = _sections(data)
    return KpiReport(
        period=period,
        customer=_typed(CustomerFigures, surveys["customer"]),
        candidate=_typed(CandidateFigures, surveys["candidate"]),
        six_month=_typed(SixMonthFigures, surveys["six_month"]),
        training=_typed(TrainingFigures, surveys["training"]),
        assignments=_typed(AssignmentFigures, register),
        answers=data.answers,
    )


def kpi_report_for(scope: Scope, period: Period) -> KpiReport:
    """The KPI report for any scope and period (e.g. the four months alone, or a year earlier)."""
    return _report(period, survey_data(scope, period), register_measures(scope, period))


def kpi_reports_for(scope: Scope, periods: Sequence[Period]) -> list[KpiReport]:
    """The KPI reports of several periods of one scope, in their order, from one fetch for them all
    (about ten queries whatever their number: the survey and register figures with one FILTER per period)."""
    periods = list(periods)
    surveys = survey_data_per_period(scope, periods)
    registers = register_measures_for_periods(scope, periods)
    return [_report(period, data, register)
            for period, data, register in zip(periods, surveys, registers, strict=True)]


def kpi_report(*, year: int, tertial: int | None = None, consultant=None, unit=None, filters=None) -> KpiReport:
    """The KPI report of a year or a tertial (year to date) for the department, a unit or a consultant.

    `consultant` is a Consultant or an e-mail address, `unit` a Unit or a unit
    name, `filters` a dict with any of organisation (id, name or instance),
    organisation_kind, sector, package (code). Raises ScopeError (a Swedish
    message) for an unknown consultant, unit or filter. A fixed number of queries
    (about 14) whatever the data size.
    """
    scope = scope_resolve(consultant=consultant, unit=unit, filters=filters)
    return kpi_report_for(scope, Period.for_report(year, tertial))
