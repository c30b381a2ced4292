"""A candidate round's links open together (`surveys.services.rounds`).

A candidate link is answerable only once every first e-mail of its round is resolved (sent, failed
for good, skipped) or `SURVEY_CANDIDATE_ROUND_WAIT` has passed since the round's first send attempt.
Before that the link shows a "not open yet" page and stores nothing; after it, a link that never
went out can no longer be sent. Expiry and reminders count from the opening.
"""
import datetime as dt
import threading

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from assignments.models import Status
from surveys import tokens
from surveys.mail import outbox
from surveys.mail.smtp import SendError
from surveys.models import (
    Invitation,
    InvitationStatus,
    MessagePurpose,
    OutboxEmail,
    OutboxStatus,
    Response,
    SpentToken,
    SurveyKind,
)
from surveys.selectors.answering import invitation_for_token
from surveys.services import dispatch, rounds, scheduling
from surveys.services.scheduling import InvitationStateError
from tests.concurrent import run_in_threads
from tests.factories import AssignmentFactory, HireFactory, InvitationFactory, package

from .helpers import close, invitation_message
from .test_answering import candidate_data

S = InvitationStatus
ANNA, BO, CECILIA = "anna@example.se", "bo@example.se", "cecilia@example.se"
NOT_OPEN = "Enkäten har inte öppnat ännu"


def _round(*emails):
    """An assignment closed with these hires; its candidate invitations scheduled as one round."""
    assignment = AssignmentFactory(status=Status.REFERENCES, package=package("STORA"))
    for n, email in enumerate(emails):
        HireFactory(assignment=assignment, name=f"Kandidat {n}", email=email, start_date=None)
    close(assignment)
    scheduling.invitations_schedule_for_closing(assignment_id=assignment.pk)
    candidates = Invitation.objects.filter(assignment=assignment, kind=SurveyKind.CANDIDATE)
    assert candidates.count() == len(emails)
    assert len(set(candidates.values_list("candidate_round", flat=True))) == 1
    return assignment


def _failing_for(monkeypatch, email, *, rejected=False):
    """The mail server refuses `email` (for now, or for good when `rejected`); returns the real send."""
    real_send = outbox.send

    def send(message, conn):
        if email in message.recipients():
            raise SendError("550 no such user" if rejected else "451 try later", recipient_rejected=rejected,
                            connection_lost=False)
        real_send(message, conn)

    monkeypatch.setattr(outbox, "send", send)
    return real_send


def _candidate(assignment, email) -> Invitation:
    return Invitation.objects.get(assignment=assignment, kind=SurveyKind.CANDIDATE, email=email)


def _token(invitation) -> str:
    return tokens.token_for(invitation.token_salt)


def _mails_to(email) -> int:
    return sum(email in message.to for message in mail.outbox)


@pytest.mark.django_db
def test_a_round_whose_one_email_keeps_failing_opens_after_the_wait_and_that_link_is_never_sent(
        monkeypatch, settings, client, coordinator):
    settings.SURVEY_SEND_MAX_ATTEMPTS = 100  # Bo's e-mail is retried, never failed for good
    settings.SURVEY_CANDIDATE_ROUND_WAIT = dt.timedelta(days=3)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assignment = _round(ANNA, BO)
        real_send = _failing_for(monkeypatch, BO)
        assert dispatch.outbox_dispatch().opened == 0
    anna = _candidate(assignment, ANNA)
    with time_machine.travel(start + dt.timedelta(days=2, hours=23), tick=False):
        assert dispatch.outbox_dispatch().opened == 0  # Bo's retry fails again; the wait is not over
        assert invitation_for_token(_token(anna)) is None
    assert _candidate(assignment, BO).status == S.SCHEDULED
    opening = start + dt.timedelta(days=3, minutes=1)
    with time_machine.travel(opening, tick=False):
        assert dispatch.outbox_dispatch().opened == 1
        assert invitation_for_token(_token(anna)) is not None
    bo = _candidate(assignment, BO)
    anna.refresh_from_db()
    assert bo.status == S.FAILED and bo.round_opened_at == anna.round_opened_at == opening
    assert OutboxEmail.objects.get(invitation=bo, purpose=MessagePurpose.INVITATION).status == OutboxStatus.FAILED

    # the coordinator cannot send Bo's link now: every move that would is refused, with the reason
    for move in (scheduling.invitation_resend, scheduling.invitation_hold):
        with pytest.raises(InvitationStateError, match="Kandidatenkäten har redan öppnat"):
            move(invitation=bo)
    client.force_login(coordinator)
    page = client.post(reverse("surveys:invitation_resend", args=[bo.pk]), follow=True).content.decode()
    assert "en länk som skickas nu skulle visa" in page.lower()
    # nor does a fixed address or a later run send it
    monkeypatch.setattr(outbox, "send", real_send)
    bo.hire.email = "bo.berg@example.se"
    bo.hire.save()
    scheduling.invitations_schedule_for_hire(hire_id=bo.hire_id)
    with time_machine.travel(opening + dt.timedelta(hours=1), tick=False):
        dispatch.outbox_dispatch()
    bo.refresh_from_db()
    assert bo.status == S.FAILED
    assert _mails_to(BO) == 0 and _mails_to("bo.berg@example.se") == 0


@pytest.mark.django_db
def test_before_the_round_opens_a_failed_address_is_fixed_and_resent_as_before(monkeypatch):
    assignment = _round(ANNA, BO, CECILIA)
    scheduling.invitation_hold(invitation=_candidate(assignment, CECILIA))  # the round waits for her
    real_send = _failing_for(monkeypatch, BO, rejected=True)
    assert dispatch.outbox_dispatch().opened == 0
    bo = _candidate(assignment, BO)
    assert bo.status == S.FAILED and bo.round_opened_at is None
    monkeypatch.setattr(outbox, "send", real_send)
    bo.hire.email = "bo.berg@example.se"
    bo.hire.save()
    scheduling.invitations_schedule_for_hire(hire_id=bo.hire_id)
    assert scheduling.invitation_resend(invitation=_candidate(assignment, "bo.berg@example.se")).status == S.SCHEDULED
    assert dispatch.outbox_dispatch().opened == 0  # Bo's link goes out; Cecilia's is still held
    assert _mails_to("bo.berg@example.se") == 1
    scheduling.invitation_release(invitation=_candidate(assignment, CECILIA))
    assert dispatch.outbox_dispatch().opened == 1
    opened = Invitation.objects.filter(assignment=assignment, kind=SurveyKind.CANDIDATE)
    assert set(opened.values_list("status", flat=True)) == {S.SENT}
    assert len(set(opened.values_list("round_opened_at", flat=True))) == 1


@pytest.mark.django_db
def test_the_link_before_the_round_opens_says_come_back_later_stores_nothing_and_works_later(monkeypatch, client):
    assignment = _round(ANNA, BO)
    real_send = _failing_for(monkeypatch, BO)
    dispatch.outbox_dispatch()
    anna = _candidate(assignment, ANNA)
    link = reverse("public_surveys:answer", args=[_token(anna)])
    for response in (client.get(link), client.post(link, candidate_data())):
        page = response.content.decode()
        assert response.status_code == 200 and NOT_OPEN in page and "försök igen" in page.lower()
        assert "<form" not in page and BO not in page and "Kandidat 1" not in page
    assert not Response.objects.exists() and not SpentToken.objects.exists()
    anna.refresh_from_db()
    assert anna.status == S.SENT  # nothing about the visit on her invitation
    # the first e-mail says the survey opens shortly, not that it can be answered at once
    (sent,) = [m for m in mail.outbox if ANNA in m.to]
    assert "inte har öppnat ännu" in sent.body and "från att enkäten öppnar" in sent.body

    monkeypatch.setattr(outbox, "send", real_send)
    OutboxEmail.objects.filter(status=OutboxStatus.QUEUED).update(next_attempt_at=None)
    assert dispatch.outbox_dispatch().opened == 1
    page = client.get(link).content.decode()
    assert "<form" in page and NOT_OPEN not in page
    assert client.post(link, candidate_data())["Location"] == reverse("public_surveys:thanks")
    assert Response.objects.filter(kind=SurveyKind.CANDIDATE).count() == 1


@pytest.mark.django_db
def test_expiry_and_reminders_count_from_the_rounds_opening(monkeypatch, settings):
    settings.SURVEY_SEND_MAX_ATTEMPTS = 100
    settings.SURVEY_REMINDER_DAYS, settings.SURVEY_EXPIRY_DAYS = 7, 30
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assignment = _round(ANNA, BO)
        real_send = _failing_for(monkeypatch, BO)
        dispatch.outbox_dispatch()
    anna = _candidate(assignment, ANNA)
    assert anna.sent_at == start and anna.expires_at is None
    monkeypatch.setattr(outbox, "send", real_send)
    opening = start + dt.timedelta(days=2)
    with time_machine.travel(opening, tick=False):
        assert dispatch.outbox_dispatch().opened == 1
    candidates = Invitation.objects.filter(assignment=assignment, kind=SurveyKind.CANDIDATE)
    assert set(candidates.values_list("expires_at", flat=True)) == {opening + dt.timedelta(days=30)}
    with time_machine.travel(start + dt.timedelta(days=8), tick=False):
        dispatch.outbox_dispatch()  # a week after Anna's send: the customer's reminder, not the candidates'
    assert set(candidates.values_list("status", flat=True)) == {S.SENT}
    with time_machine.travel(opening + dt.timedelta(days=7, minutes=1), tick=False):
        assert dispatch.outbox_dispatch().reminded == 2
    assert set(candidates.values_list("status", flat=True)) == {S.REMINDED}
    with time_machine.travel(start + dt.timedelta(days=31), tick=False):
        assert dispatch.outbox_dispatch().closed == 0
        assert invitation_for_token(_token(anna)) is not None  # 31 days after her send, still open
    with time_machine.travel(opening + dt.timedelta(days=30, minutes=1), tick=False):
        assert dispatch.outbox_dispatch().closed == 2


@pytest.mark.django_db
def test_customer_links_are_answerable_right_after_their_own_send():
    assignment = _round(ANNA)
    dispatch.outbox_dispatch()
    customer = Invitation.objects.get(assignment=assignment, kind=SurveyKind.CUSTOMER)
    assert customer.status == S.SENT and customer.candidate_round is None and customer.expires_at is not None
    assert invitation_for_token(_token(customer)) is not None
    assert _candidate(assignment, ANNA).round_opened_at is not None


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
def test_two_dispatchers_at_once_open_each_round_exactly_once():
    ready = []
    for _ in range(10):
        first = InvitationFactory(kind=SurveyKind.CANDIDATE, sent=True, round_opened_at=None, expires_at=None)
        second = InvitationFactory(kind=SurveyKind.CANDIDATE, sent=True, round_opened_at=None, expires_at=None,
                                   assignment=first.assignment, candidate_round=first.candidate_round)
        for invitation in (first, second):
            invitation_message(invitation, status=OutboxStatus.SENT)
        ready.append(first.candidate_round)
    barrier = threading.Barrier(2)
    results = []

    def run():
        barrier.wait()
        results.append(dispatch.outbox_dispatch())

    assert run_in_threads(run, run, timeout=60) == []
    assert sum(result.opened for result in results) == len(ready)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT candidate_round, count(DISTINCT xmin::text), count(DISTINCT round_opened_at) "  # noqa: S608
                       f"FROM {Invitation._meta.db_table} GROUP BY candidate_round")
        rows = cursor.fetchall()
    assert {row[0] for row in rows} == set(ready)
    assert {row[1:] for row in rows} == {(1, 1)}  # each round: one transaction, one opening time
    assert rounds.candidate_rounds_open() == 0  # and nothing left to open


@pytest.mark.django_db
def test_a_hire_added_before_the_round_opens_joins_it_one_added_after_gets_no_link(client, coordinator):
    """A hire added while the round waits joins it; once it has opened, a later hire gets no
    candidate invitation (its link would leave the later answers to that hire) and the panel says why."""
    assignment = _round(ANNA, BO)
    scheduling.invitation_hold(invitation=_candidate(assignment, BO))  # the round waits for Bo
    assert dispatch.outbox_dispatch().opened == 0
    early = HireFactory(assignment=assignment, name="Kandidat 3", email=CECILIA, start_date=None)
    scheduling.invitations_schedule_for_hire(hire_id=early.pk)
    joined = Invitation.objects.get(kind=SurveyKind.CANDIDATE, hire=early)
    assert joined.candidate_round == _candidate(assignment, ANNA).candidate_round
    scheduling.invitation_release(invitation=_candidate(assignment, BO))
    client.force_login(coordinator)
    url = reverse("assignments:detail", args=[assignment.reference])
    assert "en senare länk skulle visa vem som svarat" not in client.get(url).content.decode()
    assert dispatch.outbox_dispatch().opened == 1
    assert {i.round_opened_at is not None for i in Invitation.objects.filter(
        assignment=assignment, kind=SurveyKind.CANDIDATE)} == {True}
    late = HireFactory(assignment=assignment, name="Kandidat 4", email="dora@example.se", start_date=None)
    assert [i.kind for i in scheduling.invitations_schedule_for_hire(hire_id=late.pk)] == [SurveyKind.SIX_MONTH]
    assert not Invitation.objects.filter(kind=SurveyKind.CANDIDATE, hire=late).exists()
    page = client.get(url).content.decode()
    assert "Kandidatenkäten har redan öppnat för uppdraget: en senare länk skulle visa vem som svarat" in page
