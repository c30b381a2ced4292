"""A single customer or six-month answer, read-only, for the staff who follow the assignment up."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from assignments.access import can_edit_assignment
from recruitment.roles import COORDINATOR, MANAGER, has_role

from ..selectors import dispatch as selectors


def may_read_response(user, response) -> bool:
    """Coordinators and managers read every answer; consultants those of assignments they work on."""
    if has_role(user, COORDINATOR, MANAGER):
        return True
    return response.assignment is not None and can_edit_assignment(user, response.assignment)


@login_required
def response_detail(request, pk: int):
    response = selectors.readable_response(pk=pk)
    if response is None:
        raise Http404
    if not may_read_response(request.user, response):
        raise PermissionDenied
    return render(request, "surveys/response_detail.html", {
        "response": response, "rows": selectors.response_rows(response),
    })
