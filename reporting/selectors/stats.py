"""The survey figures the measures are built from, aggregated in the database.

Unfiltered scopes over whole months read the monthly summary (`survey_months`, checked against
the responses before each read); the rest read the answers (through the covering indexes of
reporting migration 0003). Each function is one or two queries whatever the data size. Results
are keyed by survey kind (and by year when `by_year` is set, for year-over-year tables).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, Count, ExpressionWrapper, F, FloatField, IntegerField, Q, Sum, Value, When
from django.db.models.functions import ExtractYear

from recruitment.compiled import values_rows
from recruitment.periods import tertial_of
from surveys.models import Answer, Invitation, InvitationStatus, Response, ResponseSource, SurveyKind, TrainingSession

from . import survey_months
from .dates import local_midnight, within_q
from .scope import Scope, credited_consultant

PROMOTER_MIN = 9
DETRACTOR_MAX = 6


@dataclass(frozen=True)
class AnswerStat:
    """The numeric answers to one question: N/A and unanswered left out."""

    n: int
    mean: float | None
    total: int  # sum of the values; for yes/no questions the number of "ja"
    promoters: int  # values >= 9
    detractors: int  # values <= 6
    satisfied: int  # values >= settings.REPORT_SATISFIED_MIN

    @classmethod
    def from_counts(cls, counts: dict) -> AnswerStat:
        """From the summary's sums: n, total and {threshold: answers at least that} for the thresholds below."""
        n, at_least = counts["n"], counts["at_least"]
        return cls(n=n, mean=counts["total"] / n if n else None, total=counts["total"],
                   promoters=at_least[PROMOTER_MIN], detractors=n - at_least[DETRACTOR_MAX + 1],
                   satisfied=at_least[settings.REPORT_SATISFIED_MIN])

    @property
    def share(self) -> float | None:
        """The yes share of a yes/no question (1 = ja, 0 = nej)."""
        return self.total / self.n if self.n else None

    @classmethod
    def combine(cls, stats: list[AnswerStat]) -> AnswerStat:
        """The figures of several groups' answers together (counts and sums add; the mean is sum / n)."""
        if len(stats) == 1:
            return stats[0]
        n, total = sum(s.n for s in stats), sum(s.total for s in stats)
        return cls(n=n, mean=total / n if n else None, total=total, promoters=sum(s.promoters for s in stats),
                   detractors=sum(s.detractors for s in stats), satisfied=sum(s.satisfied for s in stats))


# What a result may be grouped by besides the survey kind: {by: (answer path, response path, invitation path)}.
GROUPS = {
    "year": (ExtractYear("response__submitted_on"), ExtractYear("submitted_on"), ExtractYear("sent_at")),
    "consultant": (credited_consultant("response__"), credited_consultant(), F("assignment__lead_consultant")),
}


def _group(by: str | None, by_year: bool) -> str | None:
    by = by or ("year" if by_year else None)
    if by is not None and by not in GROUPS:
        raise ValueError(f"unknown grouping {by!r}")
    return by


def _grouped(qs, by: str | None, which: int, fields: list[str]):
    """The queryset annotated with the group value "group" (first in `fields`) when grouped."""
    if by is None:
        return qs, fields
    return qs.annotate(group=GROUPS[by][which]), ["group", *fields]


def answer_stats(scope: Scope, start: dt.date, end: dt.date, *, by_year: bool = False, by: str | None = None,
                 kinds=None, within=None) -> dict:
    """{(group or None, kind, key): AnswerStat} over responses submitted from start to end (one query).

    `by` is None, "year" (the answer year; `by_year=True` is the same) or "consultant"
    (the credited consultant's id, `scope.credited_consultant`; None for answers without one).
    `kinds` limits the surveys; `within` (Periods), when given, limits the dates further to those inside one of them.
    """
    by = _group(by, by_year)
    if survey_months.summary_applies(scope, start, end, within):
        return survey_counts(scope, start, end, by=by, kinds=kinds, within=within)[0]
    threshold = settings.REPORT_SATISFIED_MIN
    qs = Answer.objects.filter(
        scope.response_q("response__"),
        within_q("response__submitted_on", within),
        response__submitted_on__gte=start,
        response__submitted_on__lte=end,
        value_number__isnull=False,
    )
    if kinds is not None:
        qs = qs.filter(response__kind__in=list(kinds))
    qs, fields = _grouped(qs, by, 0, ["response__kind", "question_key"])
    # Every aggregate reads value_number only, so the covering index (response, key, value) answers it.
    rows = qs.values(*fields).order_by().annotate(
        n=Count("value_number"),
        total=Sum("value_number"),
        promoters=Count("value_number", filter=Q(value_number__gte=PROMOTER_MIN)),
        detractors=Count("value_number", filter=Q(value_number__lte=DETRACTOR_MAX)),
        satisfied=Count("value_number", filter=Q(value_number__gte=threshold)),
    )
    result = {}
    for row in rows:
        key = (row.get("group"), row["response__kind"], row["question_key"])
        result[key] = AnswerStat(
            n=row["n"], mean=row["total"] / row["n"] if row["n"] else None, total=row["total"] or 0,
            promoters=row["promoters"], detractors=row["detractors"], satisfied=row["satisfied"],
        )
    return result


def response_counts(scope: Scope, start: dt.date, end: dt.date, *, by_year: bool = False, by: str | None = None,
                    kinds=None, within=None) -> dict:
    """{(group or None, kind): number of responses} submitted from start to end (`by` as in answer_stats)."""
    by = _group(by, by_year)
    if survey_months.summary_applies(scope, start, end, within):
        return survey_counts(scope, start, end, by=by, kinds=kinds, within=within)[1]
    qs = Response.objects.filter(scope.response_q(), within_q("submitted_on", within), submitted_on__gte=start,
                                 submitted_on__lte=end)
    if kinds is not None:
        qs = qs.filter(kind__in=list(kinds))
    qs, fields = _grouped(qs, by, 1, ["kind"])
    return {(row.get("group"), row["kind"]): row["n"] for row in qs.values(*fields).order_by().annotate(n=Count("id"))}


def survey_counts(scope: Scope, start: dt.date, end: dt.date, *, by: str | None = None,
                  kinds=None, within=None) -> tuple[dict, dict]:
    """(answer_stats(...), response_counts(...)) with the same arguments: two queries from the summary
    (its fingerprints, then its rows) or from the answers (the answers, then the responses)."""
    by = _group(by, False)
    if survey_months.summary_applies(scope, start, end, within):
        thresholds = {PROMOTER_MIN, DETRACTOR_MAX + 1, settings.REPORT_SATISFIED_MIN}
        answers, responses = survey_months.counts(scope, start, end, by=by, kinds=kinds,
                                                  thresholds=sorted(thresholds), within=within)
        return {key: AnswerStat.from_counts(value) for key, value in answers.items()}, responses
    return (answer_stats(scope, start, end, by=by, kinds=kinds, within=within),
            response_counts(scope, start, end, by=by, kinds=kinds, within=within))


def survey_counts_for_periods(scope: Scope, periods) -> list[tuple[dict, dict]]:
    """[survey_counts(scope, p.start, p.end) for p in periods]. Where the summary applies to every period,
    it is read once by month over them all (two queries) and each period's figures are its months' added up;
    otherwise each period is read on its own."""
    if not all(survey_months.summary_applies(scope, p.start, p.end) for p in periods):
        return [survey_counts(scope, p.start, p.end) for p in periods]
    thresholds = sorted({PROMOTER_MIN, DETRACTOR_MAX + 1, settings.REPORT_SATISFIED_MIN})
    answers, responses = survey_months.counts(scope, min(p.start for p in periods), max(p.end for p in periods),
                                              by="month", thresholds=thresholds)
    result = []
    for period in periods:
        summed: dict = {}
        for (month, kind, key), value in answers.items():
            if period.start <= month <= period.end:
                total = summed.setdefault((None, kind, key),
                                          {"n": 0, "total": 0, "at_least": dict.fromkeys(thresholds, 0)})
                total["n"] += value["n"]
                total["total"] += value["total"]
                for threshold, count in value["at_least"].items():
                    total["at_least"][threshold] += count
        counted: dict = {}
        for (month, kind), n in responses.items():
            if period.start <= month <= period.end:
                counted[(None, kind)] = counted.get((None, kind), 0) + n
        result.append(({key: AnswerStat.from_counts(value) for key, value in summed.items()}, counted))
    return result


def _tertial(path: str) -> Case:
    """The tertial (1, 2 or 3) of the date at `path` (recruitment.periods.tertial_of, in SQL)."""
    return Case(When(**{f"{path}__month__lte": 4}, then=Value(1)), When(**{f"{path}__month__lte": 8}, then=Value(2)),
                default=Value(3), output_field=IntegerField())


def candidate_tertial_counts(scope: Scope, periods, *, by_consultant: bool = False) -> dict:
    """{(year, consultant or None): {None: {tertial: candidate responses}, question key: {tertial: its
    numeric answers}}} of the scope from 1 January of each period's year to the period's end (two queries;
    for a scope without filters from the monthly summary by month, as `survey_counts`, one inside a
    `survey_months.checked_once` block that covers them): what `reporting.privacy.tertials_shown` reads
    for each period of the year (a period's decision reads no later month). `by_consultant`: per credited
    consultant (None without one), as `survey_data_by_consultant` groups them; else the consultant is None."""
    ends: dict[int, dt.date] = {}
    for period in periods:
        ends[period.year] = max(ends.get(period.year, period.end), period.end)

    def in_years(path: str) -> Q:
        q = Q(pk__in=[])
        for year, end in sorted(ends.items()):
            q |= Q(**{f"{path}__gte": dt.date(year, 1, 1), f"{path}__lte": end})
        return q

    def grouped(qs, prefix: str, fields: list[str]):
        qs = qs.annotate(year=ExtractYear(f"{prefix}submitted_on"), tertial=_tertial(f"{prefix}submitted_on"))
        if by_consultant:
            qs, fields = qs.annotate(group=credited_consultant(prefix)), ["group", *fields]
        return qs.values("year", "tertial", *fields).order_by().annotate(n=Count("id"))

    result: dict = {}
    first, last = dt.date(min(ends), 1, 1), max(ends.values())
    if not by_consultant and survey_months.summary_applies(scope, first, last):  # by month, from the summary
        answers, responses = survey_months.counts(scope, first, last, by="month", kinds=[SurveyKind.CANDIDATE])
        for (month, _kind, key), value in answers.items():
            counts = result.setdefault((month.year, None), {}).setdefault(key, {})
            counts[tertial_of(month)] = counts.get(tertial_of(month), 0) + value["n"]
        for (month, _kind), n in responses.items():
            counts = result.setdefault((month.year, None), {}).setdefault(None, {})
            counts[tertial_of(month)] = counts.get(tertial_of(month), 0) + n
        return result
    answers = Answer.objects.filter(scope.response_q("response__"), in_years("response__submitted_on"),
                                    response__kind=SurveyKind.CANDIDATE, value_number__isnull=False)
    for row in grouped(answers, "response__", ["question_key"]):
        counts = result.setdefault((row["year"], row.get("group")), {}).setdefault(row["question_key"], {})
        counts[row["tertial"]] = row["n"]
    responses = Response.objects.filter(scope.response_q(), in_years("submitted_on"), kind=SurveyKind.CANDIDATE)
    for row in grouped(responses, "", []):
        result.setdefault((row["year"], row.get("group")), {}).setdefault(None, {})[row["tertial"]] = row["n"]
    return result


NEVER_COUNTED = [InvitationStatus.SKIPPED, InvitationStatus.HELD, InvitationStatus.CANCELLED]


def invitation_counts(scope: Scope, start: dt.date, end: dt.date, *, by_year: bool = False, by: str | None = None,
                      kinds=None, within=None) -> dict:
    """{(group or None, kind): (sent, answered)} for invitations sent from start to end.

    An invitation counts when it was sent (`sent_at` set, whatever happened after),
    never when skipped, held or cancelled. `sent_at` is read as a Stockholm date.
    `by` and `within` as in answer_stats; "consultant" is the assignment's lead consultant.
    """
    by = _group(by, by_year)
    qs = _invitations(scope, within, kinds).filter(
        sent_at__gte=local_midnight(start), sent_at__lt=local_midnight(end, after=True))
    qs, fields = _grouped(qs, by, 2, ["kind"])
    rows = qs.values(*fields).order_by().annotate(
        sent=Count("id"), answered=Count("id", filter=Q(status=InvitationStatus.ANSWERED))
    )
    counts = {(row.get("group"), row["kind"]): (row["sent"], row["answered"]) for row in rows}
    if any(kind == SurveyKind.CANDIDATE for _group_value, kind in counts):
        _candidate_answered(counts, _candidate_web_answers(scope, start, end, by, within))
    return counts


def _invitations(scope: Scope, within, kinds):
    """The invitations that count (sent, not skipped, held or cancelled) in scope, inside `within`."""
    qs = Invitation.objects.filter(
        scope.assignment_q("assignment__"), within_q("sent_at", within, local_datetime=True),
    ).exclude(status__in=NEVER_COUNTED)
    return qs.filter(kind__in=list(kinds)) if kinds is not None else qs


def _candidate_answered(counts: dict, answers: dict) -> None:
    """The rule for candidate invitations, in place: answered = the group's candidate web answers, at most
    the number sent (a candidate invitation never records that it was answered)."""
    for key, (sent, _never_marked) in counts.items():
        if key[1] == SurveyKind.CANDIDATE:
            counts[key] = (sent, min(sent, answers.get(key[0], 0)))


def _sent_in(period, path: str = "sent_at") -> Q:
    return Q(**{f"{path}__gte": local_midnight(period.start), f"{path}__lt": local_midnight(period.end, after=True)})


def _any_of(periods, make) -> Q:
    q = Q(pk__in=[])
    for period in periods:
        q |= make(period)
    return q


def invitation_counts_for_periods(scope: Scope, periods) -> list[dict]:
    """[invitation_counts(scope, p.start, p.end) for p in periods]: one query with one FILTER per
    period (and one for the candidate web answers when candidate invitations were sent)."""
    def query():
        answered = Q(status=InvitationStatus.ANSWERED)
        return _invitations(scope, None, None).filter(_any_of(periods, _sent_in)).values("kind").order_by().annotate(
            **{name: aggregate for i, period in enumerate(periods) for name, aggregate in (
                (f"sent_{i}", Count("id", filter=_sent_in(period))),
                (f"answered_{i}", Count("id", filter=_sent_in(period) & answered)))})
    # compiled once per scope and periods (recruitment/compiled.py)
    rows = values_rows(("reporting.invitation_counts", scope.key, tuple((p.start, p.end) for p in periods)), query)
    result = [{(None, row["kind"]): (row[f"sent_{i}"], row[f"answered_{i}"]) for row in rows if row[f"sent_{i}"]}
              for i in range(len(periods))]
    if any(kind == SurveyKind.CANDIDATE for counts in result for _group_value, kind in counts):
        def submitted(period):
            return Q(submitted_on__gte=period.start, submitted_on__lte=period.end)
        web = Response.objects.filter(
            scope.response_q(), _any_of(periods, submitted), kind=SurveyKind.CANDIDATE, source=ResponseSource.WEB,
        ).aggregate(**{f"n_{i}": Count("id", filter=submitted(period)) for i, period in enumerate(periods)})
        for i, counts in enumerate(result):
            _candidate_answered(counts, {None: web[f"n_{i}"]})
    return result


def _candidate_web_answers(scope: Scope, start: dt.date, end: dt.date, by: str | None, within=None) -> dict:
    """{group or None: candidate answers given through a link from start to end}.

    A candidate invitation never records that it was answered (anonymity), so the answered
    count of candidate invitations is the number of candidate web responses in the same
    period and scope (at most the number sent), inside the periods `within` as the invitations.
    """
    qs = Response.objects.filter(scope.response_q(), within_q("submitted_on", within), kind=SurveyKind.CANDIDATE,
                                 source=ResponseSource.WEB, submitted_on__gte=start, submitted_on__lte=end)
    qs, fields = _grouped(qs, by, 1, [])
    if not fields:
        return {None: qs.count()}
    return {row["group"]: row["n"] for row in qs.values(*fields).order_by().annotate(n=Count("id"))}


def response_rate(sent: int, answered: int) -> float | None:
    """Answered / sent as a fraction; None ("no data") when nothing was sent."""
    return answered / sent if sent else None


def manual_training(scope: Scope, start: dt.date, end: dt.date, *, by_year: bool = False, within=None) -> dict:
    """{year or None: (count, sum of grades)} of course results entered by hand, by course date.

    The sum is mean x count, so that entered results weigh by their number of answers.
    """
    qs = TrainingSession.objects.filter(
        scope.session_q(), within_q("held_on", within), held_on__gte=start, held_on__lte=end,
        manual_mean__isnull=False, manual_count__gt=0,
    )
    weighted = ExpressionWrapper(F("manual_mean") * F("manual_count"), output_field=FloatField())
    if by_year:
        rows = qs.annotate(year=ExtractYear("held_on")).values("year").order_by().annotate(
            count=Sum("manual_count"), total=Sum(weighted)
        )
        return {row["year"]: (row["count"] or 0, float(row["total"] or 0)) for row in rows}
    agg = qs.aggregate(count=Sum("manual_count"), total=Sum(weighted))
    return {None: (agg["count"] or 0, float(agg["total"] or 0))}


def manual_training_for_periods(scope: Scope, periods) -> list[tuple[int, float]]:
    """[manual_training(scope, p.start, p.end)[None] for p in periods]: one query, one FILTER per period."""
    def held(period):
        return Q(held_on__gte=period.start, held_on__lte=period.end)
    if not periods:
        return []
    weighted = ExpressionWrapper(F("manual_mean") * F("manual_count"), output_field=FloatField())
    # one row (aggregates without GROUP BY), compiled once per scope and periods (recruitment/compiled.py)
    [agg] = values_rows(("reporting.manual_training", scope.key, tuple((p.start, p.end) for p in periods)), lambda: (
        TrainingSession.objects.filter(
            scope.session_q(), _any_of(periods, held), manual_mean__isnull=False, manual_count__gt=0,
        ).order_by().annotate(one=Value(1)).values("one").annotate(
            **{name: aggregate for i, period in enumerate(periods) for name, aggregate in (
                (f"count_{i}", Sum("manual_count", filter=held(period))),
                (f"total_{i}", Sum(weighted, filter=held(period))))})))
    return [(agg[f"count_{i}"] or 0, float(agg[f"total_{i}"] or 0)) for i in range(len(periods))]
