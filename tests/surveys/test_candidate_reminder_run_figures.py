"""A failing mail server during candidate reminders must not tell who answered (h-attack, 2026-12-04).

Candidate reminders go only to the unanswered links, so only those touch the mail server. When the
server fails, the run's figures (printed by `send_due_surveys`, returned by the Celery task) and the
log must still be the same whichever candidates answered: otherwise an operator reading the
output, knowing the claim order (by sent time and id, visible in the database), learns which
candidate answered.
"""
import datetime as dt
import logging
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from surveys import tokens
from surveys.mail import outbox
from surveys.mail.smtp import SendError
from surveys.models import Invitation, OutboxEmail
from surveys.services import dispatch
from surveys.services.answering import response_submit

from .test_answering import candidate_data
from .test_candidate_anonymity import ANNA, BO, _two_hires_surveyed


@pytest.mark.django_db
@pytest.mark.parametrize("connection_lost", [True, False], ids=["server-gone", "server-error"])
@pytest.mark.parametrize("answered", [(), (ANNA,), (BO,), (ANNA, BO)], ids=["none", "anna", "bo", "both"])
def test_a_failing_mail_server_gives_the_same_run_figures_and_log_whoever_answered(
        answered, connection_lost, settings, monkeypatch, caplog):
    settings.SURVEY_REMINDER_DAYS = 7
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _assignment, links = _two_hires_surveyed()
        for _name, email in answered:
            response_submit(token=links[email], data=candidate_data())

    def broken(message, connection):
        raise SendError("451 try later", recipient_rejected=False, connection_lost=connection_lost)

    monkeypatch.setattr(dispatch, "send", broken)
    monkeypatch.setattr(outbox, "send", broken)
    caplog.set_level(logging.DEBUG)
    with time_machine.travel(start + dt.timedelta(days=7, minutes=1), tick=False):
        result = dispatch.outbox_dispatch()
    # both candidates counted as reminded (recorded alike); the customer's reminder meets the
    # broken server as usual and tells the operator
    figures = result.as_dict()
    assert (figures["reminded"], figures["failed"], figures["retrying"], len(figures["errors"])) == (
        2, 0, 1, 1 if connection_lost else 0)
    candidate_lines = [r.getMessage() for r in caplog.records if "candidate" in r.getMessage()]
    assert candidate_lines == []


@pytest.mark.django_db
@pytest.mark.parametrize("answered", [(), (ANNA,), (BO,), (ANNA, BO)], ids=["none", "anna", "bo", "both"])
def test_no_time_written_in_the_run_tells_how_long_the_candidate_reminders_took(answered, settings, monkeypatch):
    """Only the unanswered are sent a reminder, and each send takes time: a time written after them
    in the same run (the customer's reminder, a stored e-mail) would count the unanswered."""
    settings.SURVEY_REMINDER_DAYS = 7
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assignment, links = _two_hires_surveyed()
        for _name, email in answered:
            response_submit(token=links[email], data=candidate_data())
    run = start + dt.timedelta(days=7, minutes=1)
    with time_machine.travel(run, tick=False) as clock:
        real_send = dispatch.send

        def slow_send(message, connection):
            clock.shift(dt.timedelta(seconds=5))  # one SMTP round trip
            real_send(message, connection)

        monkeypatch.setattr(dispatch, "send", slow_send)
        assert dispatch.outbox_dispatch().reminded == 3  # the customer's and both candidates'
    written = [*OutboxEmail.objects.values_list("sent_at", flat=True),
               *OutboxEmail.objects.values_list("claimed_at", flat=True),
               *Invitation.objects.values_list("updated_at", flat=True),
               *Invitation.objects.values_list("sent_at", flat=True),
               *Invitation.objects.values_list("reminded_at", flat=True)]
    assert max(when for when in written if when is not None) == run


@pytest.mark.django_db
def test_the_spent_links_are_looked_up_all_together_and_never_in_the_invitations_order(settings):
    """A statement log (log_statement, log_min_duration_statement, Django's SQL debug log) shows every
    lookup of the spent-token table with its hashes. Looked up one candidate at a time in the
    reminders' order (the invitations' order), each logged hash matched against the table told
    whether that candidate had answered."""
    settings.SURVEY_REMINDER_DAYS = 7
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _assignment, links = _two_hires_surveyed()
        _other, other_links = _two_hires_surveyed()
        response_submit(token=links[ANNA[1]], data=candidate_data())
    every_open = sorted(tokens.spent_hash(token) for token in [*links.values(), *other_links.values()])
    with (time_machine.travel(start + dt.timedelta(days=7, minutes=1), tick=False),
          CaptureQueriesContext(connection) as queries):
        assert dispatch.outbox_dispatch().reminded == 6
    lookups = [re.findall(r"'([0-9a-f]{64})'", q["sql"]) for q in queries.captured_queries
               if "surveys_spenttoken" in q["sql"]]
    assert lookups and all(hashes == every_open for hashes in lookups), lookups
