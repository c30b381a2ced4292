"""Template tags of the surveys app."""
from django import template

from ..dispatch_selectors import assignment_invitations as _assignment_invitations

register = template.Library()


@register.inclusion_tag("surveys/_assignment_invitations.html")
def assignment_invitations(assignment):
    """An assignment's invitations and their states: `{% assignment_invitations assignment %}`."""
    return {"assignment": assignment, "invitations": _assignment_invitations(assignment=assignment)}
