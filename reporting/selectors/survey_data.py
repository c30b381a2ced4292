"""Everything the survey measures of one scope and period are built from, fetched in a fixed number of queries."""
from __future__ import annotations

from dataclasses import dataclass, field

from assignments.models import Consultant
from reporting.models import SurveyAggregate
from reporting.periods import Period
from reporting.privacy import YEAR_PERIODS, YearCounts

from . import stats
from .questions import question_catalogue
from .scope import Scope

SURVEY_KINDS = ("customer", "candidate", "six_month", "training")


@dataclass
class SurveyData:
    """Figures of one kind-agnostic fetch; `stat(kind, key)` and friends read it."""

    catalogue: dict[str, dict[str, str]]
    answers: dict = field(default_factory=dict)  # {(kind, key): AnswerStat}
    responses: dict = field(default_factory=dict)  # {kind: int}
    invitations: dict = field(default_factory=dict)  # {kind: (sent, answered)}
    manual: tuple[int, float] = (0, 0.0)  # entered course results: (count, sum of grades)
    aggregates: dict = field(default_factory=dict)  # {kind: {key: SurveyAggregate}} used as fallback
    # the period among its year's periods and the year's candidate answers per tertial, when the year's
    # other periods of the scope may be shown too (`year_counts_apply`, reporting.privacy.tertials_shown)
    candidate_year: YearCounts | None = None

    def stat(self, kind: str, key: str):
        return self.answers.get((kind, key))

    def keys(self, kind: str) -> list[str]:
        """Question keys with answers, in catalogue order, then any others."""
        answered = {key for (k, key) in self.answers if k == kind}
        ordered = [key for key in self.catalogue.get(kind, {}) if key in answered]
        return ordered + sorted(answered - set(ordered))

    def qtype(self, kind: str, key: str) -> str | None:
        return self.catalogue.get(kind, {}).get(key)

    def invited(self, kind: str) -> tuple[int, int] | None:
        return self.invitations.get(kind)


def aggregates_apply(scope: Scope, period: Period) -> bool:
    """Published aggregates describe whole years for the whole department only."""
    return scope.is_whole_department and period.is_full_year


def year_counts_apply(scope: Scope, period: Period) -> bool:
    """Whether a candidate figure of the scope and period is checked against the year's other periods of
    the scope (reporting.privacy.tertials_shown): for a period of the year the reports offer, other than
    T1 (decided first, by the rule of five alone), of the whole department (its tertial report, published
    to everyone) or of a scope with a filter (a customer's pack or the dashboard's customer filter, a kind
    of organisation, a sector, a package; with or without a unit or consultant).

    Not for a unit's or a consultant's own figures without a filter. The contract's kpi for konsult03 in
    2025 (../shared/check-contracts, samples/expected.json) expects the year shown with six answers, five
    of them by August, which `kpi --tertial 2` shows for the same consultant: the rule would withhold that
    year. So that difference (one candidate's answers, September-December) stays open in a consultant's
    and a unit's own figures, which only the department's staff see (the dashboard, the kpi command, the
    reviews); the department's published figures and every customer's are checked.
    """
    return (not scope.filters.empty or scope.is_department) and period.tertials in YEAR_PERIODS[1:]


def candidate_years_add(scope: Scope, pairs, *, by_consultant: bool = False, total=None) -> None:
    """Set `candidate_year` on each (period, data, consultant id or None) that needs it, from one fetch for
    them all (two queries, none when none needs it). `total`: (period, data) of the whole scope, whose
    counts are every consultant group's added up (with `by_consultant`)."""
    # a consultant's group is the consultant's scope (with the filters): `year_counts_apply` of that scope
    people = Scope(consultant=Consultant(), filters=scope.filters) if by_consultant else scope
    wanted = [(period, data, pk) for period, data, pk in pairs
              if year_counts_apply(people, period) and data.responses.get("candidate")]
    if total and year_counts_apply(scope, total[0]) and total[1].responses.get("candidate"):
        wanted.append((*total, "total"))
    if not wanted:
        return
    # per consultant only when a consultant's group is checked (under a filter); else the whole scope alone
    by_consultant = by_consultant and any(pk != "total" for _period, _data, pk in wanted)
    counts = stats.candidate_tertial_counts(scope, [period for period, _data, _pk in wanted],
                                            by_consultant=by_consultant)
    if by_consultant:
        for (year, _pk), groups in list(counts.items()):
            whole = counts.setdefault((year, "total"), {})
            for key, tertials in groups.items():
                into = whole.setdefault(key, {})
                for tertial, n in tertials.items():
                    into[tertial] = into.get(tertial, 0) + n
    for period, data, pk in wanted:
        pk = None if pk == "total" and not by_consultant else pk
        data.candidate_year = YearCounts(period=period.tertials, counts=counts.get((period.year, pk), {}))


def survey_data(scope: Scope, period: Period, *, catalogue: dict | None = None) -> SurveyData:
    """Fetch answers, response counts, invitations and entered course results (4-6 queries; two more for the
    year's candidate answers per tertial where `year_counts_apply` and the period has candidate answers).

    `catalogue`: the question catalogue when the caller has read it already (one query fewer).
    """
    data = SurveyData(catalogue=question_catalogue() if catalogue is None else catalogue)
    raw, responses = stats.survey_counts(scope, period.start, period.end)
    data.answers = {(kind, key): value for (_year, kind, key), value in raw.items()}
    data.responses = {kind: n for (_year, kind), n in responses.items()}
    data.invitations = {
        kind: value for (_year, kind), value in stats.invitation_counts(scope, period.start, period.end).items()
    }
    _add_manual_and_aggregates(data, scope, period)
    candidate_years_add(scope, [(period, data, None)])
    return data


def survey_data_per_period(scope: Scope, periods: list[Period], *, catalogue: dict | None = None) -> list[SurveyData]:
    """[survey_data(scope, p) for p in periods] from one fetch for them all (about six queries whatever their
    number, e.g. T1, T2 and the year to date of a plan year): the answers from the monthly summary read once
    by month where it applies, invitations and entered course results with one FILTER per period."""
    catalogue = question_catalogue() if catalogue is None else catalogue
    counts = stats.survey_counts_for_periods(scope, periods)
    invitations = stats.invitation_counts_for_periods(scope, periods)
    manual = stats.manual_training_for_periods(scope, periods)
    full_years = [p.year for p in periods if aggregates_apply(scope, p)]
    published = published_aggregates(full_years) if full_years else {}
    result = []
    for period, (raw, responses), invited, entered in zip(periods, counts, invitations, manual, strict=True):
        data = SurveyData(catalogue=catalogue)
        data.answers = {(kind, key): value for (_group, kind, key), value in raw.items()}
        data.responses = {kind: n for (_group, kind), n in responses.items()}
        data.invitations = {kind: value for (_group, kind), value in invited.items()}
        data.manual = entered
        if aggregates_apply(scope, period):
            data.aggregates = {kind: rows for kind, rows in published.get(period.year, {}).items()
                               if not data.responses.get(kind)}
        result.append(data)
    candidate_years_add(scope, [(period, data, None) for period, data in zip(periods, result, strict=True)])
    return result


def survey_data_for_periods(scope: Scope, periods: list[Period], *, catalogue: dict | None = None) -> list[SurveyData]:
    """[survey_data(scope, p) for p in periods] from one fetch grouped by year (4-6 queries for them all).

    Each period lies within its own calendar year, no two in the same year (a period and the same
    months a year earlier): every figure is counted per year inside the periods only.
    """
    if len({p.year for p in periods}) != len(periods) or any(p.start.year != p.end.year for p in periods):
        raise ValueError("one period per calendar year, each inside its year")
    catalogue = question_catalogue() if catalogue is None else catalogue
    within = sorted(periods, key=lambda p: p.start)
    start, end = within[0].start, within[-1].end
    raw, responses = stats.survey_counts(scope, start, end, by="year", within=within)
    invitations = stats.invitation_counts(scope, start, end, by="year", within=within)
    manual = stats.manual_training(scope, start, end, by_year=True, within=within)
    full_years = [p.year for p in periods if aggregates_apply(scope, p)]
    published = published_aggregates(full_years) if full_years else {}
    result = []
    for period in periods:
        data = SurveyData(catalogue=catalogue)
        data.answers = {(kind, key): value for (year, kind, key), value in raw.items() if year == period.year}
        data.responses = {kind: n for (year, kind), n in responses.items() if year == period.year}
        data.invitations = {kind: value for (year, kind), value in invitations.items() if year == period.year}
        data.manual = manual.get(period.year, (0, 0.0))
        if aggregates_apply(scope, period):
            data.aggregates = {kind: rows for kind, rows in published.get(period.year, {}).items()
                               if not data.responses.get(kind)}
        result.append(data)
    candidate_years_add(scope, [(period, data, None) for period, data in zip(periods, result, strict=True)])
    return result


def _add_manual_and_aggregates(data: SurveyData, scope: Scope, period: Period) -> None:
    data.manual = stats.manual_training(scope, period.start, period.end)[None]
    if aggregates_apply(scope, period):
        published = published_aggregates([period.year]).get(period.year, {})
        data.aggregates = {kind: rows for kind, rows in published.items() if not data.responses.get(kind)}


def _by_consultant(scope: Scope, period: Period, kinds, catalogue: dict) -> dict[int | None, SurveyData]:
    """{consultant_id or None: SurveyData} grouped by the credited consultant (invitations: the lead consultant)."""
    data: dict[int | None, SurveyData] = {}

    def of(pk: int | None) -> SurveyData:
        return data.setdefault(pk, SurveyData(catalogue=catalogue))

    start, end = period.start, period.end
    answers, responses = stats.survey_counts(scope, start, end, by="consultant", kinds=kinds)
    for (pk, kind, key), value in answers.items():
        of(pk).answers[(kind, key)] = value
    for (pk, kind), n in responses.items():
        of(pk).responses[kind] = n
    for (pk, kind), value in stats.invitation_counts(scope, start, end, by="consultant", kinds=kinds).items():
        of(pk).invitations[kind] = value
    return data


def survey_data_by_consultant(scope: Scope, period: Period, *, kinds=SURVEY_KINDS) -> dict[int, SurveyData]:
    """{consultant_id: SurveyData} of the surveys `kinds`, grouped by the credited consultant (three or four queries).

    Invitations follow the assignment's lead consultant. Answers without a consultant
    are left out; no published aggregates or entered course results (they have no consultant).
    """
    groups = _by_consultant(scope, period, kinds, question_catalogue())
    candidate_years_add(scope, [(period, d, pk) for pk, d in groups.items() if pk is not None], by_consultant=True)
    return {pk: d for pk, d in groups.items() if pk is not None}


def survey_data_with_consultants(scope: Scope, period: Period) -> tuple[SurveyData, dict[int, SurveyData]]:
    """(survey_data(scope, period), survey_data_by_consultant(scope, period)) from one grouped fetch (4-6 queries).

    The scope's figures are the sum of every group's (answers without a consultant included),
    so the answers are scanned once for both.
    """
    catalogue = question_catalogue()
    groups = _by_consultant(scope, period, SURVEY_KINDS, catalogue)
    data = SurveyData(catalogue=catalogue)
    answers: dict = {}
    for group in groups.values():
        for key, value in group.answers.items():
            answers.setdefault(key, []).append(value)
        for kind, n in group.responses.items():
            data.responses[kind] = data.responses.get(kind, 0) + n
        for kind, (sent, answered) in group.invitations.items():
            before = data.invitations.get(kind, (0, 0))
            data.invitations[kind] = (before[0] + sent, before[1] + answered)
    data.answers = {key: stats.AnswerStat.combine(values) for key, values in answers.items()}
    _add_manual_and_aggregates(data, scope, period)
    candidate_years_add(scope, [(period, d, pk) for pk, d in groups.items() if pk is not None], by_consultant=True,
                         total=(period, data))
    return data, {pk: d for pk, d in groups.items() if pk is not None}


def published_aggregates(years) -> dict:
    """{year: {kind: {key: SurveyAggregate}}} for the years (one query)."""
    result: dict = {}
    for row in SurveyAggregate.objects.filter(year__in=list(years)):
        result.setdefault(row.year, {}).setdefault(row.survey, {})[row.question] = row
    return result
