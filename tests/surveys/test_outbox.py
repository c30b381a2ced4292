"""The one outbox path (`surveys.mail.outbox`) holds for every queue: stored e-mails and reminders
are claimed, retried and swept like invitations."""
import datetime as dt
import threading

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from surveys.mail import outbox
from surveys.models import Invitation, InvitationStatus, OutboxEmail, OutboxStatus
from surveys.services import dispatch

from .conftest import SmtpServer
from .helpers import invitation_with_token

S = InvitationStatus


def stored_email(n: int = 0, **fields) -> OutboxEmail:
    return OutboxEmail.objects.create(to=f"chef{n}@rekrytering.example.se", subject="Ämne", text="Text",
                                      html="<p>Text</p>", **fields)


@pytest.mark.django_db
def test_a_stored_email_stuck_in_sending_after_a_crash_is_swept_and_sent():
    stuck = stored_email(1, status=OutboxStatus.SENDING, claimed_at=timezone.now() - dt.timedelta(minutes=11))
    fresh = stored_email(2, status=OutboxStatus.SENDING, claimed_at=timezone.now() - dt.timedelta(minutes=1))
    result = dispatch.outbox_dispatch()
    assert (result.swept, result.outbox_sent) == (1, 1)
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == OutboxStatus.SENT
    assert fresh.status == OutboxStatus.SENDING  # another dispatcher may still be sending it


@pytest.mark.django_db
def test_a_stored_email_to_a_rejected_recipient_fails_at_once(smtp_server):
    email = stored_email(1)
    smtp_server.collector.reject.add(email.to)
    assert dispatch.outbox_dispatch().failed == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutboxStatus.FAILED, 1) and "550" in email.last_error
    assert email.to not in email.last_error


@pytest.mark.django_db
def test_a_reminder_the_server_cannot_take_is_retried_after_its_backoff(smtp_settings, smtp_port, settings):
    settings.SURVEY_REMINDER_DAYS = 7
    inv, _token = invitation_with_token()
    Invitation.objects.filter(pk=inv.pk).update(sent_at=timezone.now() - dt.timedelta(days=8))
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert dispatch.outbox_dispatch().retrying == 1  # no server
    inv.refresh_from_db()
    assert (inv.status, inv.reminded_at, inv.attempts) == (S.SENT, None, 1)
    assert inv.next_attempt_at == start + outbox.backoff(1)
    server = SmtpServer(smtp_port).start()
    try:
        with time_machine.travel(start + dt.timedelta(seconds=30), tick=False):
            assert dispatch.outbox_dispatch().reminded == 0  # waits for its backoff
        with time_machine.travel(start + dt.timedelta(minutes=2), tick=False):
            assert dispatch.outbox_dispatch().reminded == 1
            assert dispatch.outbox_dispatch().reminded == 0
    finally:
        server.stop()
    inv.refresh_from_db()
    assert inv.status == S.REMINDED and inv.reminded_at is not None
    assert server.collector.per_recipient() == {inv.contact.email.lower(): 1}


@pytest.mark.django_db(transaction=True)
def test_two_dispatchers_at_once_send_each_stored_email_exactly_once(smtp_server):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL")
    for n in range(2 * outbox.CLAIM_SIZE + 10):
        stored_email(n)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(dispatch.outbox_dispatch())
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert sum(r.outbox_sent for r in results) == 2 * outbox.CLAIM_SIZE + 10
    counts = smtp_server.collector.per_recipient()
    assert len(counts) == 2 * outbox.CLAIM_SIZE + 10 and set(counts.values()) == {1}
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}
