"""Template tags of the surveys app."""
from django import template

from assignments.access import can_edit_assignment
from recruitment.roles import COORDINATOR, MANAGER, has_role

from ..models import LowScoreFlag
from ..selectors.dispatch import assignment_invitations as _assignment_invitations
from ..selectors.dispatch import candidate_round

register = template.Library()


@register.inclusion_tag("surveys/_assignment_invitations.html")
def assignment_invitations(assignment):
    """An assignment's invitations and their states: `{% assignment_invitations assignment %}`."""
    invitations = _assignment_invitations(assignment=assignment)
    return {"assignment": assignment, "invitations": invitations,
            "candidate_round": candidate_round(invitations=invitations)}


@register.inclusion_tag("surveys/_assignment_panel.html", takes_context=True)
def assignment_survey_panel(context, assignment):
    """The survey panel on an assignment's page: its invitations and open low-score flags.

    Coordinators and managers see every assignment's; consultants those they may edit.
    """
    user = context["request"].user
    staff = has_role(user, COORDINATOR, MANAGER)
    visible = staff or can_edit_assignment(user, assignment)
    invitations = _assignment_invitations(assignment=assignment) if visible else []
    return {
        "assignment": assignment,
        "visible": visible,
        "show_flags": staff,
        "invitations": invitations,
        "candidate_round": candidate_round(invitations=invitations) if visible else None,
        "flags": list(
            LowScoreFlag.objects.filter(assignment=assignment, followed_up_at__isnull=True).order_by("created_at")
        ) if staff else [],
    }
