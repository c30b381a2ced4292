"""Writes behind the register's browser forms: create, edit, billing overrides, status with hire."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from . import services
from .models import Assignment, BillingKind, BillingLine, Hire, Status, StatusChange

# Fields a coordinator or consultant edits in the assignment form (co_consultants is m2m, set separately).
EDITABLE_FIELDS = [
    "organisation", "contact", "sector", "role_title", "role_level", "lead_consultant", "project",
    "redo_of", "package", "ordered_on", "applicants", "personal_letter", "screening",
    "screened_candidates", "search_used", "hours", "surveys_enabled", "no_survey_reason", "notes",
]


def assignment_create(*, data: dict, co_consultants=(), by=None) -> Assignment:
    """Register an assignment: next reference of the order year, and its package line.

    `data` maps EDITABLE_FIELDS to values. The reference counter row stays locked
    until the whole registration commits, so references never collide or skip.
    """
    with transaction.atomic():
        assignment = Assignment(**{k: v for k, v in data.items() if k in EDITABLE_FIELDS})
        assignment.reference = services.reference_next(year=assignment.ordered_on.year)
        assignment.status_changed_on = services.today()
        if by is not None:
            assignment._history_user = by
        assignment.save()
        if co_consultants:
            assignment.co_consultants.set(co_consultants)
        services.billing_package_line_set(assignment=assignment)
        StatusChange.objects.create(
            assignment=assignment, from_status="", to_status=assignment.status,
            changed_on=assignment.status_changed_on, changed_by=by,
        )
    return assignment


def assignment_update(
    *, assignment: Assignment, data: dict, co_consultants=None, expected_version: int, by=None
) -> Assignment:
    """Save edited fields unless someone saved since `expected_version`.

    Raises services.EditConflict and writes nothing when the version is stale.
    A new package or order date re-prices the package line from the catalogue.
    """
    with transaction.atomic():
        before = Assignment.objects.filter(pk=assignment.pk).values("package_id", "ordered_on").get()
        for field, value in data.items():
            if field in EDITABLE_FIELDS:
                setattr(assignment, field, value)
        services.assignment_save_with_version(
            assignment=assignment, expected_version=expected_version, fields=EDITABLE_FIELDS, by=by
        )
        if co_consultants is not None:
            current = set(assignment.co_consultants.values_list("pk", flat=True))
            wanted = {c.pk for c in co_consultants}
            if current != wanted:
                assignment.co_consultants.set(co_consultants)
        if (before["package_id"], before["ordered_on"]) != (assignment.package_id, assignment.ordered_on):
            services.billing_package_line_set(assignment=assignment)
    return assignment


def assignment_change_status_with_hire(
    *, assignment: Assignment, to_status: str, on: dt.date, by=None,
    hire_name: str = "", hire_email: str = "", hire_start_date: dt.date | None = None,
) -> Assignment:
    """Change status; when closing with a hire and a hire is given, add it first (one transaction)."""
    with transaction.atomic():
        if to_status == Status.CLOSED_HIRED and hire_name:
            services.hire_add(
                assignment=assignment, name=hire_name, email=hire_email, start_date=hire_start_date
            )
        return services.assignment_change_status(assignment=assignment, to_status=to_status, by=by, on=on)


def billing_package_override(*, assignment: Assignment, amount: Decimal, reason: str) -> BillingLine:
    """Bill the package at another price than the catalogue's, with the reason kept on the line."""
    if not reason.strip():
        raise ValueError(_("Ange ett skäl till det avvikande priset."))
    return services.billing_package_line_set(assignment=assignment, amount=amount, override_reason=reason.strip())


def billing_package_reset(*, assignment: Assignment) -> BillingLine:
    """Back to the catalogue price valid on the order date."""
    return services.billing_package_line_set(assignment=assignment)


def billing_addon_remove(*, line: BillingLine) -> None:
    """Remove an add-on line; the package line stays (override it instead)."""
    if line.kind == BillingKind.PACKAGE:
        raise ValueError(_("Paketraden kan inte tas bort."))
    services.billing_line_remove(line=line)


def hire_remove_checked(*, hire: Hire) -> None:
    """Remove a hire, but never the last one of an assignment closed with a hire."""
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().get(pk=hire.assignment_id)
        if assignment.status == Status.CLOSED_HIRED and assignment.hires.count() <= 1:
            raise ValueError(_(
                "Uppdraget är avslutat med tillsättning. Byt status innan den sista tillsättningen tas bort."
            ))
        services.hire_remove(hire=hire)
