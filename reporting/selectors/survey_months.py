"""Survey figures read from the monthly summary (`reporting.SurveyMonth`) instead of the answers.

The summary holds whole months per credited consultant and for the department, so it answers
the unfiltered scopes over month-aligned periods (every report period is); filters by customer,
sector or package read the answers (`stats`). Both give the same figures:
tests/reporting/test_survey_months.py compares them on the same data.

Before it reads, the reader compares the summary with the responses themselves. Each month's
department row keeps a fingerprint of the month's responses of its survey (count, last id, credit
checksum, day checksum); the reader sums the responses' fingerprint over the whole range per survey
(one pass over the range's responses, no grouping by month, in the same query as the summary's
marks) and compares it with the marks summed. Only when a sum differs does it compare month by
month (a second query) to find the months to rebuild. The summary is never stale, whoever wrote
the answers and however. A page that reads several ranges compares them all once, as it starts
(`checked_once`), and its reads then trust the months compared.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db.models import BigIntegerField, CharField, Count, DateField, F, Func, IntegerField, Max, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear, TruncMonth

from assignments.models import Consultant
from recruitment.compiled import values_rows
from reporting.models import SurveyMonth
from surveys.models import Response

from .dates import within_q
from .scope import Scope, credited_consultant

RESPONSES_KEY = ""  # the rows that count the responses themselves
# (start, end) compared with the responses in the current `checked_once` block, or None
_checked: ContextVar[tuple[dt.date, dt.date] | None] = ContextVar("survey_months_checked", default=None)


def credit_checksum(prefix: str = ""):
    """Sum over responses of (credited consultant x response id): changes when an answer is credited anew."""
    return Sum(Coalesce(credited_consultant(prefix), Value(0)) * F(f"{prefix}id"))


class _DayNumber(Func):
    """The days from 2000-01-01 to a date column: a cheap per-row number that changes when the date does."""

    output_field = IntegerField()

    def as_sql(self, compiler, connection, **extra_context):  # SQLite (dates stored as text)
        return self._number(compiler, connection, "CAST(julianday({}) - 2451544.5 AS INTEGER)")

    def as_postgresql(self, compiler, connection, **extra_context):
        return self._number(compiler, connection, "({} - DATE '2000-01-01')")

    def _number(self, compiler, connection, template):
        sql, params = compiler.compile(self.source_expressions[0])
        return template.format(sql), params


def day_checksum(prefix: str = ""):
    """Sum over responses of (response id x day number): changes when a response moves to another day."""
    return Sum(F(f"{prefix}id") * _DayNumber(f"{prefix}submitted_on"), output_field=BigIntegerField())


def fingerprint(responses: int, last_id: int | None, checksum: int | None, days: int | None) -> str:
    """What a month's responses of one survey were when summarised: count, last id, credit and day checksums."""
    return f"{responses}:{last_id or 0}:{checksum or 0}:{days or 0}"


def _parts(mark: str) -> tuple[int, ...] | None:
    try:
        parts = tuple(int(part) for part in mark.split(":"))
    except ValueError:
        return None
    return parts if len(parts) == 4 else None


def _whole_months(start: dt.date, end: dt.date) -> bool:
    return start.day == 1 and (end + dt.timedelta(days=1)).day == 1


def summary_applies(scope: Scope, start: dt.date, end: dt.date, within=None) -> bool:
    """True when the summary can answer: no filters, whole months (also in each period of `within`),
    a satisfied threshold it counts."""
    return (
        scope.filters.empty
        and 0 <= settings.REPORT_SATISFIED_MIN <= 11  # values 0-10 counted one by one, above 10 together
        and _whole_months(start, end)
        and all(_whole_months(p.start, p.end) for p in within or ())
    )


def _months_in(qs, start, end, kinds, within, path: str):
    qs = qs.filter(within_q(path, within), **{f"{path}__gte": start, f"{path}__lte": end})
    return qs.filter(kind__in=list(kinds)) if kinds is not None else qs


def _key(start, end, kinds, within) -> tuple:
    """The range of a read, for keeping its compiled query (recruitment/compiled.py)."""
    return (start, end, None if kinds is None else tuple(kinds),
            None if within is None else tuple((p.start, p.end) for p in within))


def _fingerprints(start, end, kinds, within, by_month: bool):
    """The responses' fingerprint parts per survey (and month, `by_month`) united with the summary's marks."""
    found: dict[tuple, str] = {}
    built: dict[tuple, str] = {}
    rows = values_rows(("reporting.survey_fingerprints", *_key(start, end, kinds, within), by_month),
                       lambda: _fingerprint_query(start, end, kinds, within, by_month))
    for row in rows:
        if row["built"] is None:
            found[(day_of(row["month"]) if by_month else None, row["kind"])] = fingerprint(
                row["fp_n"], row["fp_last"], row["fp_sum"], row["fp_days"])
        else:
            built[(day_of(row["month"]), row["kind"])] = row["built"]
    return found, built


def _fingerprint_query(start, end, kinds, within, by_month: bool):
    responses = _months_in(Response.objects.all(), start, end, kinds, within, "submitted_on")
    month = TruncMonth("submitted_on") if by_month else Value(None, DateField())
    responses = (
        responses.annotate(month=month).values("month", "kind").order_by()
        .annotate(fp_n=Count("id"), fp_last=Max("id"), fp_sum=credit_checksum(), fp_days=day_checksum(),
                  built=Value(None, CharField()))
        .values("month", "kind", "fp_n", "fp_last", "fp_sum", "fp_days", "built")
    )
    summary = (
        _months_in(SurveyMonth.objects.filter(is_department=True, question_key=RESPONSES_KEY),
                   start, end, kinds, within, "month")
        .annotate(fp_n=Value(None, IntegerField()), fp_last=Value(None, IntegerField()),
                  fp_sum=Value(None, IntegerField()), fp_days=Value(None, IntegerField()), built=F("fingerprint"))
        .values("month", "kind", "fp_n", "fp_last", "fp_sum", "fp_days", "built")
    )
    return responses.union(summary, all=True)


def fingerprint_add(total: list[int], n: int, last: int, checksum: int | None, days: int | None) -> None:
    """Add one part to a running fingerprint [count, last id, credit checksum, day checksum]: the one rule
    by which the rebuild and the freshness check add up responses."""
    total[0] += n
    total[1] = max(total[1], last)
    total[2] += checksum or 0
    total[3] += days or 0


def _summed(built: dict[tuple, str]) -> dict[tuple, str] | None:
    """The summary's marks per survey over the months: counts and checksums added, the last id the largest;
    None when a mark is not one this reader writes (then every month is compared)."""
    totals: dict[tuple, list[int]] = {}
    for (_month, kind), mark in built.items():
        parts = _parts(mark)
        if parts is None:
            return None
        fingerprint_add(totals.setdefault((None, kind), [0, 0, 0, 0]), *parts)
    return {key: fingerprint(*total) for key, total in totals.items()}


def _stale_months(start: dt.date, end: dt.date, kinds, within) -> tuple[set[dt.date], bool]:
    """(months whose summary differs from their responses, whether there are responses at all): one query
    when the summary is current (the responses' fingerprints summed per survey over the range, with the
    summary's marks), a second one, per month, when a sum differs."""
    found, built = _fingerprints(start, end, kinds, within, by_month=False)
    if found == _summed(built):
        return set(), bool(found)
    found, built = _fingerprints(start, end, kinds, within, by_month=True)
    stale = {month for month, kind in found.keys() | built.keys()
             if found.get((month, kind)) != built.get((month, kind))}
    return stale, bool(found)


def stale_months(start: dt.date, end: dt.date) -> set[dt.date]:
    """The months between `start` and `end` whose summary differs from their responses (one query)."""
    return _stale_months(start, end, None, None)[0]


@contextmanager
def checked_once(start: dt.date, end: dt.date) -> Iterator[None]:
    """Compare the months from `start` to `end` with their responses now (one query; the stale ones
    rebuilt), and let the reads inside the block that fall within them skip their own comparison.

    For the reads of one page or report as it is built, never longer: the block holds no figures, so
    an answer stored after it starts shows on the next page, exactly as when every read compares.
    """
    from reporting.survey_months import survey_months_rebuild  # the service, above the selectors

    stale, _any_responses = _stale_months(start, end, None, None)
    if stale:
        survey_months_rebuild(months=stale)
    token = _checked.set((start, end))
    try:
        yield
    finally:
        _checked.reset(token)


def _compared(start: dt.date, end: dt.date) -> bool:
    covered = _checked.get()
    return covered is not None and covered[0] <= start and end <= covered[1]


def day_of(value) -> dt.date:
    """A month truncated by the database: a date (SQLite gives a datetime)."""
    return value.date() if isinstance(value, dt.datetime) else value


def _at_least(value: int):
    """The summary's count of answers of `value` or more (0-10 are counted one by one, above 10 together)."""
    columns = [f"c{i}" for i in range(max(value, 0), 11)] + ["c_over"]
    expression = F(columns[0])
    for column in columns[1:]:
        expression += F(column)
    return Sum(expression)


def _rows(scope: Scope, start: dt.date, end: dt.date, by: str | None, kinds, within):
    qs = _months_in(SurveyMonth.objects.all(), start, end, kinds, within, "month")
    if scope.consultant is not None:
        qs = qs.filter(is_department=False, consultant_id=scope.consultant.pk)
    elif scope.unit is not None:
        qs = qs.filter(is_department=False, consultant_id__in=Consultant.objects.filter(unit_id=scope.unit.pk)
                       .values("pk"))
    else:
        qs = qs.filter(is_department=by != "consultant")
    if by == "year":
        return qs.annotate(group=ExtractYear("month")), ["group"]
    if by == "consultant":
        return qs.annotate(group=F("consultant_id")), ["group"]
    if by == "month":
        return qs.annotate(group=F("month")), ["group"]
    return qs, []


def _read(scope: Scope, start: dt.date, end: dt.date, by: str | None, kinds, thresholds, within):
    def query():
        qs, group = _rows(scope, start, end, by, kinds, within)
        return (
            qs.values(*group, "kind", "question_key").order_by()
            .annotate(n_sum=Sum("n"), total_sum=Sum("total"), **{f"at_least_{i}": _at_least(v)
                                                                  for i, v in enumerate(thresholds)})
            .filter(n_sum__gt=0)
        )
    key = ("reporting.survey_months", scope.key, by, tuple(thresholds), *_key(start, end, kinds, within))
    return values_rows(key, query)


def counts(scope: Scope, start: dt.date, end: dt.date, *, by: str | None = None, kinds=None,
           thresholds=(), within=None) -> tuple[dict, dict]:
    """The numeric answers and the responses: two queries (the fingerprints, the summary) when the summary
    is current, the months' rebuild in between when it is not; one (the summary) inside a `checked_once`
    block that covers the range. `by`: None, "year", "month" (the first day) or "consultant".

    ({(group or None, kind, key): {"n", "total", "at_least": {threshold: count}}},
     {(group or None, kind): responses}); `thresholds` are the values counted "at least" in the database;
    `within` (whole-month Periods) limits the months further to those inside one of them.
    """
    from reporting.survey_months import survey_months_rebuild  # the service, above the selectors

    if _compared(start, end):  # the block's comparison found no month of the range stale (or rebuilt it)
        stale, any_responses = set(), True
    else:
        stale, any_responses = _stale_months(start, end, kinds, within)
    if stale:
        survey_months_rebuild(months=stale)
    rows = _read(scope, start, end, by, kinds, thresholds, within)
    if rows and not any_responses:  # every response of the range is gone: so must its summary be
        survey_months_rebuild(months=_months_in(SurveyMonth.objects.all(), start, end, kinds, within, "month")
                              .values_list("month", flat=True).distinct())
        rows = []
    answers, responses = {}, {}
    for row in rows:
        group_value = row.get("group")
        if row["question_key"] == RESPONSES_KEY:
            responses[(group_value, row["kind"])] = row["n_sum"]
        else:
            answers[(group_value, row["kind"], row["question_key"])] = {
                "n": row["n_sum"], "total": row["total_sum"],
                "at_least": {v: row[f"at_least_{i}"] for i, v in enumerate(thresholds)},
            }
    return answers, responses
