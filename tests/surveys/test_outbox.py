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
from tests.concurrent import run_in_threads

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
    results = []

    def run():
        barrier.wait()
        results.append(dispatch.outbox_dispatch())

    assert run_in_threads(run, run, timeout=60) == []
    assert sum(r.outbox_sent for r in results) == 2 * outbox.CLAIM_SIZE + 10
    counts = smtp_server.collector.per_recipient()
    assert len(counts) == 2 * outbox.CLAIM_SIZE + 10 and set(counts.values()) == {1}
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}


# --- migration 0011: every invitation e-mail one outbox row ---------------------------------

BEFORE_MESSAGES = [("surveys", "0010_outboxemail_claim_key")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_each_invitation_messages_send_state_onto_its_own_outbox_row():
    from django.db.migrations.executor import MigrationExecutor

    from tests.factories import AssignmentFactory

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE_MESSAGES)
    OldInvitation = executor.loader.project_state(BEFORE_MESSAGES).apps.get_model("surveys", "Invitation")
    assignment = AssignmentFactory()
    now = timezone.now().replace(microsecond=0)
    later = now + dt.timedelta(minutes=4)

    def old(status, **fields):
        return OldInvitation.objects.create(kind="customer", status=status, assignment_id=assignment.pk,
                                            due_at=now - dt.timedelta(days=9), **fields).pk

    untouched = old("scheduled")
    retrying = old("scheduled", attempts=2, next_attempt_at=later, last_error="421")
    sending = old("sending", claimed_at=now, claim_key="k" * 32)
    failed = old("failed", attempts=5, last_error="550")
    sent = old("sent", sent_at=now)
    reminder_retrying = old("sent", sent_at=now, attempts=1, next_attempt_at=later, last_error="421")
    reminded = old("reminded", sent_at=now, reminded_at=later)
    reminder_failed = old("reminded", sent_at=now, reminded_at=later, attempts=1, last_error="550")

    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    def rows(pk):
        return sorted(OutboxEmail.objects.filter(invitation_id=pk).values_list(
            "purpose", "status", "attempts", "next_attempt_at", "last_error", "claimed_at", "claim_key", "sent_at"))

    assert rows(untouched) == []
    assert rows(retrying) == [("invitation", "queued", 2, later, "421", None, "", None)]
    assert rows(sending) == [("invitation", "sending", 0, None, "", now, "k" * 32, None)]
    assert rows(failed) == [("invitation", "failed", 5, None, "550", None, "", None)]
    assert rows(sent) == [("invitation", "sent", 0, None, "", None, "", now)]
    assert rows(reminder_retrying) == [("invitation", "sent", 0, None, "", None, "", now),
                                       ("reminder", "queued", 1, later, "421", None, "", None)]
    assert rows(reminded) == [("invitation", "sent", 0, None, "", None, "", now),
                              ("reminder", "sent", 0, None, "", None, "", later)]
    assert rows(reminder_failed) == [("invitation", "sent", 0, None, "", None, "", now),
                                     ("reminder", "failed", 1, None, "550", None, "", None)]
    assert OutboxEmail.objects.filter(invitation__isnull=False).exclude(to="", subject="", text="").count() == 0
    # the invitation reads its send state through its latest message
    assert (Invitation.objects.get(pk=reminder_retrying).attempts, Invitation.objects.get(pk=failed).last_error) == (
        1, "550")
