"""`{% assignment_invoicing_panel assignment %}`: invoice states and details on an assignment's page."""
from django import template

from assignments.access import can_edit_assignment
from recruitment.roles import COORDINATOR, has_role

from ..models import OrganisationInvoicing
from ..selectors import assignment_invoicing

register = template.Library()


@register.inclusion_tag("billing/_assignment_panel.html", takes_context=True)
def assignment_invoicing_panel(context, assignment):
    return {"assignment": assignment, **assignment_invoicing(assignment),
            "can_edit": can_edit_assignment(context["request"].user, assignment)}


@register.inclusion_tag("billing/_organisation_panel.html", takes_context=True)
def organisation_invoicing_panel(context, organisation):
    return {"organisation": organisation,
            "invoicing": OrganisationInvoicing.objects.filter(organisation=organisation).first(),
            "can_edit": has_role(context["request"].user, COORDINATOR)}


@register.filter
def kr(value):
    """An amount as the money page, its PDF section and its workbook write it ('1 234,50 kr')."""
    from ..money import kr as written

    return written(value)
