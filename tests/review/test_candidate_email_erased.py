"""A hire's e-mail goes when its candidate survey is over (the assignment's candidate round ends, for all its
hires at once), and no second survey is made for it."""
import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from assignments import services as register
from assignments.models import Hire, Status
from surveys import tokens
from surveys.models import Invitation, InvitationStatus, SurveyKind
from surveys.services import dispatch
from surveys.services.answering import response_submit
from tests.factories import AssignmentFactory, HireFactory, package
from tests.surveys.helpers import close
from tests.surveys.test_answering import candidate_data

S = InvitationStatus
pytestmark = pytest.mark.django_db


def _send(invitation: Invitation) -> str:
    """Mark the scheduled invitation sent as the dispatcher would, returning its link token."""
    token = tokens.issue(invitation)
    invitation.status, invitation.sent_at = S.SENT, timezone.now()
    invitation.expires_at = timezone.now() + dt.timedelta(days=30)
    invitation.save()
    return token


def _closed_with_hire(django_capture_on_commit_callbacks):
    assignment = AssignmentFactory(status=Status.REFERENCES, package=package("STORA"))
    hire = HireFactory(assignment=assignment, email="kandidat@example.se", start_date=None)
    with django_capture_on_commit_callbacks(execute=True):
        close(assignment)
    return assignment, hire


def test_it_erases_the_hires_email_when_the_round_ends_after_the_answer_and_never_surveys_it_again(
        django_capture_on_commit_callbacks):
    assignment, hire = _closed_with_hire(django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get(assignment=assignment, kind=SurveyKind.CANDIDATE)
    response_submit(token=_send(invitation), data=candidate_data())
    hire.refresh_from_db()
    # the answer's own transaction does not touch the hire (it would share the answer's xmin)
    assert hire.email == "kandidat@example.se" and not hire.candidate_survey_done
    dispatch.outbox_dispatch()  # answered: the round still waits for its link to expire
    hire.refresh_from_db()
    assert hire.email == "kandidat@example.se"
    with time_machine.travel(timezone.now() + dt.timedelta(days=31), tick=False):
        dispatch.outbox_dispatch()  # the batch step ends the round
    hire.refresh_from_db()
    assert hire.email == "" and hire.candidate_survey_done
    assert not any(f.name in ("email", "candidate_survey_done") for f in Hire.history.model._meta.fields)
    # The start date arrives later: the six-month survey moves, no second candidate survey appears.
    with django_capture_on_commit_callbacks(execute=True):
        register.hire_update(hire=hire, name=hire.name, email="kandidat@example.se", start_date=dt.date(2026, 1, 5))
    candidates = Invitation.objects.filter(assignment=assignment, kind=SurveyKind.CANDIDATE)
    assert [(i.status, i.email, i.hire_id) for i in candidates] == [(S.CLOSED, "", None)]
    # ... and the address typed in again is not kept either.
    hire.refresh_from_db()
    assert hire.email == "" and hire.start_date == dt.date(2026, 1, 5)


def test_it_erases_the_hires_email_when_the_candidate_link_expires(django_capture_on_commit_callbacks):
    assignment, hire = _closed_with_hire(django_capture_on_commit_callbacks)
    _send(Invitation.objects.get(assignment=assignment, kind=SurveyKind.CANDIDATE))
    with time_machine.travel(timezone.now() + dt.timedelta(days=31), tick=False):
        dispatch.outbox_dispatch()
    hire.refresh_from_db()
    assert hire.email == "" and hire.candidate_survey_done


def test_a_refused_answer_keeps_the_hires_email(django_capture_on_commit_callbacks):
    from surveys.services.answering import LinkUnavailable

    assignment, hire = _closed_with_hire(django_capture_on_commit_callbacks)
    _send(Invitation.objects.get(assignment=assignment, kind=SurveyKind.CANDIDATE))
    with pytest.raises(LinkUnavailable):
        response_submit(token="not-the-token", data=candidate_data())
    hire.refresh_from_db()
    assert hire.email == "kandidat@example.se" and not hire.candidate_survey_done
