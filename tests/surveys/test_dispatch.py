"""The outbox dispatcher: claim, send, retry with backoff, sweep, remind, expire; run twice at once."""
import datetime as dt
import threading

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from assignments.models import EmailStatus
from surveys import tokens
from surveys.mail import outbox
from surveys.models import Invitation, InvitationStatus, OutboxEmail, OutboxStatus, SurveyKind
from surveys.services import dispatch
from surveys.tasks import dispatch_due
from tests.concurrent import run_in_threads
from tests.factories import AssignmentFactory, ContactFactory, HireFactory

from .conftest import SmtpServer
from .helpers import due_candidate_invitation, due_invitation, invitation_message

S = InvitationStatus


@pytest.mark.django_db
class TestSending:
    def test_it_sends_a_due_invitation_and_records_the_state(self, settings):
        settings.SURVEY_EXPIRY_DAYS = 30
        inv = due_invitation()
        result = dispatch.outbox_dispatch()
        assert result.sent == 1
        inv.refresh_from_db()
        assert inv.status == S.SENT
        assert inv.sent_at is not None
        assert inv.expires_at == inv.sent_at + dt.timedelta(days=30)
        assert inv.token_salt and inv.token_hash == tokens.token_hash(tokens.token_for(inv.token_salt))
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == [inv.contact.email]
        assert f"/s/{tokens.token_for(inv.token_salt)}/" in mail.outbox[0].body

    def test_it_leaves_what_is_not_yet_due_held_or_skipped(self):
        due_invitation(due_at=timezone.now() + dt.timedelta(hours=1))
        due_invitation(status=S.HELD)
        due_invitation(status=S.SKIPPED, skip_reason="Omtag")
        due_invitation(status=S.CANCELLED)
        assert dispatch.outbox_dispatch().sent == 0
        assert mail.outbox == []

    def test_running_it_again_sends_nothing_twice(self):
        for _ in range(3):
            due_invitation()
        assert dispatch.outbox_dispatch().sent == 3
        assert dispatch.outbox_dispatch().sent == 0
        call_command("send_due_surveys")
        dispatch_due()  # the Celery task (eager in tests) runs the same
        assert len(mail.outbox) == 3

    def test_the_command_reports_what_it_did(self, capsys):
        due_invitation()
        call_command("send_due_surveys")
        assert "Skickade 1" in capsys.readouterr().out

    def test_a_contact_unsubscribed_after_scheduling_is_skipped_at_send_time(self):
        inv = due_invitation()
        inv.contact.email_status = EmailStatus.UNSUBSCRIBED
        inv.contact.save()
        assert dispatch.outbox_dispatch().skipped == 1
        inv.refresh_from_db()
        assert inv.status == S.SKIPPED and "avregistrerat" in inv.skip_reason
        assert mail.outbox == []

    def test_the_sweeper_returns_rows_stuck_in_sending_after_a_crash(self):
        inv = due_invitation(status=S.SENDING, claimed_at=timezone.now() - dt.timedelta(minutes=11))
        fresh = due_invitation(status=S.SENDING, claimed_at=timezone.now() - dt.timedelta(minutes=1))
        result = dispatch.outbox_dispatch()
        assert (result.swept, result.sent) == (1, 1)
        inv.refresh_from_db()
        fresh.refresh_from_db()
        assert inv.status == S.SENT
        assert fresh.status == S.SENDING  # another dispatcher may still be sending it

    def test_a_row_claimed_by_another_dispatcher_is_not_sent(self):
        inv = due_invitation()
        Invitation.objects.filter(pk=inv.pk).update(status=S.SENDING)
        invitation_message(inv, status=OutboxStatus.SENDING, claimed_at=timezone.now())
        assert dispatch.invitation_send(invitation_id=inv.pk) == "not_claimed"
        assert mail.outbox == []


@pytest.mark.django_db
class TestRemindersAndExpiry:
    def test_one_reminder_after_seven_days_with_the_same_link_then_expiry(self, settings):
        settings.SURVEY_REMINDER_DAYS = 7
        settings.SURVEY_EXPIRY_DAYS = 30
        start = timezone.now()
        inv = due_invitation()
        with time_machine.travel(start, tick=False):
            dispatch.outbox_dispatch()
        with time_machine.travel(start + dt.timedelta(days=6, hours=23), tick=False):
            assert dispatch.outbox_dispatch().reminded == 0
        with time_machine.travel(start + dt.timedelta(days=7, minutes=1), tick=False):
            assert dispatch.outbox_dispatch().reminded == 1
        with time_machine.travel(start + dt.timedelta(days=8), tick=False):
            assert dispatch.outbox_dispatch().reminded == 0  # only one reminder
        inv.refresh_from_db()
        assert inv.status == S.REMINDED and inv.reminded_at is not None
        first, reminder = mail.outbox
        assert reminder.subject.startswith("Påminnelse:")
        link = f"/s/{tokens.token_for(inv.token_salt)}/"
        assert link in first.body and link in reminder.body
        with time_machine.travel(start + dt.timedelta(days=30, minutes=1), tick=False):
            assert dispatch.outbox_dispatch().expired == 1
        inv.refresh_from_db()
        assert inv.status == S.EXPIRED

    def test_an_answered_invitation_gets_no_reminder(self):
        start = timezone.now()
        inv = due_invitation()
        with time_machine.travel(start, tick=False):
            dispatch.outbox_dispatch()
        Invitation.objects.filter(pk=inv.pk).update(status=S.ANSWERED, answered_on=start.date())
        with time_machine.travel(start + dt.timedelta(days=8), tick=False):
            assert dispatch.outbox_dispatch().reminded == 0
        with time_machine.travel(start + dt.timedelta(days=31), tick=False):
            assert dispatch.outbox_dispatch().expired == 0
        assert len(mail.outbox) == 1

    def test_an_expired_candidate_invitation_ends_its_round_closed_without_email_and_hire(self):
        start = timezone.now()
        inv = due_candidate_invitation()
        with time_machine.travel(start, tick=False):
            dispatch.outbox_dispatch()
        with time_machine.travel(start + dt.timedelta(days=31), tick=False):
            result = dispatch.outbox_dispatch()
        assert (result.expired, result.closed) == (0, 1)  # never expired one by one
        inv.refresh_from_db()
        assert (inv.status, inv.email, inv.hire_id, inv.token_hash) == (S.CLOSED, "", None, None)

    def test_a_candidate_invitation_left_failed_loses_its_address_after_the_expiry_period(self):
        inv = due_candidate_invitation(status=S.FAILED, last_error="550")
        later = timezone.now() + dt.timedelta(days=29)
        with time_machine.travel(later, tick=False):
            dispatch.outbox_dispatch()
        inv.refresh_from_db()
        assert inv.status == S.FAILED and inv.email
        with time_machine.travel(later + dt.timedelta(days=2), tick=False):
            dispatch.outbox_dispatch()
        inv.refresh_from_db()
        assert (inv.status, inv.email, inv.hire_id) == (S.CANCELLED, "", None)

    def test_reminder_and_expiry_days_are_configurable(self, settings):
        settings.SURVEY_REMINDER_DAYS = 2
        settings.SURVEY_EXPIRY_DAYS = 5
        start = timezone.now()
        inv = due_invitation()
        with time_machine.travel(start, tick=False):
            dispatch.outbox_dispatch()
        with time_machine.travel(start + dt.timedelta(days=2, minutes=1), tick=False):
            assert dispatch.outbox_dispatch().reminded == 1
        with time_machine.travel(start + dt.timedelta(days=5, minutes=1), tick=False):
            assert dispatch.outbox_dispatch().expired == 1
        inv.refresh_from_db()
        assert inv.status == S.EXPIRED


@pytest.mark.django_db
class TestRealSmtp:
    def test_smtp_down_then_up_retries_and_loses_or_doubles_nothing(self, smtp_settings, smtp_port):
        invitations = [due_invitation() for _ in range(3)] + [due_candidate_invitation()]
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            result = dispatch.outbox_dispatch()  # nothing listens on the port
        assert result.sent == 0 and result.retrying == 1
        states = sorted((i.status, i.attempts) for i in Invitation.objects.all())
        assert states == [(S.SCHEDULED, 0)] * 3 + [(S.SCHEDULED, 1)]
        failed = Invitation.objects.get(messages__attempts=1)
        assert failed.next_attempt_at == start + dt.timedelta(minutes=1)
        assert "Kunde inte nå e-postservern" in failed.last_error

        server = SmtpServer(smtp_port).start()
        try:
            with time_machine.travel(start + dt.timedelta(seconds=30), tick=False):
                assert dispatch.outbox_dispatch().sent == 3  # the failed one waits for its backoff
            with time_machine.travel(start + dt.timedelta(minutes=2), tick=False):
                assert dispatch.outbox_dispatch().sent == 1
                assert dispatch.outbox_dispatch().sent == 0
        finally:
            server.stop()
        counts = server.collector.per_recipient()
        expected = {i.contact.email.lower() if i.contact else i.email.lower() for i in invitations}
        assert set(counts) == expected
        assert all(n == 1 for n in counts.values())
        assert set(Invitation.objects.values_list("status", flat=True)) == {S.SENT}

    def test_it_gives_up_after_the_last_attempt_and_a_coordinator_can_resend(self, smtp_settings, smtp_port,
                                                                           settings):
        settings.SURVEY_SEND_MAX_ATTEMPTS = 3
        inv = due_invitation()
        now = timezone.now()
        for attempt in range(3):
            now += dt.timedelta(hours=1)
            with time_machine.travel(now, tick=False):
                dispatch.outbox_dispatch()
            inv.refresh_from_db()
            assert inv.attempts == attempt + 1
        assert inv.status == S.FAILED and "e-postservern" in inv.last_error
        from surveys.services.scheduling import invitation_resend
        invitation_resend(invitation=inv)
        server = SmtpServer(smtp_port).start()
        try:
            assert dispatch.outbox_dispatch().sent == 1
        finally:
            server.stop()
        assert len(server.collector.messages) == 1

    def test_a_rejected_recipient_fails_at_once_and_marks_the_contact_bounced(self, smtp_server):
        contact = ContactFactory(email="finns.inte@forvaltning.example.se")
        a = AssignmentFactory(contact=contact, organisation=contact.organisation)
        inv = due_invitation(assignment=a)
        six = due_invitation(assignment=a, kind=SurveyKind.SIX_MONTH, due_at=timezone.now() + dt.timedelta(days=90))
        ok = due_invitation()
        smtp_server.collector.reject.add("finns.inte@forvaltning.example.se")
        result = dispatch.outbox_dispatch()
        assert (result.sent, result.failed) == (1, 1)
        inv.refresh_from_db()
        contact.refresh_from_db()
        six.refresh_from_db()
        assert inv.status == S.FAILED and "550" in inv.last_error
        assert contact.email_status == EmailStatus.BOUNCED
        assert six.status == S.CANCELLED
        assert smtp_server.collector.per_recipient() == {ok.contact.email.lower(): 1}


@pytest.mark.django_db(transaction=True)
def test_two_dispatchers_at_once_send_each_invitation_exactly_once(smtp_server):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL")
    invitations = [due_invitation() for _ in range(30)] + [due_candidate_invitation() for _ in range(10)]
    barrier = threading.Barrier(2)
    results = []

    def run():
        barrier.wait()
        results.append(dispatch.outbox_dispatch())

    assert run_in_threads(run, run, timeout=60) == []
    print("sent per dispatcher:", [r.sent for r in results])
    assert sum(r.sent for r in results) == 40
    counts = smtp_server.collector.per_recipient()
    assert len(counts) == 40 and set(counts.values()) == {1}
    assert set(Invitation.objects.values_list("status", flat=True)) == {S.SENT}
    assert {i.pk for i in invitations} == set(Invitation.objects.values_list("pk", flat=True))


@pytest.mark.django_db
class TestStoredEmails:
    def test_a_stored_email_is_sent_once_and_retried_when_the_server_is_down(self, smtp_settings, smtp_port):
        email = OutboxEmail.objects.create(to="chef@rekrytering.example.se", subject="Ämne", text="Text",
                                           html="<p>Text</p>")
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            dispatch.outbox_dispatch()
        email.refresh_from_db()
        assert (email.status, email.attempts) == (OutboxStatus.QUEUED, 1)
        server = SmtpServer(smtp_port).start()
        try:
            with time_machine.travel(start + dt.timedelta(minutes=5), tick=False):
                assert dispatch.outbox_dispatch().outbox_sent == 1
                assert dispatch.outbox_dispatch().outbox_sent == 0
        finally:
            server.stop()
        email.refresh_from_db()
        assert email.status == OutboxStatus.SENT and email.sent_at
        assert server.collector.per_recipient() == {"chef@rekrytering.example.se": 1}


def test_backoff_doubles_and_is_capped():
    assert [outbox.backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert outbox.backoff(30) == dt.timedelta(hours=6)


@pytest.mark.django_db
def test_a_candidate_invitation_without_an_address_is_skipped_not_sent():
    hire = HireFactory(email="")
    inv = due_candidate_invitation(hire=hire)
    assert dispatch.outbox_dispatch().skipped == 1
    inv.refresh_from_db()
    assert inv.status == S.SKIPPED
