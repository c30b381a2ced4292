"""Writes of the follow-up app: the contact log, account managers, After Action Reviews and their actions."""
from __future__ import annotations

import datetime as dt

from django.db import transaction

from assignments.models import Assignment, Organisation, Project

from .models import AarAction, AccountManager, AfterActionReview, CustomerContact


@transaction.atomic
def customer_contact_save(*, form, organisation: Organisation, by) -> CustomerContact:
    """Save a validated CustomerContactForm for `organisation` (new or changed), with its participants."""
    entry = form.save(commit=False)
    entry.organisation = organisation
    if entry.pk is None:
        entry.created_by = by
    entry.save()
    form.save_m2m()
    return entry


@transaction.atomic
def account_managers_set(*, organisation: Organisation, consultants) -> None:
    """Make exactly `consultants` the organisation's account managers (kundansvariga)."""
    wanted = {c.pk for c in consultants}
    current = AccountManager.objects.select_for_update().filter(organisation=organisation)
    have = {row.consultant_id for row in current}
    for row in current:
        if row.consultant_id not in wanted:
            row.delete()
    for pk in sorted(wanted - have):
        AccountManager.objects.create(organisation=organisation, consultant_id=pk)


@transaction.atomic
def aar_save(*, form, formset, by, assignment: Assignment | None = None,
             project: Project | None = None) -> AfterActionReview:
    """Save a validated AAR form and its action formset; a new review belongs to `assignment` or `project`."""
    review = form.save(commit=False)
    if review.pk is None:
        if (assignment is None) == (project is None):
            raise ValueError("an AAR belongs to exactly one assignment or one project")
        review.assignment, review.project, review.created_by = assignment, project, by
    review.save()
    form.save_m2m()
    formset.instance = review
    formset.save()
    return review


@transaction.atomic
def aar_action_complete(*, action: AarAction, on: dt.date) -> bool:
    """Mark an action done on `on`; False (and nothing changed) when it was already done."""
    locked = AarAction.objects.select_for_update().get(pk=action.pk)
    if locked.done_on is not None:
        return False
    locked.done_on = on
    locked.save(update_fields=["done_on"])
    action.done_on = on
    return True
