"""The periodic repair: surveys a closed assignment or a hire should have and does not.

Scheduling runs on commit of a status change or a hire edit (the receivers in
`scheduling`). If it fails there (a bug, a lost database connection, a killed
process), the assignment stays closed and nothing would ever schedule its
surveys. This step, run before every dispatch, finds what is missing with two
queries and schedules it with the same idempotent services, so running it any
number of times creates nothing twice. A third query finds unsent invitations a
failed announced status change should have cancelled (reopened, cancelled,
closed without hire) and cancels them with the same services.

It looks only at closings the register announced (`StatusChange.announced`;
imported assignments never trigger surveys) that are still the assignment's
latest status change and at most SURVEY_REPAIR_DAYS old, so old history is
never surveyed. An invitation that was cancelled after the closing (an
unsubscribed or bouncing contact) is not made again; a hire whose candidate
survey is done (answered, expired, unsubscribed) gets no new one.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils import timezone

from assignments.models import CLOSED_STATUSES, WORKING_STATUSES, Hire, Status, StatusChange

from ..models import Invitation, InvitationStatus, SurveyKind
from .rounds import candidate_rounds_opened
from .scheduling import (
    NOT_SENT,
    _candidate_for,
    _lock,
    _six_month_for,
    invitations_cancel_for_assignment,
    invitations_cancel_for_reopen,
    invitations_cancel_six_month,
    invitations_schedule_for_closing,
)

ASSIGNMENT_KINDS = [SurveyKind.CUSTOMER, SurveyKind.CANDIDATE, SurveyKind.SIX_MONTH]

log = logging.getLogger(__name__)


@dataclass
class RepairResult:
    assignments: int = 0
    hires: int = 0
    created: int = 0
    cancelled: int = 0


def _standing_changes(since: dt.datetime, statuses):
    """Announced status changes since `since` to one of `statuses` that are still their
    assignment's latest status change (so the assignment is in that status)."""
    later = StatusChange.objects.filter(assignment_id=OuterRef("assignment_id")).filter(
        Q(changed_at__gt=OuterRef("changed_at")) | Q(changed_at=OuterRef("changed_at"), pk__gt=OuterRef("pk")))
    return StatusChange.objects.filter(
        announced=True, changed_at__gte=since, to_status__in=statuses,
        assignment__status=F("to_status"),
    ).filter(~Exists(later))


def _standing_closings(since: dt.datetime):
    return _standing_changes(since, CLOSED_STATUSES)


def _present(kind: str, closed_at, **link):
    """An invitation of this kind that counts as there: not cancelled, or made since the closing
    (then it was cancelled on purpose after it, e.g. the contact unsubscribed)."""
    return Invitation.objects.filter(kind=kind, **link).filter(
        ~Q(status=InvitationStatus.CANCELLED) | Q(created_at__gte=closed_at))


def assignments_missing_customer_survey(*, since: dt.datetime) -> list[int]:
    """One query: recently closed assignments with no customer invitation."""
    return list(
        _standing_closings(since)
        .filter(~Exists(_present(SurveyKind.CUSTOMER, OuterRef("changed_at"), assignment_id=OuterRef("assignment_id"))))
        .order_by("changed_at").values_list("assignment_id", flat=True)
    )


def hires_missing_surveys(*, since: dt.datetime) -> list[tuple[int, bool, bool]]:
    """One query: (hire id, lacks candidate survey, lacks six-month survey) for the hires of recently
    closed-with-hire assignments that lack one of them."""
    closing = _standing_closings(since).filter(assignment_id=OuterRef("assignment_id"), to_status=Status.CLOSED_HIRED)
    closed_at = OuterRef("closed_at")
    candidate = Invitation.objects.filter(kind=SurveyKind.CANDIDATE, hire_id=OuterRef("pk")).exclude(
        status=InvitationStatus.CANCELLED)
    six_month = _present(SurveyKind.SIX_MONTH, closed_at, hire_id=OuterRef("pk"))
    rows = (
        Hire.objects.annotate(closed_at=Subquery(closing.values("changed_at")[:1]))
        .filter(closed_at__isnull=False)
        .annotate(
            # none is made once the assignment's round has opened (`rounds.candidate_round_refuses_hires`)
            lacks_candidate=Q(candidate_survey_done=False) & ~Exists(candidate) & ~Exists(
                candidate_rounds_opened().filter(assignment_id=OuterRef("assignment_id"))),
            lacks_six_month=Q(assignment__package__full_process_with_tests=True) & ~Exists(six_month),
        )
        .filter(Q(lacks_candidate=True) | Q(lacks_six_month=True))
        .order_by("pk").values_list("pk", "lacks_candidate", "lacks_six_month")
    )
    return list(rows)


def assignments_with_stale_invitations(*, since: dt.datetime) -> list[tuple[int, str]]:
    """One query: (assignment id, status) where invitations not yet sent should have been cancelled
    by a recent announced status change: a cancelled assignment (all kinds), a reopened one
    (customer and candidate), one closed without hire (six-month)."""
    announced = _standing_changes(since, [Status.CANCELLED, Status.CLOSED_NOT_HIRED, *WORKING_STATUSES]).filter(
        assignment_id=OuterRef("assignment_id"))
    pending = Invitation.objects.filter(status__in=NOT_SENT, sent_at__isnull=True).exclude(
        status=InvitationStatus.CANCELLED).filter(Exists(announced))
    stale = pending.filter(
        Q(assignment__status=Status.CANCELLED, kind__in=ASSIGNMENT_KINDS)
        | Q(assignment__status__in=WORKING_STATUSES, kind__in=[SurveyKind.CUSTOMER, SurveyKind.CANDIDATE])
        | Q(assignment__status=Status.CLOSED_NOT_HIRED, kind=SurveyKind.SIX_MONTH)
    )
    return list(stale.order_by("assignment_id").values_list("assignment_id", "assignment__status").distinct())


def _cancel_stale(assignment_id: int, status: str) -> int:
    if status == Status.CANCELLED:
        return invitations_cancel_for_assignment(assignment_id=assignment_id)
    if status == Status.CLOSED_NOT_HIRED:
        return invitations_cancel_six_month(assignment_id=assignment_id)
    return invitations_cancel_for_reopen(assignment_id=assignment_id)


def _repair_hire(hire_id: int, candidate: bool, six_month: bool, now: dt.datetime) -> list[Invitation]:
    with transaction.atomic():
        assignment_id = Hire.objects.filter(pk=hire_id).values_list("assignment_id", flat=True).first()
        if assignment_id is None:
            return []
        assignment = _lock(assignment_id)  # then read the hire as it is under the lock
        hire = Hire.objects.filter(pk=hire_id).first()
        if hire is None or assignment.status != Status.CLOSED_HIRED:
            return []
        created = []
        if candidate:
            created.append(_candidate_for(assignment, hire, now))
        if six_month:
            created.append(_six_month_for(assignment, hire, now))
        return [inv for inv in created if inv is not None]


def invitations_repair(*, now: dt.datetime | None = None, days: int | None = None) -> RepairResult:
    """Schedule the surveys recently closed assignments and their hires should have and do not,
    and cancel the unsent ones a status change should have cancelled."""
    now = now or timezone.now()
    since = now - dt.timedelta(days=settings.SURVEY_REPAIR_DAYS if days is None else days)
    result = RepairResult()
    for assignment_id in assignments_missing_customer_survey(since=since):
        result.assignments += 1
        result.created += len(invitations_schedule_for_closing(assignment_id=assignment_id, now=now))
    for hire_id, candidate, six_month in hires_missing_surveys(since=since):
        result.hires += 1
        result.created += len(_repair_hire(hire_id, candidate, six_month, now))
    for assignment_id, status in assignments_with_stale_invitations(since=since):
        result.cancelled += _cancel_stale(assignment_id, status)
    if result.created or result.cancelled:
        log.warning("survey repair: %s invitations scheduled for %s assignments and %s hires, %s cancelled",
                    result.created, result.assignments, result.hires, result.cancelled)
    return result
