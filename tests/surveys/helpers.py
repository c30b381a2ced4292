"""Helpers for survey tests: invitations with real tokens, the sample register."""
import csv
import datetime as dt
from pathlib import Path

from django.utils import timezone

from assignments.models import Consultant
from surveys import tokens
from surveys.models import Invitation, InvitationStatus
from tests.factories import AssignmentFactory, ConsultantFactory, OrganisationFactory, package

SAMPLES = Path("/work/shared/samples")


def invitation_with_token(*, assignment=None, kind="customer", status=InvitationStatus.SENT, expires_in_days=30,
                          **fields) -> tuple[Invitation, str]:
    """An invitation as the dispatcher leaves it after sending, and its link token."""
    assignment = assignment or AssignmentFactory()
    now = timezone.now()
    invitation = Invitation(
        kind=kind, status=status, assignment=assignment, due_at=now - dt.timedelta(days=1),
        sent_at=now - dt.timedelta(days=1), expires_at=now + dt.timedelta(days=expires_in_days),
        contact=assignment.contact if kind != "candidate" else None, **fields,
    )
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
