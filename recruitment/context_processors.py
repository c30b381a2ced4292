from recruitment.roles import CONSULTANT, COORDINATOR, MANAGER, user_roles


def roles(request):
    current = user_roles(getattr(request, "user", None))
    return {
        "is_coordinator": COORDINATOR in current,
        "is_consultant": CONSULTANT in current,
        "is_manager": MANAGER in current,
    }
