"""Who may see which dashboard scope."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied

from recruitment.roles import CONSULTANT, COORDINATOR, MANAGER, has_role, user_consultant
from reporting.selectors import Scope


def sees_everyone(user) -> bool:
    """Managers and coordinators see every scope."""
    return has_role(user, MANAGER, COORDINATOR)


def scope_for_user(user, requested: Scope) -> Scope:
    """The scope a user may see: anything for managers and coordinators; a consultant only their own.

    A consultant who asks for another consultant, a unit or the department gets 403;
    their own page carries the group's figures beside their own.
    """
    if sees_everyone(user):
        return requested
    if not has_role(user, CONSULTANT):
        raise PermissionDenied
    own = user_consultant(user)
    if own is None:
        raise PermissionDenied
    if requested.unit is not None or (requested.consultant is not None and requested.consultant.pk != own.pk):
        raise PermissionDenied
    return Scope(consultant=own, filters=requested.filters)
