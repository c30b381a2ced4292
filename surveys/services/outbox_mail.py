"""Stored e-mails that are not invitations (the low-score alert): send, retry, resend."""
from __future__ import annotations

import datetime as dt

from django.core.mail import get_connection
from django.db.models import Q
from django.utils import timezone

from .. import emails
from ..models import OutboxEmail, OutboxStatus
from .smtp import SendError, backoff, close_quietly, max_attempts, send


def outbox_email_send(*, email_id: int, connection=None, now: dt.datetime | None = None) -> str:
    now = now or timezone.now()
    claimed = (
        OutboxEmail.objects.filter(pk=email_id, status=OutboxStatus.QUEUED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(status=OutboxStatus.SENDING, claimed_at=now)
    )
    if claimed != 1:
        return "not_claimed"
    email = OutboxEmail.objects.get(pk=email_id)
    mine = OutboxEmail.objects.filter(pk=email_id, status=OutboxStatus.SENDING)
    own_connection = connection is None
    if own_connection:
        connection = get_connection()
    try:
        send(emails.outbox_message(email=email, connection=connection), connection)
    except SendError as exc:
        attempts = email.attempts + 1
        if exc.recipient_rejected or attempts >= max_attempts():
            mine.update(status=OutboxStatus.FAILED, attempts=attempts, last_error=str(exc), claimed_at=None)
            return "failed"
        mine.update(status=OutboxStatus.QUEUED, attempts=attempts, last_error=str(exc), claimed_at=None,
                    next_attempt_at=now + backoff(attempts))
        return "connection_lost" if exc.connection_lost else "retrying"
    finally:
        if own_connection:
            close_quietly(connection)
    mine.update(status=OutboxStatus.SENT, sent_at=timezone.now(), last_error="", claimed_at=None)
    return "sent"


def _due_outbox_ids(now: dt.datetime, limit: int) -> list[int]:
    return list(
        OutboxEmail.objects.filter(status=OutboxStatus.QUEUED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("created_at", "pk").values_list("pk", flat=True)[:limit]
    )


def outbox_email_resend(*, email: OutboxEmail) -> bool:
    return OutboxEmail.objects.filter(pk=email.pk, status=OutboxStatus.FAILED).update(
        status=OutboxStatus.QUEUED, attempts=0, next_attempt_at=None, last_error="") == 1
