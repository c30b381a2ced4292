"""Candidate rounds: the candidate links of one assignment's closing open together.

Each candidate's first e-mail goes out (and its rows are written) on its own. Were a link
answerable at once, an answer stored while another candidate's e-mail was still delayed (a retry,
an address fixed and resent later) would be told apart by its transaction id or time: it came
before that candidate had a link, so it is someone else's. So a candidate link is answerable only
once its round is open, and the round opens, for all its invitations in one transaction with the
same write, when each of its first e-mails is resolved (sent, failed for good, skipped,
unsubscribed) or when `SURVEY_CANDIDATE_ROUND_WAIT` has passed since its first send attempt. A
first e-mail still unresolved then fails and can never be sent: every link out existed before
any answer could be stored. The links' expiry and reminders count from the opening.
The dispatcher opens the rounds on every run (`candidate_rounds_open`).

Once an assignment's round has opened, nothing about one of its candidates is written on its own
until the round ends for all: no hire added later gets a link (a late link, or a round of one,
would leave the answers stored afterwards to that hire: `candidate_round_refuses_hires`), and an
unsubscription erases the address but leaves the link to end with the others'
(`scheduling.candidate_unsubscribe`).
"""
from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, Min, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ..models import (
    CANDIDATE_ROUND_UNRESOLVED,
    Invitation,
    InvitationStatus,
    MessagePurpose,
    OutboxEmail,
    OutboxStatus,
    SurveyKind,
)

S = InvitationStatus

ROUND_OPEN_MESSAGE = _lazy(
    "Kandidatenkäten har redan öppnat för svar i den här omgången. En länk som skickas nu skulle visa "
    "att svaren som redan har kommit in är de andra kandidaternas, så den här länken kan inte skickas.")


def candidate_round_for(assignment) -> uuid.UUID:
    """The round new candidate invitations of `assignment` join: its round not yet open, if it has
    one with a live invitation, else a new one. The caller holds the assignment's lock."""
    waiting = (
        Invitation.objects.filter(assignment=assignment, kind=SurveyKind.CANDIDATE, round_opened_at__isnull=True,
                                  candidate_round__isnull=False)
        .exclude(status__in=[S.CANCELLED, S.CLOSED]).values_list("candidate_round", flat=True).first()
    )
    return waiting or uuid.uuid4()


def candidate_rounds_opened():
    """The candidate invitations whose round has opened (now or in the past, ended or not)."""
    return Invitation.objects.filter(kind=SurveyKind.CANDIDATE, round_opened_at__isnull=False)


def candidate_round_refuses_hires(assignment) -> bool:
    """Whether `assignment` makes no more candidate invitations: one of its rounds has opened. A hire
    added before the opening joins the round; one added later gets nothing (the survey panel says why)."""
    return candidate_rounds_opened().filter(assignment=assignment).exists()


def candidate_round_is_open(invitation: Invitation) -> bool:
    """A candidate invitation whose round has opened: its link, if never sent, can no longer go out."""
    return invitation.kind == SurveyKind.CANDIDATE and invitation.round_opened_at is not None


def _wait() -> dt.timedelta:
    wait = settings.SURVEY_CANDIDATE_ROUND_WAIT
    return wait if isinstance(wait, dt.timedelta) else dt.timedelta(days=wait)


def _ready(statuses: list[str], first_attempt: dt.datetime | None, now: dt.datetime) -> bool:
    """Whether a round with these invitation states may open now.

    Never while one of its e-mails is being sent (that send finishes or is swept first), never
    before one of its e-mails was tried (a round still all scheduled, or skipped for want of an
    address, waits for one); then once none is unresolved, or once the wait is over.
    """
    if first_attempt is None or S.SENDING in statuses:
        return False
    return not any(status in CANDIDATE_ROUND_UNRESOLVED for status in statuses) or now - first_attempt >= _wait()


def _first_attempts(round_ids) -> dict[uuid.UUID, dt.datetime]:
    """{round: when its first e-mail was first claimed} (the outbox row is created at the first claim)."""
    return dict(
        OutboxEmail.objects.filter(purpose=MessagePurpose.INVITATION, invitation__candidate_round__in=round_ids)
        .values("invitation__candidate_round").annotate(first=Min("created_at"))
        .values_list("invitation__candidate_round", "first")
    )


def candidate_rounds_open(*, now: dt.datetime | None = None) -> int:
    """Open every candidate round that is ready (`_ready`); returns the number of rounds opened.

    Idempotent, and safe with several dispatchers: each round is opened under a lock on all its
    invitations, after reading their states again.
    """
    now = now or timezone.now()
    waiting: dict[uuid.UUID, list[str]] = {}
    for round_id, status in (
        Invitation.objects.filter(kind=SurveyKind.CANDIDATE, round_opened_at__isnull=True,
                                  candidate_round__isnull=False).values_list("candidate_round", "status")
    ):
        waiting.setdefault(round_id, []).append(status)
    if not waiting:
        return 0
    first = _first_attempts(list(waiting))
    return sum(_round_open(round_id, now) for round_id, statuses in waiting.items()
               if _ready(statuses, first.get(round_id), now))


def _round_open(round_id: uuid.UUID, now: dt.datetime) -> int:
    """Open one round: every invitation of it gets the same opening time and expiry in one UPDATE;
    a first e-mail still unresolved fails for good (it would be a late link). 1 if opened here."""
    late_reason = _("Enkäten öppnade för svar innan e-postmeddelandet hade gått ut; länken skickas inte.")
    with transaction.atomic():
        members = list(
            Invitation.objects.select_for_update().filter(kind=SurveyKind.CANDIDATE, candidate_round=round_id)
            .order_by("pk").values_list("pk", "status", "round_opened_at")
        )
        if not members or any(opened is not None for _pk, _status, opened in members):
            return 0  # opened by another dispatcher meanwhile
        if not _ready([status for _pk, status, _o in members], _first_attempts([round_id]).get(round_id), now):
            return 0
        ids = [pk for pk, _status, _o in members]
        late = Case(When(status__in=CANDIDATE_ROUND_UNRESOLVED, then=Value(S.FAILED)), default=F("status"))
        late_skip = Case(When(status__in=CANDIDATE_ROUND_UNRESOLVED, then=Value(late_reason)),
                         default=F("skip_reason"))
        Invitation.objects.filter(pk__in=ids).update(
            round_opened_at=now, expires_at=now + dt.timedelta(days=settings.SURVEY_EXPIRY_DAYS),
            status=late, skip_reason=late_skip)  # `updated_at` kept: a failed link's address ages from it
        unsent = [pk for pk, status, _o in members if status in CANDIDATE_ROUND_UNRESOLVED]
        if unsent:  # a row another dispatcher holds is left queued: its invitation is failed, so never sent
            rows = list(OutboxEmail.objects.select_for_update(skip_locked=True).filter(
                purpose=MessagePurpose.INVITATION, invitation_id__in=unsent, status=OutboxStatus.QUEUED)
                .values_list("pk", flat=True))
            OutboxEmail.objects.filter(pk__in=rows).update(
                status=OutboxStatus.FAILED, next_attempt_at=None, last_error=late_reason)
    return 1
