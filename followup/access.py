"""Who may change what in followup, on top of the project's roles (recruitment.roles)."""
from __future__ import annotations

from assignments.access import can_edit_assignment
from recruitment.roles import COORDINATOR, MANAGER, has_role, user_consultant

from .models import AarAction, AfterActionReview, CustomerContact

STAFF = (COORDINATOR, MANAGER)


def can_edit_contact_entry(user, entry: CustomerContact) -> bool:
    """Coordinators and managers change any logged contact; a consultant those they took part in or logged."""
    if has_role(user, *STAFF) or entry.created_by_id == user.pk:
        return True
    consultant = user_consultant(user)
    # reads the prefetched participants on the organisation's page
    return consultant is not None and any(s.pk == consultant.pk for s in entry.staff.all())


def can_write_aar(user, *, assignment=None, project=None) -> bool:
    """Coordinators and managers write any AAR; a consultant those of an assignment they work on.
    AARs of volume projects are written by coordinators and managers."""
    if has_role(user, *STAFF):
        return True
    return assignment is not None and can_edit_assignment(user, assignment)


def can_edit_aar(user, review: AfterActionReview) -> bool:
    return can_write_aar(user, assignment=review.assignment, project=review.project)


def can_complete_action(user, action: AarAction) -> bool:
    """The owner marks an action done; so may coordinators and managers."""
    if has_role(user, *STAFF):
        return True
    consultant = user_consultant(user)
    return consultant is not None and action.owner_id == consultant.pk
