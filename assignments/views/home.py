from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from recruitment.roles import CONSULTANT, COORDINATOR, MANAGER, has_role


@login_required
def home(request):
    """Send each role to where its work starts: a manager to the dashboard, a consultant to
    "Mina uppdrag", a coordinator (and anyone else) to the register."""
    user = request.user
    if has_role(user, COORDINATOR):
        return redirect("assignments:list")
    if has_role(user, MANAGER):
        return redirect("reporting:dashboard")
    if has_role(user, CONSULTANT) and hasattr(user, "consultant"):
        return redirect("assignments:mine")
    return redirect("assignments:list")
