"""Which version and which questions a respondent sees, and which links still work."""
from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from surveys import tokens
from surveys.models import Invitation, InvitationStatus, Question, SurveyVersion, TrainingSession

ANSWERABLE = (InvitationStatus.SENT, InvitationStatus.REMINDED)


def version_for(kind: str, year: int) -> SurveyVersion | None:
    """The version in force in `year`: the latest from that year or before, else the earliest."""
    versions = SurveyVersion.objects.filter(kind=kind)
    return versions.filter(year__lte=year).order_by("-year").first() or versions.order_by("year").first()


def versions_by_kind(kind: str) -> list[SurveyVersion]:
    """Every version of a kind, oldest first, with its questions prefetched."""
    return list(
        SurveyVersion.objects.filter(kind=kind)
        .order_by("year")
        .prefetch_related(Prefetch("questions", queryset=Question.objects.order_by("order", "id")))
    )


def version_list() -> list[SurveyVersion]:
    """All versions with their question and response counts (one query)."""
    return list(
        SurveyVersion.objects.annotate(
            question_count=Count("questions", distinct=True), response_count=Count("responses", distinct=True)
        ).order_by("kind", "-year")
    )


def version_questions(version: SurveyVersion, *, package=None) -> list[Question]:
    """The questions of a version in order, without the steps `package` does not include."""
    questions = list(version.questions.order_by("order", "id"))
    if package is None:
        return questions
    return [
        q for q in questions
        if not (q.requires_interviews and not package.includes_interviews)
        and not (q.requires_tests and not package.full_process_with_tests)
    ]


def questions_for(invitation_or_session, *, on: dt.date | None = None) -> tuple[SurveyVersion | None, list[Question]]:
    """The version in force on `on` (default today) and the questions this respondent is shown.

    An invitation applies its assignment's package rules; a training session shows every question.
    """
    on = on or timezone.localdate()
    if isinstance(invitation_or_session, TrainingSession):
        version = version_for("training", on.year)
        return version, version_questions(version) if version else []
    version = version_for(invitation_or_session.kind, on.year)
    if version is None:
        return None, []
    package = invitation_or_session.assignment.package
    return version, version_questions(version, package=package)


def condition_met(question: Question, raw_values: dict[str, str]) -> bool:
    """True when the question has no condition or its condition holds for the (raw) answers."""
    condition = question.condition or {}
    if not condition.get("key"):
        return True
    return (raw_values.get(condition["key"]) or "").strip().lower() == str(condition.get("equals", "")).lower()


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation this token opens, if it can still be answered; else None (whatever the reason)."""
    if not token or len(token) > 100:
        return None
    invitation = (
        Invitation.objects.select_related("assignment__package", "assignment__lead_consultant")
        .filter(token_hash=tokens.token_hash(token), status__in=ANSWERABLE)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
        .first()
    )
    return invitation


def training_session_for_token(token: str) -> TrainingSession | None:
    """The course session of a shared link, if the link exists and has not closed."""
    if not token or len(token) > 100:
        return None
    return (
        TrainingSession.objects.select_related("assignment__package", "assignment__lead_consultant")
        .filter(token_hash=tokens.token_hash(token), closes_on__gte=timezone.localdate())
        .first()
    )
