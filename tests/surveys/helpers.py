"""Helpers for the survey dispatch tests."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from assignments import services as register
from assignments.models import Status
from surveys.models import Invitation, InvitationStatus, SurveyKind
from tests.factories import AssignmentFactory, HireFactory


def close(assignment, to_status=Status.CLOSED_HIRED, on=None):
    """Move an assignment through the register's service (the signal fires on commit)."""
    if assignment.status not in (Status.REFERENCES, Status.CLOSED_HIRED, Status.CLOSED_NOT_HIRED):
        assignment = register.assignment_change_status(assignment=assignment, to_status=Status.REFERENCES, on=on)
    return register.assignment_change_status(assignment=assignment, to_status=to_status, on=on)


def due_invitation(**kwargs) -> Invitation:
    """A scheduled customer invitation due now, without going through the scheduling rules."""
    assignment = kwargs.pop("assignment", None) or AssignmentFactory(status=Status.CLOSED_NOT_HIRED)
    fields = {
        "kind": SurveyKind.CUSTOMER, "assignment": assignment, "contact": assignment.contact,
        "status": InvitationStatus.SCHEDULED, "due_at": timezone.now() - dt.timedelta(minutes=1),
    }
    fields.update(kwargs)
    return Invitation.objects.create(**fields)


def due_candidate_invitation(**kwargs) -> Invitation:
    hire = kwargs.pop("hire", None) or HireFactory()
    return due_invitation(
        kind=SurveyKind.CANDIDATE, assignment=hire.assignment, contact=None, hire=hire, email=hire.email, **kwargs)
