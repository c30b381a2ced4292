"""Unsubscribing: the address goes wherever it is stored, every open invitation of the person
ends at once, and no later edit of the register makes a new survey for them."""
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from assignments import services as register
from assignments.models import EmailStatus, Hire, Status
from surveys import tokens
from surveys.models import Invitation, InvitationStatus, SurveyKind
from surveys.services import dispatch, scheduling
from tests.factories import AssignmentFactory, HireFactory, package

from .helpers import close

S = InvitationStatus
pytestmark = pytest.mark.django_db
ADDRESS = "sara.svensson@example.se"


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)
    return run


def unsubscribe(client, invitation):
    invitation.refresh_from_db()
    token = tokens.token_for(invitation.token_salt)
    assert client.post(reverse("public_surveys:unsubscribe", args=[token])).status_code == 200


def soon(days=30):
    return timezone.localdate() + dt.timedelta(days=days)


def closed_with_hire(on_commit, email=ADDRESS, start=None):
    start = start or soon()
    assignment = AssignmentFactory(status=Status.REFERENCES, package=package("STORA"))
    hire = HireFactory(assignment=assignment, name="Sara Svensson", email=email, start_date=start)
    on_commit(close, assignment)
    return assignment, hire


def open_candidate_invitations(**filters):
    return Invitation.objects.filter(kind=SurveyKind.CANDIDATE, **filters).exclude(
        status__in=[S.CANCELLED, S.EXPIRED, S.ANSWERED])


def test_a_candidate_who_unsubscribed_gets_no_new_survey_whatever_the_coordinator_edits(client, on_commit):
    assignment, hire = closed_with_hire(on_commit)
    dispatch.outbox_dispatch()
    sent = Invitation.objects.get(kind=SurveyKind.CANDIDATE, hire=hire)
    assert sent.status == S.SENT
    unsubscribe(client, sent)

    hire.refresh_from_db()
    sent.refresh_from_db()
    assert hire.email == "" and hire.candidate_survey_done
    # out in an open round: the link ends with the round's (`candidate_unsubscribe`), the address at once
    assert (sent.status, sent.email, sent.hire_id) == (S.SENT, "", hire.pk)
    assert not Invitation.objects.filter(email__iexact=ADDRESS).exists()

    # the start date moves, the address is typed in again, the assignment is reopened and closed
    on_commit(register.hire_update, hire=hire, name=hire.name, email=ADDRESS, start_date=soon(60))
    on_commit(register.assignment_change_status, assignment=assignment, to_status=Status.REFERENCES)
    on_commit(close, assignment)
    dispatch.outbox_dispatch()

    assert list(open_candidate_invitations(assignment=assignment)) == [sent]  # no new one
    assert Invitation.objects.filter(kind=SurveyKind.CANDIDATE, assignment=assignment).count() == 1
    assert not Hire.objects.filter(email__iexact=ADDRESS).exists()
    # the six-month survey goes to the manager and follows the new start date
    six = Invitation.objects.get(kind=SurveyKind.SIX_MONTH, hire=hire)
    assert six.status == S.SCHEDULED
    assert six.due_at == scheduling.six_month_due(soon(60))


def test_a_candidate_unsubscribing_ends_their_invitations_on_other_assignments_too(client, on_commit):
    first, first_hire = closed_with_hire(on_commit)
    dispatch.outbox_dispatch()
    second, second_hire = closed_with_hire(on_commit, email=ADDRESS.upper())
    other, other_hire = closed_with_hire(on_commit, email="annan@example.se")
    unsubscribe(client, Invitation.objects.get(kind=SurveyKind.CANDIDATE, hire=first_hire))

    pending = Invitation.objects.get(kind=SurveyKind.CANDIDATE, assignment=second)
    assert (pending.status, pending.email, pending.hire_id) == (S.CANCELLED, "", None)
    second_hire.refresh_from_db()
    assert second_hire.email == "" and second_hire.candidate_survey_done
    on_commit(register.hire_update, hire=second_hire, name="Sara", email="", start_date=soon(45))
    assert not open_candidate_invitations(assignment=second).exists()
    # someone else is not touched
    assert open_candidate_invitations(hire=other_hire, email="annan@example.se").count() == 1


def test_a_contact_who_unsubscribes_has_every_open_invitation_ended_and_none_created_later(client, on_commit):
    assignment, hire = closed_with_hire(on_commit)
    contact = assignment.contact
    dispatch.outbox_dispatch()
    customer = Invitation.objects.get(kind=SurveyKind.CUSTOMER, assignment=assignment)
    six = Invitation.objects.get(kind=SurveyKind.SIX_MONTH, hire=hire)
    assert (customer.status, six.status) == (S.SENT, S.SCHEDULED)
    unsubscribe(client, customer)

    contact.refresh_from_db()
    customer.refresh_from_db()
    six.refresh_from_db()
    assert contact.email_status == EmailStatus.UNSUBSCRIBED
    assert (customer.status, six.status) == (S.EXPIRED, S.CANCELLED)

    # later edits: a new start date, another assignment for the same manager closed with a hire
    on_commit(register.hire_update, hire=hire, name=hire.name, email="", start_date=soon(90))
    later = AssignmentFactory(status=Status.REFERENCES, package=package("STORA"), contact=contact,
                              organisation=contact.organisation)
    HireFactory(assignment=later)
    on_commit(close, later)
    to_contact = Invitation.objects.filter(contact=contact).exclude(
        status__in=[S.CANCELLED, S.EXPIRED, S.SKIPPED])
    assert not to_contact.exists(), list(to_contact.values_list("kind", "status"))
