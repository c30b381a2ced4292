"""Who may see and write a consultant's review: that consultant, their manager and the head.

- The consultant's manager is the manager (`Unit.manager`) of the consultant's unit.
- The head (avdelningschef) is a user in the manager role whose consultant record is a manager
  (role "chef") of no unit: the department's own manager, above the unit managers.
- The manager's side of a review (the manager's notes, the goals, the actions, the date) is written by
  the consultant's manager or the head, never by the consultant themself (a unit manager's own review
  is the head's); the consultant's side only by the consultant.
Anyone else is refused (403), whatever their role: a consultant cannot open another's review, a manager
of another unit cannot either.
"""
from __future__ import annotations

from django.db.models import QuerySet

from assignments.models import Consultant, ConsultantRole
from recruitment.roles import MANAGER, has_role, user_consultant


def is_head(user) -> bool:
    """The department's head: the manager role, and a manager consultant record that manages no unit."""
    if not has_role(user, MANAGER):
        return False
    own = user_consultant(user)
    return own is not None and own.role == ConsultantRole.MANAGER and not own.managed_units.exists()


def is_own(user, consultant: Consultant) -> bool:
    own = user_consultant(user)
    return own is not None and own.pk == consultant.pk


def may_review(user, consultant: Consultant) -> bool:
    """May write the manager's side of the consultant's review (and see it)."""
    if is_own(user, consultant) or not has_role(user, MANAGER):
        return False
    if is_head(user):
        return True
    own = user_consultant(user)
    unit = consultant.unit
    return own is not None and unit is not None and unit.manager_id == own.pk


def may_see(user, consultant: Consultant) -> bool:
    return is_own(user, consultant) or may_review(user, consultant)


def reviewed_by(user) -> QuerySet[Consultant]:
    """The active consultants whose reviews the user holds as manager: the head's everyone (but
    themself), a unit manager's the unit's (but themself); nobody for anyone else."""
    own = user_consultant(user)
    if own is None or not has_role(user, MANAGER):
        return Consultant.objects.none()
    people = Consultant.objects.filter(active=True).exclude(pk=own.pk).select_related("unit")
    if is_head(user):
        return people
    return people.filter(unit__manager=own)
