"""Survey figures read from the pre-summed tally (`reporting.SurveyTally`) instead of the answers.

The tally holds whole months for the department, a unit or a consultant, so it answers
the unfiltered scopes over month-aligned periods (every report period is); filters by
customer, sector or package, and SQLite, read the answers (`stats`). Both paths give
the same figures: tests/reporting/test_tally.py compares them on the same data.
"""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import connection
from django.db.models import Case, F, IntegerField, QuerySet, Sum, Value, When
from django.db.models.functions import ExtractYear

from assignments.models import Consultant
from reporting.models import SurveyTally

from .dates import within_q
from .scope import Scope

RESPONSES_KEY = ""  # the tally row that counts the responses themselves
DEPARTMENT = -1  # the consultant_id of the rows that sum every consultant's


def _whole_months(start: dt.date, end: dt.date) -> bool:
    return start.day == 1 and (end + dt.timedelta(days=1)).day == 1


def tally_applies(scope: Scope, start: dt.date, end: dt.date, within=None) -> bool:
    """True when the tally can answer: PostgreSQL, no filters, whole months (also in each period of `within`),
    a satisfied threshold it counts."""
    return (
        connection.vendor == "postgresql"
        and scope.filters.empty
        and 0 <= settings.REPORT_SATISFIED_MIN <= 11  # values 0-10 counted one by one, above 10 together
        and _whole_months(start, end)
        and all(_whole_months(p.start, p.end) for p in within or ())
    )


def _rows(scope: Scope, start: dt.date, end: dt.date, by: str | None, kinds, within) -> tuple[QuerySet, list[str]]:
    qs = SurveyTally.objects.filter(within_q("month", within), month__gte=start, month__lte=end)
    if kinds is not None:
        qs = qs.filter(kind__in=list(kinds))
    if scope.consultant is not None:
        qs = qs.filter(consultant_id=scope.consultant.pk)
    elif scope.unit is not None:
        qs = qs.filter(consultant_id__in=Consultant.objects.filter(unit_id=scope.unit.pk).values("pk"))
    elif by == "consultant":
        qs = qs.exclude(consultant_id=DEPARTMENT)
    else:
        qs = qs.filter(consultant_id=DEPARTMENT)
    if by == "year":
        return qs.annotate(group=ExtractYear("month")), ["group"]
    if by == "consultant":
        # Grouped by the response's own consultant: answers credited through a course session have none.
        own = Case(When(via_session=True, then=Value(0)), default=F("consultant_id"), output_field=IntegerField())
        return qs.annotate(group=own), ["group"]
    return qs, []


def _group_value(by: str | None, row: dict):
    if by is None:
        return None
    value = row["group"]
    return (value or None) if by == "consultant" else value


def _at_least(value: int):
    """The tally's count of answers of `value` or more (0-10 are counted one by one, above 10 together)."""
    columns = [f"c{i}" for i in range(max(value, 0), 11)] + ["c_over"]
    expression = F(columns[0])
    for column in columns[1:]:
        expression += F(column)
    return Sum(expression)


def counts(scope: Scope, start: dt.date, end: dt.date, *, by: str | None = None, kinds=None,
           thresholds=(), within=None) -> tuple[dict, dict]:
    """The numeric answers and the responses, from one query.

    ({(group or None, kind, key): {"n", "total", "at_least": {threshold: count}}},
     {(group or None, kind): responses}); `thresholds` are the values counted "at least" in the database;
    `within` (whole-month Periods) limits the months further to those inside one of them.
    """
    qs, group = _rows(scope, start, end, by, kinds, within)
    rows = (
        qs.values(*group, "kind", "question_key").order_by()
        .annotate(n_sum=Sum("n"), total_sum=Sum("total"), **{f"at_least_{i}": _at_least(v)
                                                              for i, v in enumerate(thresholds)})
        .filter(n_sum__gt=0)
    )
    answers, responses = {}, {}
    for row in rows:
        group_value = _group_value(by, row)
        if row["question_key"] == RESPONSES_KEY:
            responses[(group_value, row["kind"])] = row["n_sum"]
        else:
            answers[(group_value, row["kind"], row["question_key"])] = {
                "n": row["n_sum"], "total": row["total_sum"],
                "at_least": {v: row[f"at_least_{i}"] for i, v in enumerate(thresholds)},
            }
    return answers, responses


def rebuild() -> None:
    """Rebuild the tally from the answers (PostgreSQL; a repair, the triggers keep it current)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT reporting_tally_rebuild()")
