"""Writes of the accounts app."""
from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from mozilla_django_oidc.auth import default_username_algo

from assignments.models import Consultant
from recruitment.roles import ALL_ROLES, GROUP_NAMES

log = logging.getLogger(__name__)


def _free_username(email: str) -> str:
    User = get_user_model()
    candidate = email.lower()
    if len(candidate) <= 150 and not User.objects.filter(username__iexact=candidate).exists():
        return candidate
    return default_username_algo(email)


def user_set_roles(user, roles: set[str]) -> None:
    """Give `user` exactly `roles` among the three (other groups are left alone)."""
    for role in ALL_ROLES:
        group, _ = Group.objects.get_or_create(name=GROUP_NAMES[role])
        if role in roles:
            user.groups.add(group)
        else:
            user.groups.remove(group)
    user.__dict__.pop("_roles_cache", None)


def user_sync_from_city(*, email: str, roles: set[str], first_name: str = "", last_name: str = ""):
    """After a city log-in: the user with this e-mail (any case), updated, or None when not to log in.

    With roles: found or created, e-mail and names from the provider, an unusable local password,
    exactly these roles, and linked to the consultant record with the same e-mail (any case; a record
    linked before under another e-mail is unlinked). Without roles: an existing user loses its roles
    and nothing else changes; none is created. Two users with the e-mail: None (and a log line).
    """
    User = get_user_model()
    with transaction.atomic():
        users = list(User.objects.select_for_update().filter(email__iexact=email).order_by("pk")[:2])
        if len(users) > 1:
            log.warning("City log-in refused: %d users share the e-mail of the log-in", len(users))
            return None
        user = users[0] if users else None
        if not roles:
            if user is not None:
                user_set_roles(user, set())
            return None
        if user is None:
            user = User(username=_free_username(email))
        user.email = email
        user.first_name = first_name[:150] or user.first_name
        user.last_name = last_name[:150] or user.last_name
        user.set_unusable_password()
        user.save()
        user_set_roles(user, roles)
        consultant_link_by_email(user)
    return user


def consultant_link_by_email(user) -> None:
    """Link `user` to the consultant record with its e-mail; unlink a record with another e-mail."""
    consultant = Consultant.objects.filter(email__iexact=user.email).first()
    for other in Consultant.objects.filter(user=user).exclude(pk=getattr(consultant, "pk", None)):
        other.user = None
        other.save(update_fields=["user"])
    if consultant is not None and consultant.user_id != user.pk:
        consultant.user = user
        consultant.save(update_fields=["user"])
