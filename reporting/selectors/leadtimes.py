"""Lead times (order -> start meeting -> closing) and open assignments past their package's standard time."""
from __future__ import annotations

import datetime as dt
import statistics

from django.db.models import Count, F, OuterRef, Q, Subquery

from assignments.models import WORKING_STATUSES, Assignment, Package, Status, StatusChange
from reporting.periods import Period

from .register import closed_q
from .scope import Scope


def _days(value) -> int | None:
    if value is None:
        return None
    return value.days if isinstance(value, dt.timedelta) else int(value)


def spread(days: list[int]) -> dict | None:
    """{"min", "q1", "median", "q3", "max"} of a sample (None when empty)."""
    if not days:
        return None
    q1, median, q3 = statistics.quantiles(days, n=4, method="inclusive") if len(days) > 1 else days * 3
    return {"min": min(days), "q1": q1, "median": median, "q3": q3, "max": max(days)}


def _closed(scope: Scope, period: Period):
    """The sample of a lead time to closing: the assignments closed in the period, each with its days from
    order to closing (`to_close`)."""
    return Assignment.objects.filter(closed_q(scope, period)).annotate(to_close=F("closed_on") - F("ordered_on"))


def closing_medians(scope: Scope, period: Period) -> dict[str, float]:
    """{package code: median days from order to closing} over the assignments closed in the period (one query):
    `lead_times`' "closing_days" of each package, read without the start meetings (the money forecast's
    lead times, billing.money)."""
    samples: dict[str, list[int]] = {}
    for code, to_close, n in (_closed(scope, period).order_by().values_list("package__code", "to_close")
                              .annotate(n=Count("id"))):  # one row a package and number of days
        samples.setdefault(code, []).extend([_days(to_close)] * n)
    return {code: statistics.median(days) for code, days in samples.items()}


def lead_times(scope: Scope, period: Period) -> dict:
    """Median days per package over the assignments closed in the period (one query).

    {code: {"start_meeting_days": median or None, "start_meeting_n": n,
    "closing_days": median or None, "closing_n": n, "closing_spread": {"min", "q1", "median", "q3", "max"}
    or None}} plus "_all" for every package together. The spread is the distribution of the days to
    closing (quartiles by the inclusive method, so one assignment gives five equal numbers).
    The start meeting is the first status change to "start_meeting". The medians
    need the distribution, so one (code, days, days) triple per closed assignment
    of the period is read: about a thousand a year.
    """
    first_meeting = StatusChange.objects.filter(
        assignment=OuterRef("pk"), to_status=Status.START_MEETING
    ).order_by("changed_on").values("changed_on")[:1]
    rows = (
        _closed(scope, period)
        .annotate(meeting_on=Subquery(first_meeting))
        .annotate(to_meeting=F("meeting_on") - F("ordered_on"))
        .values_list("package__code", "to_meeting", "to_close")
    )
    samples: dict[str, tuple[list, list]] = {}
    for code, to_meeting, to_close in rows:
        for key in (code, "_all"):
            meeting, close = samples.setdefault(key, ([], []))
            if to_meeting is not None:
                meeting.append(_days(to_meeting))
            if to_close is not None:
                close.append(_days(to_close))
    return {
        code: {
            "start_meeting_days": statistics.median(meeting) if meeting else None, "start_meeting_n": len(meeting),
            "closing_days": statistics.median(close) if close else None, "closing_n": len(close),
            "closing_spread": spread(close),
        }
        for code, (meeting, close) in sorted(samples.items())
    }


def overdue_open(scope: Scope, *, on: dt.date) -> dict:
    """Open assignments on `on` older than their package's standard lead time (two queries).

    {"count": n, "by_package": {code: n}}; packages without a standard time are left out.
    """
    packages = Package.objects.filter(standard_days__isnull=False).values_list("pk", "standard_days")
    late = Q(pk__in=[])
    for pk, days in packages:
        late |= Q(package_id=pk, ordered_on__lt=on - dt.timedelta(days=days))
    rows = Assignment.objects.filter(
        scope.assignment_q(), late, status__in=WORKING_STATUSES, ordered_on__lte=on
    ).values("package__code").order_by("package__code").annotate(n=Count("id"))
    by_package = {row["package__code"]: row["n"] for row in rows}
    return {"count": sum(by_package.values()), "by_package": by_package}

