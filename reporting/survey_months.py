"""The monthly survey summary (`reporting.SurveyMonth`): rebuilt from the answers by one service.

The surveys app announces every write of responses with its `responses_changed` signal after
the commit; `on_responses_changed` (connected in `ReportingConfig.ready`) starts a background job
(`recruitment.jobs`) that rebuilds the stale months from the earliest one named, so an answer page
never waits for the summary and the rebuild never runs in the answerer's transaction. Writes that
send no signal (bulk loads, tests), and a job not yet run, are caught by the reader, which compares
each month's fingerprint with the responses before it reads (`reporting.selectors.survey_months`).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, F, Max, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from recruitment.jobs import background_job, run_in_background
from surveys.models import Answer, Response

from .models import SurveyMonth, SurveyMonthBuild
from .selectors.scope import credited_consultant
from .selectors.survey_months import (
    RESPONSES_KEY,
    credit_checksum,
    day_checksum,
    day_of,
    fingerprint,
    fingerprint_add,
)

VALUE_COLUMNS = [f"c{i}" for i in range(11)]  # answers of the value 0..10; above 10 in c_over
COUNTED = ("n", "total", *VALUE_COLUMNS, "c_over")


def _in_months(path: str, months: list[dt.date]) -> Q:
    q = Q(pk__in=[])
    for month in months:
        following = (month + dt.timedelta(days=32)).replace(day=1)
        q |= Q(**{f"{path}__gte": month, f"{path}__lt": following})
    return q


def _rows(months: list[dt.date]) -> list[SurveyMonth]:
    """The summary rows of `months` from the responses and the answers (two queries, responses first:
    an answer stored between them is counted but not fingerprinted, so the next reader rebuilds)."""
    credited = credited_consultant()
    responses = (
        Response.objects.filter(_in_months("submitted_on", months))
        .annotate(month=TruncMonth("submitted_on"), credited=credited)
        .values("month", "kind", "credited").order_by()
        .annotate(n=Count("id"), last=Max("id"), checksum=credit_checksum(), days=day_checksum())
    )
    answers = (
        Answer.objects.filter(_in_months("response__submitted_on", months), value_number__isnull=False)
        .annotate(month=TruncMonth("response__submitted_on"), kind=F("response__kind"),
                  credited=credited_consultant("response__"))
        .values("month", "kind", "credited", "question_key").order_by()
        .annotate(
            n=Count("value_number"), total=Sum("value_number"),
            c_over=Count("value_number", filter=Q(value_number__gt=10)),
            **{column: Count("value_number", filter=Q(value_number=i)) for i, column in enumerate(VALUE_COLUMNS)},
        )
    )
    rows: list[SurveyMonth] = []
    department: dict[tuple, dict] = defaultdict(lambda: dict.fromkeys(COUNTED, 0))
    prints: dict[tuple, list] = defaultdict(lambda: [0, 0, 0, 0])
    for row in responses:
        month = day_of(row["month"])
        rows.append(SurveyMonth(month=month, kind=row["kind"], question_key=RESPONSES_KEY,
                                consultant_id=row["credited"], n=row["n"]))
        department[(month, row["kind"], RESPONSES_KEY)]["n"] += row["n"]
        fingerprint_add(prints[(month, row["kind"])], row["n"], row["last"], row["checksum"], row["days"])
    for row in answers:
        month = day_of(row["month"])
        counted = {name: row[name] or 0 for name in COUNTED}
        rows.append(SurveyMonth(month=month, kind=row["kind"], question_key=row["question_key"],
                                consultant_id=row["credited"], **counted))
        summed = department[(month, row["kind"], row["question_key"])]
        for name in COUNTED:
            summed[name] += counted[name]
    for (month, kind, key), counted in department.items():
        mark = fingerprint(*prints[(month, kind)]) if key == RESPONSES_KEY else ""
        rows.append(SurveyMonth(month=month, kind=kind, question_key=key, is_department=True, fingerprint=mark,
                                **counted))
    return rows


def survey_months_rebuild(*, months: Iterable[dt.date]) -> int:
    """Recompute the summary of `months` (any day of each) from the answers; returns the rows written.

    One transaction: the months' build rows are locked in month order (two rebuilds of a month take
    turns, never deadlock), then the months' rows are deleted and written again.
    """
    wanted = sorted({day.replace(day=1) for day in months})
    if not wanted:
        return 0
    with transaction.atomic():
        SurveyMonthBuild.objects.bulk_create([SurveyMonthBuild(month=m) for m in wanted], ignore_conflicts=True)
        list(SurveyMonthBuild.objects.select_for_update().filter(month__in=wanted).order_by("month"))
        rows = _rows(wanted)
        SurveyMonth.objects.filter(month__in=wanted).delete()
        SurveyMonth.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def survey_months_refresh(*, since: dt.date | None = None) -> int:
    """Rebuild every month from `since` (None: the first summarised or answered) on whose summary differs
    from its responses; returns the rows written. One query when every month is current (the
    fingerprints, as the reader compares them)."""
    from .selectors.survey_months import stale_months  # the reader's own comparison

    if since is None:
        firsts = [qs.order_by(field).values_list(field, flat=True).first() for qs, field in
                  ((Response.objects.all(), "submitted_on"), (SurveyMonth.objects.all(), "month"))]
        since = min((day for day in firsts if day is not None), default=timezone.localdate())
    start = since.replace(day=1)
    end = max(timezone.localdate(), start)
    return survey_months_rebuild(months=stale_months(start, end))


def _month_key(month: dt.date) -> int:
    return month.year * 100 + month.month


@background_job
def survey_months_refresh_job(month_key: int) -> None:
    """The background job: `survey_months_refresh` from the month `month_key` (YYYYMM) on.

    Safe to run twice and in any order: it rebuilds only what is stale when it runs. It logs nothing
    of its own (a failure is logged by recruitment.jobs with the month only, as the answers store it)."""
    survey_months_refresh(since=dt.date(month_key // 100, month_key % 100, 1))


def on_responses_changed(sender, *, months, **kwargs) -> None:
    """Receiver of `surveys.signals.responses_changed` (sent after the commit): refresh the summary from
    the earliest month named in one background job, outside the request and its transaction."""
    if months:
        run_in_background(f"{__name__}.survey_months_refresh_job", _month_key(min(months)))
