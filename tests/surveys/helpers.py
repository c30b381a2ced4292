"""Helpers for survey tests: invitations with real tokens, the sample register, due invitations."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from django.utils import timezone

from assignments import services as register
from assignments.models import Consultant, Status
from surveys import tokens
from surveys.models import Invitation, InvitationStatus, MessagePurpose, OutboxEmail, OutboxStatus, SurveyKind
from tests.factories import (
    AssignmentFactory,
    ConsultantFactory,
    HireFactory,
    InvitationFactory,
    OrganisationFactory,
    package,
)

SAMPLES = Path(__file__).resolve().parents[1] / "data"


def invitation_with_token(*, assignment=None, kind="customer", status=InvitationStatus.SENT, expires_in_days=30,
                          **fields) -> tuple[Invitation, str]:
    """An invitation as the dispatcher leaves it after sending, and its link token."""
    invitation = InvitationFactory.build(
        sent=True, kind=kind, status=status, assignment=assignment or AssignmentFactory(),
        expires_at=timezone.now() + dt.timedelta(days=expires_in_days), **fields)
    token = tokens.issue(invitation)
    invitation.save()
    return invitation, token


def load_sample_assignments(path: Path = SAMPLES / "assignments.csv") -> int:
    """Create the assignments of the sample register (reference, customer, consultant, package)."""
    consultants: dict[str, Consultant] = {}
    count = 0
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            email = row["consultant"]
            if email not in consultants:
                consultants[email] = ConsultantFactory(email=email, name=email.split("@")[0])
            AssignmentFactory(
                reference=row["reference"], organisation=OrganisationFactory(name=row["organisation"]),
                lead_consultant=consultants[email], package=package(row["package"]),
                ordered_on=dt.date.fromisoformat(row["ordered_on"]), role_title=row["role_title"],
            )
            count += 1
    return count


def close(assignment, to_status=Status.CLOSED_HIRED, on=None):
    """Move an assignment through the register's service (the signal fires on commit)."""
    if assignment.status not in (Status.REFERENCES, Status.CLOSED_HIRED, Status.CLOSED_NOT_HIRED):
        assignment = register.assignment_change_status(assignment=assignment, to_status=Status.REFERENCES, on=on)
    return register.assignment_change_status(assignment=assignment, to_status=to_status, on=on)


SEND_STATE = ("attempts", "next_attempt_at", "last_error", "claimed_at", "claim_key")
MESSAGE_STATUS = {InvitationStatus.SENDING: OutboxStatus.SENDING, InvitationStatus.FAILED: OutboxStatus.FAILED}


def invitation_message(invitation: Invitation, *, purpose=MessagePurpose.INVITATION, **fields) -> OutboxEmail:
    """Give an invitation's message (first e-mail or reminder) a send state, as the outbox leaves it."""
    fields.setdefault("status", MESSAGE_STATUS.get(invitation.status, OutboxStatus.QUEUED))
    message, _created = OutboxEmail.objects.update_or_create(invitation=invitation, purpose=purpose, defaults=fields)
    return message


def due_invitation(**kwargs) -> Invitation:
    """A scheduled customer invitation due now, without going through the scheduling rules.

    Send state (attempts, last error, claim ...) goes to its message's outbox row.
    """
    send_state = {name: kwargs.pop(name) for name in SEND_STATE if name in kwargs}
    assignment = kwargs.pop("assignment", None) or AssignmentFactory(status=Status.CLOSED_NOT_HIRED)
    invitation = InvitationFactory(**{"assignment": assignment, "due_at": timezone.now() - dt.timedelta(minutes=1),
                                      **kwargs})
    if send_state:
        invitation_message(invitation, **send_state)
    return invitation


def due_candidate_invitation(**kwargs) -> Invitation:
    hire = kwargs.pop("hire", None) or HireFactory()
    return due_invitation(
        kind=SurveyKind.CANDIDATE, assignment=hire.assignment, contact=None, hire=hire, email=hire.email, **kwargs)
