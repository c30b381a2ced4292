"""An answer stored before another candidate's link went out would not be that candidate's (h-attack, 2026-12-04).

Each candidate's first message is sent, and its outbox row and invitation marked sent, on its own.
Were a link answerable at once, then when one candidate's message is delayed (a retry after a
backoff, a connection lost, a failed address a coordinator fixes and resends days later) and
another candidate answered meanwhile, someone with the database would compare the response's
transaction id (or its time) with the delayed row's `sent_at` and xmin: the answer came before
that candidate had a link, so it is another's. With two hires this names the one who answered.

The fix (`surveys.services.rounds`): a round's candidate links open together, once every first
e-mail of the round is resolved (or a wait has passed, after which a link not out never goes
out). Before that a link shows a "not open yet" page and stores nothing.
"""
import pytest
from django.db import connection

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
from surveys.services import dispatch, scheduling
from surveys.services.answering import LinkNotOpenYet, response_submit
from tests.factories import AssignmentFactory, HireFactory, package

from .helpers import close
from .test_answering import candidate_data
from .test_candidate_anonymity import ANNA, BO

S = InvitationStatus


def _xmin(table: str, pk: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT xmin::text::bigint FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="xmin is a PostgreSQL system column")
def test_an_answer_before_another_candidates_link_went_out_cannot_be_told_apart(monkeypatch):
    assignment = AssignmentFactory(status=Status.REFERENCES, package=package("STORA"))
    for name, email in (ANNA, BO):
        HireFactory(assignment=assignment, name=name, email=email, start_date=None)
    close(assignment)
    scheduling.invitations_schedule_for_closing(assignment_id=assignment.pk)
    real_send = outbox.send

    def bo_delayed(message, conn):
        if BO[1] in message.recipients():
            raise SendError("451 try later", recipient_rejected=False, connection_lost=False)
        real_send(message, conn)

    monkeypatch.setattr(outbox, "send", bo_delayed)
    dispatch.outbox_dispatch()
    anna = Invitation.objects.get(assignment=assignment, email=ANNA[1])
    assert anna.status == S.SENT and anna.round_opened_at is None and anna.expires_at is None
    anna_token = tokens.token_for(anna.token_salt)
    with pytest.raises(LinkNotOpenYet):  # Anna tries to answer meanwhile: the round has not opened
        response_submit(token=anna_token, data=candidate_data())
    assert not Response.objects.filter(kind=SurveyKind.CANDIDATE).exists() and not SpentToken.objects.exists()
    monkeypatch.setattr(outbox, "send", real_send)
    OutboxEmail.objects.filter(purpose=MessagePurpose.INVITATION, status=OutboxStatus.QUEUED).update(
        next_attempt_at=None)  # the backoff is over
    assert dispatch.outbox_dispatch().opened == 1  # Bo's e-mail goes out, then the round opens
    candidates = Invitation.objects.filter(assignment=assignment, kind=SurveyKind.CANDIDATE)
    assert set(candidates.values_list("status", flat=True)) == {S.SENT}
    assert len(set(candidates.values_list("round_opened_at", "expires_at"))) == 1  # one write for all
    assert len({_xmin(Invitation._meta.db_table, pk) for pk in candidates.values_list("pk", flat=True)}) == 1
    response_submit(token=anna_token, data=candidate_data())  # the same link works now

    # the insider: which candidates' links existed when the answer was stored?
    (response,) = Response.objects.filter(kind=SurveyKind.CANDIDATE)
    answered = _xmin(Response._meta.db_table, response.pk)
    messages = OutboxEmail.objects.filter(purpose=MessagePurpose.INVITATION, invitation__assignment=assignment,
                                          invitation__kind=SurveyKind.CANDIDATE)
    possible = {m.invitation.email for m in messages if _xmin(OutboxEmail._meta.db_table, m.pk) < answered}
    assert possible == {ANNA[1], BO[1]}  # both links existed before any answer could be stored
