"""Reads for the dispatch pages: invitations, local mail and low-score flags."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery

from recruitment.roles import CONSULTANT, COORDINATOR, MANAGER, has_role, user_consultant

from ..models import (
    CANDIDATE_ROUND_WAITS_FOR,
    Answer,
    Invitation,
    InvitationStatus,
    LocalMail,
    LowScoreFlag,
    OutboxEmail,
    Question,
    QuestionType,
    Response,
    SurveyKind,
)


def with_send_state(invitations: QuerySet[Invitation]) -> QuerySet[Invitation]:
    """Invitations with their latest message's send state (attempts, next attempt, last error), in
    the same query: `Invitation.attempts`, `next_attempt_at` and `last_error` read it."""
    latest = OutboxEmail.objects.filter(invitation=OuterRef("pk")).order_by("-purpose", "-pk")  # reminder first
    return invitations.annotate(**{
        f"{Invitation.SEND_STATE_PREFIX}{name}": Subquery(latest.values(name)[:1])
        for name in ("attempts", "next_attempt_at", "last_error")})


def invitations_visible_to(user) -> QuerySet[Invitation]:
    """Coordinators and managers see every invitation; consultants those of their own assignments."""
    qs = with_send_state(Invitation.objects.select_related("assignment__lead_consultant", "contact", "response"))
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
        with_send_state(Invitation.objects.filter(assignment=assignment).select_related("contact", "response"))
        .order_by("due_at", "pk")
    )


@dataclass(frozen=True)
class CandidateRound:
    """What staff see of an assignment's candidate survey: how many links went out and whether the
    round is over. Never who answered, nor how many: a candidate response does not record its
    assignment (`surveys.models.response_origin`), its answers count only in the reports."""

    sent: int  # candidate links that went out
    closed: bool  # every one of them has ended (the round is over)
    opened: bool = False  # a round has opened: hires added now get no link (`rounds.candidate_round_refuses_hires`)


def candidate_round(*, invitations: list[Invitation]) -> CandidateRound | None:
    """The candidate survey of an assignment from its invitations (no query), or None."""
    candidates = [i for i in invitations if i.kind == SurveyKind.CANDIDATE]
    out = [i for i in candidates if i.sent_at is not None and i.status != InvitationStatus.CANCELLED]
    opened = any(i.round_opened_at is not None for i in candidates)
    if not out and not opened:
        return None
    waiting = any(i.status in CANDIDATE_ROUND_WAITS_FOR for i in candidates)
    closed = not waiting and all(i.status == InvitationStatus.CLOSED for i in out)
    return CandidateRound(sent=len(out), closed=closed, opened=opened)


# Kinds whose single answers staff may read (a candidate's answer is never shown one by one).
READABLE_KINDS = (SurveyKind.CUSTOMER, SurveyKind.SIX_MONTH)


def readable_response(*, pk: int) -> Response | None:
    """A customer or six-month response with its assignment, version and answers, or None."""
    return (
        Response.objects.filter(pk=pk, kind__in=READABLE_KINDS)
        .select_related("assignment__organisation", "assignment__lead_consultant", "version",
                        "invitation__contact")
        .prefetch_related("answers")
        .first()
    )


def response_rows(response: Response) -> list[dict]:
    """{text, yes_no, answer} in the version's order; answers to keys the version lacks come last."""
    answers = {a.question_key: a for a in response.answers.all()}
    answers.pop("comment", None)
    rows = [
        {"text": q.text, "yes_no": q.qtype == QuestionType.YES_NO, "answer": answers.pop(q.key, None)}
        for q in Question.objects.filter(version=response.version).exclude(key="comment").order_by("order", "pk")
    ]
    rows += [{"text": key, "yes_no": False, "answer": answer} for key, answer in sorted(answers.items())]
    return rows


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
