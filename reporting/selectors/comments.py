"""Free-text comments of a period per consultant, for reading and export."""
from __future__ import annotations

from django.db.models import Count, OuterRef, Q, Subquery

from assignments.models import Consultant
from reporting.periods import Period
from reporting.privacy import candidate_min_group
from surveys.models import Response

from .scope import Scope, credited_consultant

CANDIDATE = "candidate"


def comments(scope: Scope, period: Period, *, kinds=None) -> list[dict]:
    """Comments submitted in the period, by consultant then date (one query).

    [{"consultant_id", "consultant" (name or ""), "kind", "submitted_on" (date; None for candidate
    answers), "comment", "assignment" (reference; "" for candidate answers, which stay anonymous)}];
    the consultant is the one the response is credited to (`credited_consultant`).
    Candidate comments are shown by consultant, so they are left out (reporting.privacy's rule of
    five) for a consultant with fewer than settings.REPORT_MIN_CANDIDATE_GROUP candidate answers in
    the slice (the scope with its filters, in the period) and for answers without a consultant (so
    none at all when the slice itself has too few), so that no candidate can be recognised.
    """
    base = Response.objects.filter(
        scope.response_q(), submitted_on__gte=period.start, submitted_on__lte=period.end
    ).annotate(credited=credited_consultant())
    if kinds is not None:
        base = base.filter(kind__in=list(kinds))
    # A group with a comment has an answer, so "not too few" is "at least the minimum" here.
    minimum = candidate_min_group()
    big_enough = (
        base.filter(kind=CANDIDATE, credited__isnull=False).values("credited").order_by()
        .annotate(n=Count("id")).filter(n__gte=minimum).values("credited")
    )
    name = Subquery(Consultant.objects.filter(pk=OuterRef("credited")).values("name")[:1])
    rows = (
        base.exclude(comment="")
        .filter(~Q(kind=CANDIDATE) | Q(credited__in=big_enough))
        .annotate(credited_name=name)
        .order_by("credited_name", "submitted_on", "id")
        .values("credited", "credited_name", "kind", "submitted_on", "comment", "assignment__reference")
    )
    result = [
        {"consultant_id": r["credited"], "consultant": r["credited_name"] or "", "kind": r["kind"],
         "submitted_on": None if r["kind"] == CANDIDATE else r["submitted_on"], "comment": r["comment"],
         "assignment": "" if r["kind"] == CANDIDATE else (r["assignment__reference"] or "")}
        for r in rows
    ]
    # A consultant's candidate comments come last, by their text: neither a day nor an order by day
    # (matched with the days the hires' links were out, either would point at one person).
    positions = {id(r): n for n, r in enumerate(result)}
    return sorted(result, key=lambda r: (
        r["consultant"], r["consultant_id"] or 0, r["kind"] == CANDIDATE,
        r["comment"] if r["kind"] == CANDIDATE else "", positions[id(r)]))
