"""Panels that followup adds to the register's pages and to the consultant's start page."""
from __future__ import annotations

import datetime as dt

from django import template
from django.urls import reverse
from django.utils.formats import number_format

from assignments.services import today
from recruitment.roles import has_role

from .. import access, selectors

register = template.Library()


@register.inclusion_tag("followup/_organisation_panel.html", takes_context=True)
def organisation_contacts_panel(context, organisation):
    """The organisation's account managers and contact log (four queries)."""
    user = context["request"].user
    log = selectors.organisation_contact_log(organisation=organisation)
    for entry in log:
        entry.can_edit = access.can_edit_contact_entry(user, entry)
    return {"organisation": organisation, "log": log,
            "account_managers": selectors.organisation_account_managers(organisation=organisation),
            "can_choose_managers": has_role(user, *access.STAFF)}


@register.inclusion_tag("followup/_aar_panel.html", takes_context=True)
def assignment_aar_panel(context, assignment):
    user = context["request"].user
    return {"reviews": selectors.reviews_of(assignment=assignment), "assignment": assignment,
            "required": selectors.aar_required(assignment),
            "create_url": reverse("followup:aar_create_assignment", args=[assignment.reference])
            if access.can_write_aar(user, assignment=assignment) else ""}


@register.inclusion_tag("followup/_aar_panel.html", takes_context=True)
def project_aar_panel(context, project):
    can_write = access.can_write_aar(context["request"].user, project=project)
    return {"reviews": selectors.reviews_of(project=project), "project": project,
            "create_url": reverse("followup:aar_create_project", args=[project.pk]) if can_write else ""}


@register.inclusion_tag("followup/_my_actions.html", takes_context=True)
def my_open_actions(context, consultant):
    """A consultant's open AAR actions on their start page (one query; nothing shown when there are none)."""
    actions = selectors.open_actions_of(consultant=consultant) if consultant is not None else []
    return {"actions": actions, "day": today(), "here": context["request"].get_full_path()}


@register.filter
def cell(value):
    """A list cell as people read it: ISO dates, Swedish numbers, a dash for nothing."""
    if value is None or value == "":
        return "–"
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, int) and not isinstance(value, bool):
        return number_format(value, force_grouping=True)
    return value
