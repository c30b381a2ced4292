"""Closing with a hire in one step (the register's view) schedules the new hire's candidate survey."""
import datetime as dt

import pytest
from django.urls import reverse

from assignments.models import Status
from surveys.models import Invitation, InvitationStatus, SurveyKind
from tests.factories import AssignmentFactory, package

pytestmark = pytest.mark.django_db


def test_closing_with_a_new_hire_schedules_its_candidate_and_six_month_surveys(
        client, consultant_user, django_capture_on_commit_callbacks):
    assignment = AssignmentFactory(lead_consultant=consultant_user.consultant, status=Status.REFERENCES,
                                   package=package("STORA"), ordered_on=dt.date(2025, 3, 1))
    client.force_login(consultant_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("assignments:status", args=[assignment.reference]), {
            "to_status": Status.CLOSED_HIRED, "on": dt.date.today().isoformat(), "hire_name": "Sara Svensson",
            "hire_email": "sara@example.se", "hire_start_date": "2025-08-18"})
    assert response.status_code == 302
    hire = assignment.hires.get()
    states = {(i.kind, i.status, i.hire_id, i.email) for i in Invitation.objects.filter(assignment=assignment)}
    assert states == {
        (SurveyKind.CUSTOMER, InvitationStatus.SCHEDULED, None, ""),
        (SurveyKind.CANDIDATE, InvitationStatus.SCHEDULED, hire.pk, "sara@example.se"),
        (SurveyKind.SIX_MONTH, InvitationStatus.SCHEDULED, hire.pk, ""),
    }
