"""The survey panel on an assignment's page: invitations and open low-score flags, by role."""
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from assignments.models import Status
from surveys.models import Invitation, InvitationStatus, LowScoreFlag, Response, SurveyKind, SurveyVersion
from tests.factories import AssignmentFactory


@pytest.fixture
def surveyed(db):
    a = AssignmentFactory(status=Status.CLOSED_NOT_HIRED, closed_on=dt.date(2025, 5, 2))
    Invitation.objects.create(kind=SurveyKind.CUSTOMER, assignment=a, contact=a.contact,
                              status=InvitationStatus.SENT, due_at=timezone.now(), sent_at=timezone.now())
    response = Response.objects.create(
        kind=SurveyKind.CUSTOMER, version=SurveyVersion.objects.get(kind="customer", year=2025),
        assignment=a, submitted_on=dt.date(2025, 5, 10))
    LowScoreFlag.objects.create(assignment=a, response=response, reason="Helhetsbetyg 5")
    return a


def _page(client, user, assignment):
    client.force_login(user)
    return client.get(reverse("assignments:detail", args=[assignment.reference])).content.decode()


def test_a_coordinator_sees_the_invitations_and_the_open_flag(client, coordinator, surveyed):
    html = _page(client, coordinator, surveyed)
    assert "Kundenkät" in html and "Skickad" in html
    assert "Helhetsbetyg 5" in html


def test_a_consultant_sees_only_their_own_assignments_invitations(client, consultant_user, surveyed):
    html = _page(client, consultant_user, surveyed)
    assert "Enkätinbjudningar för uppdraget" not in html
    surveyed.lead_consultant = consultant_user.consultant
    surveyed.save(update_fields=["lead_consultant"])
    html = _page(client, consultant_user, surveyed)
    assert "Enkätinbjudningar för uppdraget" in html
    assert "Helhetsbetyg 5" not in html  # flags are followed up by managers and coordinators


def test_a_followed_up_flag_leaves_the_page(client, manager, surveyed):
    LowScoreFlag.objects.update(followed_up_at=timezone.now(), follow_up_note="Samtal hållet")
    assert "Helhetsbetyg 5" not in _page(client, manager, surveyed)
