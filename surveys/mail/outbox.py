"""The outbox queues and the one claim, send, retry and sweep path they share.

Every e-mail is one `OutboxEmail` row: a stored e-mail (the low-score alert) or an invitation's
message (its first e-mail or its one reminder, one row each, created when first due). Due rows
are claimed with a conditional UPDATE on the outbox table alone (queued -> sending, for up to
CLAIM_SIZE rows, stamped with a random claim key; the caller goes on only with the rows its own
UPDATE changed), so two dispatchers running at once never send the same row. Each message is
sent outside any transaction and its row is then marked sent on its own. A failure is retried
with exponential backoff and ends as failed with its reason (a recipient the server rejects
fails at once). The sweeper returns rows left in `sending` by a crashed process.

Three queues:
- `INVITATIONS`: an invitation's first message; the invitation goes `scheduled` -> `sending`
  -> `sent` with it (or back to `scheduled` for a retry, `failed` for good);
- `REMINDERS`: its one reminder; the invitation is marked `reminded` when claimed (a retry puts
  it back to `sent`; a reminder that fails for good leaves it `reminded`);
- `EMAILS`: stored e-mails that are not invitations.
The invitation's `status` is the survey's state of the link; attempts, backoff, errors and the
claim live on the outbox row only. What an invitation says, whom it goes to and when it is
skipped is decided by the surveys' dispatcher (`surveys.services.dispatch`), which runs these
queues.
"""
from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from .. import emails
from ..models import Invitation, InvitationStatus, MessagePurpose, OutboxEmail, OutboxStatus
from .smtp import SendError, send

log = logging.getLogger(__name__)
S = InvitationStatus

CLAIM_SIZE = 50  # rows claimed per UPDATE; a crash leaves at most this many to the sweeper
STUCK_AFTER = dt.timedelta(minutes=10)  # far longer than one SMTP send (EMAIL_TIMEOUT)
BACKOFF_BASE_SECONDS = 60
BACKOFF_MAX_SECONDS = 6 * 3600


def max_attempts() -> int:
    return getattr(settings, "SURVEY_SEND_MAX_ATTEMPTS", 5)


def backoff(attempts: int) -> dt.timedelta:
    """1, 2, 4, 8 ... minutes after the first, second, third ... failed attempt (capped)."""
    return dt.timedelta(seconds=min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_MAX_SECONDS))


@dataclass(frozen=True)
class Link:
    """How an invitation's state follows its message through the queue."""

    queued: str  # the invitation's state while its message waits
    claimed: str  # ... once claimed
    sent: str
    failed: str
    order: tuple[str, ...]
    due: Callable[[dt.datetime], Q]
    claim_time: str = ""  # an invitation column stamped with the claim's time (kept once sent)
    related: tuple[str, ...] = ("assignment__lead_consultant", "assignment__organisation", "contact")

    def on_claim(self, now: dt.datetime) -> dict:
        return {"status": self.claimed, **({self.claim_time: now} if self.claim_time else {})}

    def on_requeue(self) -> dict:
        return {"status": self.queued, **({self.claim_time: None} if self.claim_time else {})}


@dataclass(frozen=True)
class Queue:
    """One kind of outbox row: its purpose, and for an invitation's message how the invitation follows."""

    name: str  # names the row in the log
    purpose: str
    link: Link | None = None
    sweeps: bool = True  # rows left in `sending` after a crash go back to the queue
    order: tuple[str, ...] = field(default=("created_at", "pk"))

    def rows(self) -> QuerySet:
        return OutboxEmail.objects.filter(purpose=self.purpose)

    def due_rows(self, now: dt.datetime) -> QuerySet:
        return self.rows().filter(_ready(now))


def _ready(now: dt.datetime) -> Q:
    """A row the queue may send now: queued, and its wait after a failure (if any) over."""
    return Q(status=OutboxStatus.QUEUED) & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))


INVITATIONS = Queue(name="invitation", purpose=MessagePurpose.INVITATION, link=Link(
    queued=S.SCHEDULED, claimed=S.SENDING, sent=S.SENT, failed=S.FAILED, order=("due_at", "pk"),
    due=lambda now: Q(due_at__lte=now)))
REMINDERS = Queue(name="reminder", purpose=MessagePurpose.REMINDER, sweeps=False, link=Link(
    queued=S.SENT, claimed=S.REMINDED, sent=S.REMINDED, failed=S.REMINDED, order=("sent_at", "pk"),
    due=lambda now: Q(reminded_at__isnull=True), claim_time="reminded_at"))
EMAILS = Queue(name="e-mail", purpose=MessagePurpose.EMAIL)


def due_ids(queue: Queue, *, now: dt.datetime, limit: int, where: Q | None = None) -> list[int]:
    """The due rows' ids: outbox rows for stored e-mails, invitations for an invitation's messages."""
    if queue.link is None:
        rows = queue.due_rows(now).filter(where or Q())
        return list(rows.order_by(*queue.order).values_list("pk", flat=True)[:limit])
    link = queue.link
    waiting = queue.rows().filter(invitation=OuterRef("pk")).exclude(_ready(now))
    rows = Invitation.objects.filter(link.due(now), status=link.queued).filter(where or Q()).filter(~Exists(waiting))
    return list(rows.order_by(*link.order).values_list("pk", flat=True)[:limit])


def _claim_rows(queue: Queue, rows: QuerySet, now: dt.datetime) -> list[OutboxEmail]:
    key = uuid.uuid4().hex
    rows.update(status=OutboxStatus.SENDING, claim_key=key, claimed_at=now)
    return list(queue.rows().filter(claim_key=key, status=OutboxStatus.SENDING).order_by("pk"))


def claim(queue: Queue, *, ids: list[int], now: dt.datetime, where: Q | None = None,
          recorded_sent: bool = False) -> list[OutboxEmail]:
    """Claim the due rows among `ids` in one conditional UPDATE; return those this call got.

    Each claim carries a random key, so two dispatchers claiming at the same moment each load
    exactly the rows their own UPDATE changed. For an invitation's message `ids` are
    invitations (those in the queue's state matching `where`; their message rows are created
    here, together, when first due), and the claimed rows come with `invitation` loaded.
    `recorded_sent`: the claimed rows are marked sent at once, in the claim's transaction, and
    nothing about sending each is recorded (a candidate round's reminders).
    """
    if queue.link is None:
        return _claim_rows(queue, queue.due_rows(now).filter(where or Q(), pk__in=ids), now)
    link = queue.link
    waiting = list(Invitation.objects.filter(link.due(now), where or Q(), pk__in=ids, status=link.queued)
                   .values_list("pk", flat=True))
    if not waiting:
        return []
    OutboxEmail.objects.bulk_create([OutboxEmail(purpose=queue.purpose, invitation_id=pk) for pk in waiting],
                                    ignore_conflicts=True)
    with transaction.atomic():
        messages = _claim_rows(queue, queue.due_rows(now).filter(invitation_id__in=waiting), now)
        # The invitations still waiting (not cancelled or answered meanwhile) follow their claimed message.
        ready = Invitation.objects.filter(pk__in=[m.invitation_id for m in messages], status=link.queued)
        mine = set(ready.select_for_update().values_list("pk", flat=True))
        Invitation.objects.filter(pk__in=mine).update(**link.on_claim(now), updated_at=now)
        OutboxEmail.objects.filter(pk__in=[m.pk for m in messages if m.invitation_id not in mine]).update(
            status=OutboxStatus.QUEUED, claim_key="", claimed_at=None)
        if recorded_sent:
            OutboxEmail.objects.filter(pk__in=[m.pk for m in messages if m.invitation_id in mine]).update(
                status=OutboxStatus.SENT, sent_at=now, claim_key="", claimed_at=None)
    invitations = {inv.pk: inv for inv in Invitation.objects.filter(pk__in=mine).select_related(*link.related)}
    claimed = [m for m in messages if m.invitation_id in mine]
    for message in claimed:
        message.invitation = invitations[message.invitation_id]
    return sorted(claimed, key=lambda m: tuple(getattr(m.invitation, name) for name in link.order))


def _follow(queue: Queue, row: OutboxEmail, now: dt.datetime, **fields) -> None:
    """Move the row's invitation with its message (from the state the claim gave it)."""
    if queue.link is not None:
        Invitation.objects.filter(pk=row.invitation_id, status=queue.link.claimed).update(updated_at=now, **fields)


def release(queue: Queue, *, rows: list[OutboxEmail], now: dt.datetime) -> int:
    """Return claimed rows, untouched, to the queue (the mail server went away)."""
    ids = [row.pk for row in rows]
    with transaction.atomic():
        if queue.link is not None:
            Invitation.objects.filter(pk__in=[row.invitation_id for row in rows], status=queue.link.claimed).update(
                updated_at=now, **queue.link.on_requeue())
        return OutboxEmail.objects.filter(pk__in=ids, status=OutboxStatus.SENDING).update(
            status=OutboxStatus.QUEUED, claim_key="", claimed_at=None)


def mark_sent(queue: Queue, row: OutboxEmail, *, now: dt.datetime, **fields) -> None:
    """The row went out; `fields` are what its invitation stores besides its state."""
    with transaction.atomic():
        if queue.link is not None:
            _follow(queue, row, now, status=queue.link.sent, **fields)
        OutboxEmail.objects.filter(pk=row.pk, status=OutboxStatus.SENDING).update(
            status=OutboxStatus.SENT, attempts=0, next_attempt_at=None, last_error="", claimed_at=None, claim_key="",
            sent_at=now)


def record_failure(queue: Queue, row: OutboxEmail, exc: SendError, *, now: dt.datetime) -> str:
    """A failed send: retried after a backoff, or failed for good (rejected recipient, last attempt)."""
    attempts = row.attempts + 1
    mine = OutboxEmail.objects.filter(pk=row.pk, status=OutboxStatus.SENDING)
    log.warning("%s %s: attempt %s failed: %s", queue.name, row.invitation_id or row.pk, attempts, exc)
    done = {"attempts": attempts, "last_error": str(exc), "claimed_at": None, "claim_key": ""}
    with transaction.atomic():
        if exc.recipient_rejected or attempts >= max_attempts():
            if queue.link is not None:
                _follow(queue, row, now, status=queue.link.failed)
            mine.update(status=OutboxStatus.FAILED, next_attempt_at=None, **done)
            return "failed"
        if queue.link is not None:
            _follow(queue, row, now, **queue.link.on_requeue())
        mine.update(status=OutboxStatus.QUEUED, next_attempt_at=now + backoff(attempts), **done)
    return "connection_lost" if exc.connection_lost else "retrying"


def queue_send(
    queue: Queue, *, ids: list[int], connection, now: dt.datetime, message: Callable,
    prepare: Callable | None = None, sent: Callable | None = None, rejected: Callable | None = None,
    where: Q | None = None,
) -> list[str]:
    """Claim the due rows among `ids`, send each and record its outcome.

    `message(row, connection)` builds a row's message; `prepare(rows)` may set rows aside before
    sending (returns the rows to send and the outcomes of the others); `sent(row, when)` gives the
    columns a sent invitation stores besides its state (also set on it before its message is
    built); `rejected(row)` runs when the server rejects the recipient for good.

    Returns one outcome per claimed row: "sent", "retrying", "failed", "connection_lost" (then the
    rest of the claim goes back to the queue, untouched, and the run stops) or what `prepare`
    said. Rows not due or taken by another dispatcher are left alone.
    """
    rows = claim(queue, ids=ids, now=now, where=where)
    outcomes: list[str] = []
    if prepare is not None:
        rows, outcomes = prepare(rows)
    for index, row in enumerate(rows):
        when = timezone.now()
        fields = sent(row, when) if sent is not None else {}
        for name, value in fields.items():
            setattr(row.invitation, name, value)
        try:
            send(message(row, connection), connection)
        except SendError as exc:
            if exc.recipient_rejected and rejected is not None:
                rejected(row)
            outcome = record_failure(queue, row, exc, now=now)
            outcomes.append(outcome)
            if outcome == "connection_lost":
                release(queue, rows=rows[index + 1:], now=now)
                break
            continue
        mark_sent(queue, row, now=when, **fields)
        outcomes.append("sent")
    return outcomes


def outbox_sweep(*, now: dt.datetime) -> int:
    """Return rows stuck in `sending` (a crashed dispatcher) to their queue."""
    cutoff = now - STUCK_AFTER
    count = 0
    for queue in (queue for queue in (INVITATIONS, REMINDERS, EMAILS) if queue.sweeps):
        stuck = queue.rows().filter(status=OutboxStatus.SENDING, claimed_at__lt=cutoff)
        with transaction.atomic():
            if queue.link is not None:
                Invitation.objects.filter(pk__in=stuck.values("invitation_id"), status=queue.link.claimed).update(
                    updated_at=now, **queue.link.on_requeue())
            count += stuck.update(status=OutboxStatus.QUEUED, claim_key="", claimed_at=None)
    if count:
        log.warning("returned %s e-mails stuck in sending to the queue", count)
    return count


def invitation_messages_reset(*, invitations: QuerySet) -> int:
    """A coordinator sends an invitation again: its first message starts over (no attempts, no error)."""
    return INVITATIONS.rows().filter(invitation__in=invitations).update(
        status=OutboxStatus.QUEUED, attempts=0, next_attempt_at=None, last_error="", claimed_at=None, claim_key="")


# --- stored e-mails -------------------------------------------------------------------------

def outbox_email_queue(*, to: str, rendered: emails.Rendered, dedupe_key: str,
                       attachment: emails.Attachment | None = None) -> OutboxEmail:
    """Store an e-mail for the dispatcher to send; the same `dedupe_key` is queued once.

    `attachment`: one file sent with it, kept on the row."""
    files = ({"attachment_name": attachment.name, "attachment_type": attachment.mimetype,
              "attachment": attachment.content} if attachment is not None else {})
    try:
        with transaction.atomic():
            email, _created = OutboxEmail.objects.get_or_create(dedupe_key=dedupe_key, defaults={
                "to": to, "subject": rendered.subject, "text": rendered.text, "html": rendered.html, **files})
    except IntegrityError:  # queued by a concurrent call
        email = OutboxEmail.objects.get(dedupe_key=dedupe_key)
    return email


def outbox_emails_send(*, ids: list[int], connection, now: dt.datetime) -> list[str]:
    return queue_send(
        EMAILS, ids=ids, connection=connection, now=now,
        message=lambda email, c: emails.outbox_message(email=email, connection=c),
    )


def oldest_due_at(*, now: dt.datetime) -> dt.datetime | None:
    """When the longest-waiting e-mail became due (an invitation's first message or a stored e-mail), or None.

    Monitoring reads it (`/health/`): a growing age means the dispatcher is not running or mail is stuck.
    """
    from django.db.models import Min
    from django.db.models.functions import Coalesce

    link = INVITATIONS.link
    invitation = Invitation.objects.filter(link.due(now), status=link.queued).aggregate(at=Min("due_at"))["at"]
    stored = EMAILS.due_rows(now).aggregate(at=Min(Coalesce("next_attempt_at", "created_at")))["at"]
    return min((at for at in (invitation, stored) if at is not None), default=None)
