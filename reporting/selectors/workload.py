"""Load: the open assignments each consultant leads now, for the "Belastning" table."""
from __future__ import annotations

from django.db.models import Count, Q

from assignments.models import WORKING_STATUSES, Assignment

from .scope import Scope


def open_load(scope: Scope) -> list[dict]:
    """[{"name", "open", "manager_roles"}] per lead consultant with open assignments in scope, most first (one query).

    Open = a working status; "manager_roles" counts the open assignments for any role level but "medarbetare".
    """
    rows = (
        Assignment.objects.filter(scope.assignment_q(), status__in=WORKING_STATUSES)
        .values("lead_consultant__name").order_by()
        .annotate(open=Count("id"), manager_roles=Count("id", filter=~Q(role_level="medarbetare")))
    )
    return sorted(({"name": r["lead_consultant__name"], "open": r["open"], "manager_roles": r["manager_roles"]}
                   for r in rows), key=lambda r: (-r["open"], r["name"]))
