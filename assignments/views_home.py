from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from .roles import CONSULTANT, has_role


@login_required
def home(request):
    """Send each role to where its work starts."""
    if has_role(request.user, CONSULTANT) and hasattr(request.user, "consultant"):
        return redirect("assignments:mine")
    return redirect("assignments:list")
