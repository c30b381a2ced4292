"""Reads for the dispatch pages: invitations, local mail and low-score flags."""
from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from assignments.roles import CONSULTANT, COORDINATOR, MANAGER, has_role, user_consultant

from .models import Answer, Invitation, LocalMail, LowScoreFlag


def invitations_visible_to(user) -> QuerySet[Invitation]:
    """Coordinators and managers see every invitation; consultants those of their own assignments."""
    qs = Invitation.objects.select_related("assignment__lead_consultant", "contact", "hire")
    if has_role(user, COORDINATOR, MANAGER):
        return qs
    if has_role(user, CONSULTANT):
        consultant = user_consultant(user)
        if consultant is None:
            return qs.none()
        mine = Q(assignment__lead_consultant=consultant) | Q(assignment__co_consultants=consultant)
        return qs.filter(pk__in=Invitation.objects.filter(mine).values("pk"))
    return qs.none()


def assignment_invitations(*, assignment) -> list[Invitation]:
    return list(
        Invitation.objects.filter(assignment=assignment).select_related("contact", "hire").order_by("due_at", "pk")
    )


def local_mail_list() -> QuerySet[LocalMail]:
    return LocalMail.objects.defer("html").order_by("-created_at", "-id")


def low_score_flags(*, include_done: bool = False) -> QuerySet[LowScoreFlag]:
    qs = LowScoreFlag.objects.select_related(
        "assignment__lead_consultant", "assignment__organisation", "response", "followed_up_by")
    if not include_done:
        qs = qs.filter(followed_up_at__isnull=True)
    return qs.order_by("-created_at")


def low_score_flags_with_answers() -> QuerySet[LowScoreFlag]:
    return low_score_flags(include_done=True).prefetch_related(
        Prefetch("response__answers", queryset=Answer.objects.order_by("id")))
