"""Project-wide error pages that Django would otherwise show in English."""
from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A refused form (missing or stale CSRF token), explained in Swedish; the reason is not shown."""
    return render(request, "403_csrf.html", status=403)
