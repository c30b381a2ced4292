"""The outbox dispatcher: sends due invitations, reminders and stored e-mails.

Due rows are claimed with a conditional UPDATE (`scheduled` -> `sending`, for
up to CLAIM_SIZE rows, stamped with a random claim key; the dispatcher goes on
only with the rows its own UPDATE changed), so two dispatchers running at once
never send the same row. Each message is sent outside any transaction and its
row is then marked `sent` on its own. A failure is retried with exponential backoff and ends as `failed` with
its reason. A sweeper returns rows left in `sending` by a crashed process.
Reminders are claimed the same way (`sent` -> `reminded`) before they are sent.

Candidate invitations never record whether they were answered (a `SpentToken`
row, which names nothing, does): each run ends the candidate round of every
assignment whose candidate links are all answered or expired, for all its
candidates at once (`candidate_rounds_close`).
"""
from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from assignments.models import Contact, EmailStatus

from .. import emails, tokens
from ..models import (
    CANDIDATE_ROUND_OPEN,
    CANDIDATE_ROUND_WAITS_FOR,
    Invitation,
    InvitationStatus,
    OutboxEmail,
    OutboxStatus,
    SpentToken,
    SurveyKind,
)
from .outbox_mail import _due_outbox_ids, outbox_email_resend, outbox_email_send  # noqa: F401
from .scheduling import contact_skip_reason, hires_candidate_survey_done, invitations_cancel_for_contact
from .smtp import SendError, backoff, close_quietly, max_attempts, send  # noqa: F401

log = logging.getLogger(__name__)
S = InvitationStatus

BATCH_SIZE = 500
CLAIM_SIZE = 50  # rows claimed per UPDATE; a crash leaves at most this many to the sweeper
STUCK_AFTER = dt.timedelta(minutes=10)  # far longer than one SMTP send (EMAIL_TIMEOUT)


@dataclass
class DispatchResult:
    swept: int = 0
    sent: int = 0
    reminded: int = 0
    expired: int = 0
    closed: int = 0  # candidate invitations whose round ended
    retrying: int = 0
    failed: int = 0
    skipped: int = 0
    outbox_sent: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


# --- sweeping and expiry --------------------------------------------------------

def outbox_sweep(*, now: dt.datetime) -> int:
    """Return rows stuck in `sending` (a crashed dispatcher) to the queue."""
    cutoff = now - STUCK_AFTER
    count = Invitation.objects.filter(status=S.SENDING, claimed_at__lt=cutoff).update(
        status=S.SCHEDULED, claimed_at=None, updated_at=now)
    count += OutboxEmail.objects.filter(status=OutboxStatus.SENDING, claimed_at__lt=cutoff).update(
        status=OutboxStatus.QUEUED, claimed_at=None)
    if count:
        log.warning("returned %s e-mails stuck in sending to the queue", count)
    return count


def invitations_expire(*, now: dt.datetime) -> int:
    """Customer and six-month links past their expiry: `expired`.

    Candidate links are not expired one by one (that would tell the unanswered from the
    answered): their round ends for the whole assignment in `candidate_rounds_close`.
    Candidate invitations left failed or held for as long as a link lives are cancelled,
    so no candidate address stays behind.
    """
    count = (
        Invitation.objects.filter(status__in=[S.SENT, S.REMINDED], expires_at__lte=now)
        .exclude(kind=SurveyKind.CANDIDATE).update(status=S.EXPIRED, updated_at=now)
    )
    # A candidate invitation that never got out keeps no address longer than a sent link would.
    stale = Invitation.objects.filter(
        kind=SurveyKind.CANDIDATE, status__in=[S.FAILED, S.HELD], sent_at__isnull=True,
        updated_at__lte=now - dt.timedelta(days=settings.SURVEY_EXPIRY_DAYS),
    )
    hires_candidate_survey_done(stale)
    stale.update(status=S.CANCELLED, email="", hire=None, updated_at=now)
    return count


def _candidate_link_spent(salts: list[str]) -> dict[str, str | None]:
    """{salt: its link's spent hash if that link was answered, else None} (one query)."""
    hashes = {salt: tokens.spent_hash(tokens.token_for(salt)) for salt in salts}
    spent = set(SpentToken.objects.filter(hash__in=list(hashes.values())).values_list("hash", flat=True))
    return {salt: (digest if digest in spent else None) for salt, digest in hashes.items()}


def candidate_rounds_close(*, now: dt.datetime) -> int:
    """End the candidate round of every assignment whose candidate links have all expired.

    All the candidate invitations of such an assignment end together as `closed`, losing
    address, hire and token; all its hires lose their address and count as surveyed; the
    round's spent-token rows go. One transaction for every assignment that ends now, and
    nothing per single invitation: the database never records which candidate answered.
    An assignment waits while one of its candidate invitations has not gone out yet
    (scheduled, held, failed: `invitations_expire` cancels those left too long).
    Returns the number of invitations closed.
    """
    open_rows = list(
        Invitation.objects.filter(kind=SurveyKind.CANDIDATE, status__in=CANDIDATE_ROUND_OPEN)
        .values_list("pk", "assignment_id", "token_salt", "expires_at")
    )
    if not open_rows:
        return 0
    waiting = set(
        Invitation.objects.filter(kind=SurveyKind.CANDIDATE, status__in=CANDIDATE_ROUND_WAITS_FOR,
                                  assignment_id__in={row[1] for row in open_rows})
        .values_list("assignment_id", flat=True)
    )
    spent = _candidate_link_spent([salt for _pk, _a, salt, _e in open_rows if salt])
    # {assignment id: [(invitation id, its spent hash or None, whether its link is over)]}
    rounds: dict[int, list[tuple[int, str | None, bool]]] = {}
    for pk, assignment_id, salt, expires_at in open_rows:
        digest = spent.get(salt) if salt else None
        # Over only when the link has expired, answered or not: ending a round once all its links
        # were answered would tell staff, before the links expire, that every hire had answered.
        over = not salt or (expires_at is not None and expires_at <= now)
        rounds.setdefault(assignment_id, []).append((pk, digest, over))
    ending = [links for assignment_id, links in rounds.items()
              if assignment_id not in waiting and all(over for _pk, _digest, over in links)]
    if not ending:
        return 0
    ids = [pk for links in ending for pk, _digest, _over in links]
    spent_hashes = [digest for links in ending for _pk, digest, _over in links if digest]
    with transaction.atomic():
        closing = Invitation.objects.filter(pk__in=ids, status__in=CANDIDATE_ROUND_OPEN)
        hires_candidate_survey_done(closing)
        count = closing.update(status=S.CLOSED, email="", hire=None, token_hash=None, token_salt="",
                               next_attempt_at=None, updated_at=now)
        SpentToken.objects.filter(hash__in=spent_hashes).delete()
    return count


# --- invitations ------------------------------------------------------------------

def _due_invitation_ids(now: dt.datetime, limit: int) -> list[int]:
    return list(
        Invitation.objects.filter(status=S.SCHEDULED, due_at__lte=now)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("due_at", "pk").values_list("pk", flat=True)[:limit]
    )


def _load(pk: int) -> Invitation:
    return Invitation.objects.select_related(
        "assignment__lead_consultant", "assignment__organisation", "contact").get(pk=pk)


def _claim(ids: list[int], now: dt.datetime) -> list[Invitation]:
    """Claim the due rows among `ids` in one conditional UPDATE; return those this call got.

    Each claim carries a random key, so two dispatchers claiming at the same
    moment each load exactly the rows their own UPDATE changed.
    """
    key = uuid.uuid4().hex
    (
        Invitation.objects.filter(pk__in=ids, status=S.SCHEDULED, due_at__lte=now)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(status=S.SENDING, claimed_at=now, claim_key=key, updated_at=now)
    )
    return list(
        Invitation.objects.filter(claim_key=key, status=S.SENDING)
        .select_related("assignment__lead_consultant", "assignment__organisation", "contact")
        .order_by("due_at", "pk")
    )


def _skip_reason(invitation: Invitation) -> str:
    if invitation.kind == SurveyKind.CANDIDATE:
        return "" if invitation.email else _("Tillsättningen saknar e-postadress.")
    return contact_skip_reason(invitation.contact)


def invitations_send(*, ids: list[int], connection, now: dt.datetime | None = None) -> list[str]:
    """Claim due invitations among `ids`, send each and record its outcome.

    Returns one outcome per claimed row: "sent", "skipped", "retrying", "failed"
    or "connection_lost" (then the rest of the claim goes back to the queue,
    untouched, and the run stops). Rows not due or taken by another dispatcher
    are left alone.
    """
    now = now or timezone.now()
    claimed = _claim(ids, now)
    outcomes: list[str] = []
    to_send: list[Invitation] = []
    for invitation in claimed:
        reason = _skip_reason(invitation)
        if reason:
            Invitation.objects.filter(pk=invitation.pk, status=S.SENDING).update(
                status=S.SKIPPED, skip_reason=reason, claimed_at=None, updated_at=now)
            outcomes.append("skipped")
        else:
            to_send.append(invitation)
    # Links must work when the mail arrives: store the token hashes before sending.
    fresh = [inv for inv in to_send if not inv.token_salt]
    for invitation in fresh:
        tokens.issue(invitation)
    Invitation.objects.bulk_update(fresh, ["token_salt", "token_hash"])

    for index, invitation in enumerate(to_send):
        sent_at = timezone.now()
        invitation.expires_at = sent_at + dt.timedelta(days=settings.SURVEY_EXPIRY_DAYS)
        try:
            send(emails.invitation_message(invitation=invitation, connection=connection), connection)
        except SendError as exc:
            outcome = _record_failure(invitation, exc, now)
            outcomes.append(outcome)
            if outcome == "connection_lost":
                rest = [inv.pk for inv in to_send[index + 1:]]
                Invitation.objects.filter(pk__in=rest, status=S.SENDING).update(
                    status=S.SCHEDULED, claimed_at=None, claim_key="", updated_at=now)
                break
            continue
        Invitation.objects.filter(pk=invitation.pk, status=S.SENDING).update(
            status=S.SENT, sent_at=sent_at, expires_at=invitation.expires_at, attempts=0,
            next_attempt_at=None, last_error="", claimed_at=None, updated_at=sent_at)
        outcomes.append("sent")
    return outcomes


def invitation_send(*, invitation_id: int, connection=None, now: dt.datetime | None = None) -> str:
    """Claim and send one due invitation; "not_claimed" when it was not due or another dispatcher had it."""
    own_connection = connection is None
    if own_connection:
        connection = get_connection()
    try:
        outcomes = invitations_send(ids=[invitation_id], connection=connection, now=now)
    finally:
        if own_connection:
            close_quietly(connection)
    return outcomes[0] if outcomes else "not_claimed"


def _record_failure(invitation: Invitation, exc: SendError, now: dt.datetime) -> str:
    attempts = invitation.attempts + 1
    mine = Invitation.objects.filter(pk=invitation.pk, status=S.SENDING)
    log.warning("invitation %s: attempt %s failed: %s", invitation.pk, attempts, exc)
    if exc.recipient_rejected:
        if invitation.contact_id:  # cancels the contact's other pending invitations; this one is `sending`
            contact_mark_bounced(contact_id=invitation.contact_id)
        mine.update(status=S.FAILED, attempts=attempts, last_error=str(exc), next_attempt_at=None,
                    claimed_at=None, updated_at=now)
        return "failed"
    if attempts >= max_attempts():
        mine.update(status=S.FAILED, attempts=attempts, last_error=str(exc), next_attempt_at=None,
                    claimed_at=None, updated_at=now)
        return "failed"
    mine.update(status=S.SCHEDULED, attempts=attempts, last_error=str(exc), next_attempt_at=now + backoff(attempts),
                claimed_at=None, updated_at=now)
    return "connection_lost" if exc.connection_lost else "retrying"


def contact_mark_bounced(*, contact_id: int) -> None:
    """A permanent rejection of the address: mark it in the register for a coordinator to fix."""
    Contact.objects.filter(pk=contact_id).exclude(email_status=EmailStatus.UNSUBSCRIBED).update(
        email_status=EmailStatus.BOUNCED)
    invitations_cancel_for_contact(contact_id=contact_id)


# --- reminders ----------------------------------------------------------------------

def _due_reminder_ids(now: dt.datetime, limit: int) -> list[int]:
    cutoff = now - dt.timedelta(days=settings.SURVEY_REMINDER_DAYS)
    return list(
        Invitation.objects.filter(status=S.SENT, reminded_at__isnull=True, sent_at__lte=cutoff, expires_at__gt=now)
        .filter(Q(contact__isnull=True) | Q(contact__email_status=EmailStatus.OK))
        .exclude(kind=SurveyKind.CANDIDATE, email="")
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("sent_at", "pk").values_list("pk", flat=True)[:limit]
    )


def invitation_remind(*, invitation_id: int, connection=None, now: dt.datetime | None = None) -> str:
    """Send the one reminder, with the same link, to a sent invitation not yet answered.

    The row is marked `reminded` before sending (so two dispatchers never both
    remind); a failed send puts it back to `sent` to be tried again later. A candidate
    invitation is marked the same whether its link was answered or not, and only an
    unanswered one is sent (`_candidate_remind`).
    """
    now = now or timezone.now()
    claimed = Invitation.objects.filter(pk=invitation_id, status=S.SENT, reminded_at__isnull=True).update(
        status=S.REMINDED, reminded_at=now, updated_at=now)
    if claimed != 1:
        return "not_claimed"
    invitation = _load(invitation_id)
    if invitation.kind == SurveyKind.CANDIDATE:
        return _candidate_remind(invitation, connection)
    message = emails.invitation_message(invitation=invitation, reminder=True, connection=connection)
    own_connection = connection is None
    if own_connection:
        connection = get_connection()
    try:
        send(message, connection)
    except SendError as exc:
        mine = Invitation.objects.filter(pk=invitation_id, status=S.REMINDED)
        if exc.recipient_rejected:
            mine.update(last_error=str(exc), updated_at=now)  # no further reminder
            if invitation.contact_id:
                contact_mark_bounced(contact_id=invitation.contact_id)
            return "failed"
        attempts = invitation.attempts + 1
        if attempts >= max_attempts():
            mine.update(last_error=str(exc), attempts=attempts, updated_at=now)  # give up the reminder
            return "failed"
        mine.update(status=S.SENT, reminded_at=None, attempts=attempts, last_error=str(exc),
                    next_attempt_at=now + backoff(attempts), updated_at=now)
        return "connection_lost" if exc.connection_lost else "retrying"
    finally:
        if own_connection:
            close_quietly(connection)
    return "sent"


def _candidate_reminders_claim(ids: list[int], now: dt.datetime) -> set[int]:
    """Mark the due candidate invitations among `ids` reminded, all in one UPDATE; the ids it changed.

    One transaction for every candidate of the run: claimed one by one, the order and the gaps of
    their transaction ids (a mail sent to the unanswered in between) would tell them apart.
    """
    key = uuid.uuid4().hex
    Invitation.objects.filter(pk__in=ids, kind=SurveyKind.CANDIDATE, status=S.SENT, reminded_at__isnull=True).update(
        status=S.REMINDED, reminded_at=now, claim_key=key, updated_at=now)
    return set(Invitation.objects.filter(claim_key=key, status=S.REMINDED).values_list("pk", flat=True))


def reminders_send(*, ids: list[int], result: DispatchResult, connection, now: dt.datetime) -> bool:
    """Send the due reminders among `ids`; False when the mail server could not be reached.

    The candidate ones are all claimed first, together (`_candidate_reminders_claim`); a candidate
    reminder not sent because the server went away is not tried again, like a failed one.
    """
    candidates = _candidate_reminders_claim(ids, now)

    def send_one(pk, c, n):
        if pk in candidates:
            return _candidate_remind(_load(pk), c)
        return invitation_remind(invitation_id=pk, connection=c, now=n)

    return _run_batch(ids, send_one, result, "reminded", connection, now)


def _candidate_remind(invitation: Invitation, connection) -> str:
    """A candidate's reminder, already recorded on the row as for every candidate of the step.

    Sent only when the link has not been answered; nothing about the send is stored on the row
    (a failure kept there, or a return to `sent` for a retry, would mark the unanswered), and
    the log names no invitation. A reminder that fails is not tried again.
    """
    if not invitation.token_salt or _candidate_link_spent([invitation.token_salt])[invitation.token_salt]:
        return "sent"  # counted as reminded like the others: the run's figures must not tell the answered
    message = emails.invitation_message(invitation=invitation, reminder=True, connection=connection)
    own_connection = connection is None
    if own_connection:
        connection = get_connection()
    try:
        send(message, connection)
    except SendError as exc:
        log.warning("a candidate reminder could not be sent: %s", exc.__class__.__name__)
        return "connection_lost" if exc.connection_lost else "failed"
    finally:
        if own_connection:
            close_quietly(connection)
    return "sent"


# --- the run ---------------------------------------------------------------------------

def _count(outcomes, result: DispatchResult, counter: str) -> bool:
    """Add outcomes to the result; False when the mail server could not be reached."""
    for outcome in outcomes:
        if outcome == "sent":
            setattr(result, counter, getattr(result, counter) + 1)
        elif outcome == "skipped":
            result.skipped += 1
        elif outcome == "failed":
            result.failed += 1
        elif outcome in ("retrying", "connection_lost"):
            result.retrying += 1
        if outcome == "connection_lost":
            result.errors.append(_("E-postservern svarar inte; försöker igen senare."))
            return False
    return True


def _run_batch(ids, send_one, result: DispatchResult, counter: str, connection, now) -> bool:
    """Send rows one by one; stop (return False) when the mail server cannot be reached."""
    return all(_count([send_one(pk, connection, now)], result, counter) for pk in ids)


def outbox_helpers_wanted(*, parallel: int, now: dt.datetime | None = None) -> int:
    """How many extra dispatchers a backlog of due invitations is worth (0 for a normal run)."""
    now = now or timezone.now()
    backlog = len(_due_invitation_ids(now, CLAIM_SIZE * 4 * parallel))
    return max(0, min(parallel - 1, backlog // (CLAIM_SIZE * 4)))


def outbox_dispatch(*, now: dt.datetime | None = None, limit: int = BATCH_SIZE) -> DispatchResult:
    """One run of the dispatcher: sweep, send due invitations, reminders and stored mail, expire links.

    Safe to run at the same time in several processes and again after a crash.
    """
    now = now or timezone.now()
    result = DispatchResult()
    result.swept = outbox_sweep(now=now)
    result.expired = invitations_expire(now=now)
    result.closed = candidate_rounds_close(now=now)
    connection = get_connection()
    try:
        reachable, rounds = True, 0
        while reachable and rounds < 100:
            rounds += 1
            ids = _due_invitation_ids(now, limit)
            if not ids:
                break
            for start in range(0, len(ids), CLAIM_SIZE):
                outcomes = invitations_send(ids=ids[start:start + CLAIM_SIZE], connection=connection, now=now)
                reachable = _count(outcomes, result, "sent")
                if not reachable:
                    break
            if len(ids) < limit:
                break
        if reachable:
            reachable = reminders_send(ids=_due_reminder_ids(now, limit), result=result, connection=connection,
                                       now=now)
        if reachable:
            _run_batch(
                _due_outbox_ids(now, limit),
                lambda pk, c, n: outbox_email_send(email_id=pk, connection=c, now=n),
                result, "outbox_sent", connection, now)
    finally:
        close_quietly(connection)
    return result
