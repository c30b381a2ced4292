"""The three roles, kept as Django groups, and the checks every view uses."""
from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied

COORDINATOR = "coordinator"
CONSULTANT = "consultant"
MANAGER = "manager"
ALL_ROLES = (COORDINATOR, CONSULTANT, MANAGER)
GROUP_NAMES = {COORDINATOR: "Koordinator", CONSULTANT: "Konsult", MANAGER: "Chef"}


def user_roles(user) -> frozenset[str]:
    """Roles of a user; cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_roles_cache", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = {role for role, group in GROUP_NAMES.items() if group in names}
        if user.is_superuser:
            cached.add(COORDINATOR)
        cached = frozenset(cached)
        user._roles_cache = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(user_roles(user) & set(roles))


def require_role(user, *roles: str) -> None:
    if not has_role(user, *roles):
        raise PermissionDenied


def user_consultant(user):
    """The consultant record linked to a user, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.consultant
    except Exception:  # RelatedObjectDoesNotExist
        return None


class RoleRequiredMixin(AccessMixin):
    """Log-in required, then one of `allowed_roles`; otherwise 403."""

    allowed_roles: tuple[str, ...] = ALL_ROLES

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        require_role(request.user, *self.allowed_roles)
        return super().dispatch(request, *args, **kwargs)



def role_required(*roles: str):
    """The function-view form of RoleRequiredMixin: log-in required, then one of `roles`; otherwise 403."""

    def decorator(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            require_role(request.user, *roles)
            return view(request, *args, **kwargs)

        wrapped = login_required(checked)
        wrapped.allowed_roles = roles  # as RoleRequiredMixin's, for the tests that walk every page
        return wrapped

    return decorator
