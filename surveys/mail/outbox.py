"""The outbox queues and the one claim, send, retry and sweep path they share.

A queue is a table whose rows each stand for a message to send, with a state column. Due rows
are claimed with a conditional UPDATE (queued -> sending, for up to CLAIM_SIZE rows, stamped
with a random claim key; the caller goes on only with the rows its own UPDATE changed), so two
dispatchers running at once never send the same row. Each message is sent outside any
transaction and its row is then marked sent on its own. A failure is retried with exponential
backoff and ends as failed with its reason (a recipient the server rejects fails at once). The
sweeper returns rows left in `sending` by a crashed process.

Three queues:
- `INVITATIONS`: an invitation's first message (`scheduled` -> `sending` -> `sent`);
- `REMINDERS`: its one reminder, claimed by marking the invitation `reminded` (a retry puts it
  back to `sent`; a reminder that fails for good leaves it `reminded`);
- `EMAILS`: stored e-mails that are not invitations (`OutboxEmail`, the low-score alert).
What an invitation says, whom it goes to and when it is skipped is decided by the surveys'
dispatcher (`surveys.services.dispatch`), which runs these queues.
"""
from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from .. import emails
from ..models import Invitation, InvitationStatus, OutboxEmail, OutboxStatus
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
class Queue:
    """One kind of outbox row: its table, its states, when a row is due and how a claim is kept."""

    name: str  # names the row in the log
    model: type[Model]
    queued: str
    sending: str
    sent: str
    failed: str
    order: tuple[str, ...]
    due: Callable[[dt.datetime], Q] = lambda now: Q()
    related: tuple[str, ...] = ()
    claim_column: str = "claimed_at"  # stamped with the time of the claim
    keeps_claim_time: bool = False  # the claim's time stays when the row is done (a reminder's time)
    touches: bool = False  # stamp `updated_at` (an UPDATE skips auto_now)
    sweeps: bool = True  # rows left in `sending` after a crash go back to the queue

    def stamp(self, now: dt.datetime, **fields) -> dict:
        if self.touches:
            fields["updated_at"] = now
        return fields

    def done(self) -> dict:
        return {} if self.keeps_claim_time else {self.claim_column: None}

    def requeued(self) -> dict:
        return {self.claim_column: None}

    def due_rows(self, now: dt.datetime) -> QuerySet:
        return self.model.objects.filter(self.due(now), status=self.queued).filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))


INVITATIONS = Queue(
    name="invitation", model=Invitation, queued=S.SCHEDULED, sending=S.SENDING, sent=S.SENT, failed=S.FAILED,
    order=("due_at", "pk"), due=lambda now: Q(due_at__lte=now), touches=True,
    related=("assignment__lead_consultant", "assignment__organisation", "contact"),
)
REMINDERS = Queue(
    name="reminder", model=Invitation, queued=S.SENT, sending=S.REMINDED, sent=S.REMINDED, failed=S.REMINDED,
    order=("sent_at", "pk"), due=lambda now: Q(reminded_at__isnull=True), touches=True, sweeps=False,
    related=INVITATIONS.related, claim_column="reminded_at", keeps_claim_time=True,
)
EMAILS = Queue(
    name="e-mail", model=OutboxEmail, queued=OutboxStatus.QUEUED, sending=OutboxStatus.SENDING,
    sent=OutboxStatus.SENT, failed=OutboxStatus.FAILED, order=("created_at", "pk"),
)


def due_ids(queue: Queue, *, now: dt.datetime, limit: int, where: Q | None = None) -> list[int]:
    rows = queue.due_rows(now).filter(where or Q())
    return list(rows.order_by(*queue.order).values_list("pk", flat=True)[:limit])


def claim(queue: Queue, *, ids: list[int], now: dt.datetime, where: Q | None = None) -> list:
    """Claim the due rows among `ids` in one conditional UPDATE; return those this call got.

    Each claim carries a random key, so two dispatchers claiming at the same moment each load
    exactly the rows their own UPDATE changed.
    """
    key = uuid.uuid4().hex
    queue.due_rows(now).filter(where or Q(), pk__in=ids).update(
        **queue.stamp(now, status=queue.sending, claim_key=key, **{queue.claim_column: now}))
    return list(
        queue.model.objects.filter(claim_key=key, status=queue.sending)
        .select_related(*queue.related).order_by(*queue.order)
    )


def release(queue: Queue, *, ids: list[int], now: dt.datetime) -> int:
    """Return claimed rows, untouched, to the queue (the mail server went away)."""
    return queue.model.objects.filter(pk__in=ids, status=queue.sending).update(
        **queue.stamp(now, status=queue.queued, claim_key="", **queue.requeued()))


def mark_sent(queue: Queue, row, *, now: dt.datetime, **fields) -> None:
    queue.model.objects.filter(pk=row.pk, status=queue.sending).update(**queue.stamp(
        now, status=queue.sent, attempts=0, next_attempt_at=None, last_error="", **queue.done(), **fields))


def record_failure(queue: Queue, row, exc: SendError, *, now: dt.datetime) -> str:
    """A failed send: retried after a backoff, or failed for good (rejected recipient, last attempt)."""
    attempts = row.attempts + 1
    mine = queue.model.objects.filter(pk=row.pk, status=queue.sending)
    log.warning("%s %s: attempt %s failed: %s", queue.name, row.pk, attempts, exc)
    if exc.recipient_rejected or attempts >= max_attempts():
        mine.update(**queue.stamp(now, status=queue.failed, attempts=attempts, last_error=str(exc),
                                  next_attempt_at=None, **queue.done()))
        return "failed"
    mine.update(**queue.stamp(now, status=queue.queued, attempts=attempts, last_error=str(exc),
                              next_attempt_at=now + backoff(attempts), **queue.requeued()))
    return "connection_lost" if exc.connection_lost else "retrying"


def queue_send(
    queue: Queue, *, ids: list[int], connection, now: dt.datetime, message: Callable,
    prepare: Callable | None = None, sent: Callable | None = None, rejected: Callable | None = None,
    where: Q | None = None,
) -> list[str]:
    """Claim the due rows among `ids`, send each and record its outcome.

    `message(row, connection)` builds a row's message; `prepare(rows)` may set rows aside before
    sending (returns the rows to send and the outcomes of the others); `sent(row, when)` gives the
    columns a sent row stores besides its state (also set on the row before its message is
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
            setattr(row, name, value)
        try:
            send(message(row, connection), connection)
        except SendError as exc:
            if exc.recipient_rejected and rejected is not None:
                rejected(row)
            outcome = record_failure(queue, row, exc, now=now)
            outcomes.append(outcome)
            if outcome == "connection_lost":
                release(queue, ids=[other.pk for other in rows[index + 1:]], now=now)
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
        stuck = {"status": queue.sending, f"{queue.claim_column}__lt": cutoff}
        count += queue.model.objects.filter(**stuck).update(
            **queue.stamp(now, status=queue.queued, **queue.requeued()))
    if count:
        log.warning("returned %s e-mails stuck in sending to the queue", count)
    return count


# --- stored e-mails -------------------------------------------------------------------------

def outbox_email_queue(*, to: str, rendered: emails.Rendered, dedupe_key: str) -> OutboxEmail:
    """Store an e-mail for the dispatcher to send; the same `dedupe_key` is queued once."""
    try:
        with transaction.atomic():
            email, _created = OutboxEmail.objects.get_or_create(dedupe_key=dedupe_key, defaults={
                "to": to, "subject": rendered.subject, "text": rendered.text, "html": rendered.html})
    except IntegrityError:  # queued by a concurrent call
        email = OutboxEmail.objects.get(dedupe_key=dedupe_key)
    return email


def outbox_emails_send(*, ids: list[int], connection, now: dt.datetime) -> list[str]:
    return queue_send(
        EMAILS, ids=ids, connection=connection, now=now,
        message=lambda email, c: emails.outbox_message(email=email, connection=c),
        sent=lambda email, when: {"sent_at": when},
    )
