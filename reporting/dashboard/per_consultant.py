"""Survey measures per consultant in a fixed number of queries, for tables that list consultants.

Only the fetch is grouped here; each consultant's measures are built by the same
`customer_from` / `candidate_from` as every other report (one rule per measure).
"""
from __future__ import annotations

from django.conf import settings
from django.db.models import Avg, Count, Q, Sum

from reporting.periods import Period
from reporting.selectors import SurveyData, candidate_from, customer_from
from reporting.selectors.questions import question_catalogue
from reporting.selectors.scope import Scope
from reporting.selectors.stats import DETRACTOR_MAX, NEVER_COUNTED, PROMOTER_MIN, AnswerStat
from surveys.models import Answer, Invitation, InvitationStatus, Response

KINDS = ("customer", "candidate")


def survey_by_consultant(scope: Scope, period: Period) -> dict[int, dict]:
    """{consultant_id: {"customer": section, "candidate": section}} (four queries)."""
    dates = {"submitted_on__gte": period.start, "submitted_on__lte": period.end}
    catalogue = question_catalogue()
    answers = (
        Answer.objects.filter(
            scope.response_q("response__"), response__kind__in=KINDS, response__consultant__isnull=False,
            value_number__isnull=False, **{f"response__{k}": v for k, v in dates.items()},
        )
        .values("response__consultant", "response__kind", "question_key").order_by()
        .annotate(
            n=Count("value_number"), mean=Avg("value_number"), total=Sum("value_number"),
            promoters=Count("id", filter=Q(value_number__gte=PROMOTER_MIN)),
            detractors=Count("id", filter=Q(value_number__lte=DETRACTOR_MAX)),
            satisfied=Count("id", filter=Q(value_number__gte=settings.REPORT_SATISFIED_MIN)),
        )
    )
    data: dict[int, SurveyData] = {}

    def of(pk: int) -> SurveyData:
        return data.setdefault(pk, SurveyData(catalogue=catalogue))

    for row in answers:
        of(row["response__consultant"]).answers[(row["response__kind"], row["question_key"])] = AnswerStat(
            n=row["n"], mean=float(row["mean"]) if row["mean"] is not None else None, total=row["total"] or 0,
            promoters=row["promoters"], detractors=row["detractors"], satisfied=row["satisfied"],
        )
    responses = (
        Response.objects.filter(scope.response_q(), kind__in=KINDS, consultant__isnull=False, **dates)
        .values("consultant", "kind").order_by().annotate(n=Count("id"))
    )
    for row in responses:
        of(row["consultant"]).responses[row["kind"]] = row["n"]
    invitations = (
        Invitation.objects.filter(
            scope.assignment_q("assignment__"), kind__in=KINDS, sent_at__isnull=False,
            sent_at__date__gte=period.start, sent_at__date__lte=period.end,
        ).exclude(status__in=NEVER_COUNTED)
        .values("assignment__lead_consultant", "kind").order_by()
        .annotate(sent=Count("id"), answered=Count("id", filter=Q(status=InvitationStatus.ANSWERED)))
    )
    for row in invitations:
        of(row["assignment__lead_consultant"]).invitations[row["kind"]] = (row["sent"], row["answered"])
    return {pk: {"customer": customer_from(d), "candidate": candidate_from(d)} for pk, d in data.items()}
