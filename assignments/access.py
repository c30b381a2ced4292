"""Who may change an assignment: the register's rule on top of the project's roles."""
from __future__ import annotations

from recruitment.roles import CONSULTANT, COORDINATOR, has_role, user_consultant


def can_edit_assignment(user, assignment) -> bool:
    """Coordinators edit everything; consultants their own and those they co-work."""
    if has_role(user, COORDINATOR):
        return True
    if not has_role(user, CONSULTANT):
        return False
    consultant = user_consultant(user)
    if consultant is None:
        return False
    if assignment.lead_consultant_id == consultant.pk:
        return True
    return assignment.co_consultants.filter(pk=consultant.pk).exists()
