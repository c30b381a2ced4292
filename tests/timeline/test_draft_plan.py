"""An assignment registered by hand gets its plan as a draft at once (issue 13: "at the start meeting (or when
the assignment is registered, as a draft)"): the standard timeline laid from the order date, marked as derived,
until the consultant lays it at the start meeting."""
import datetime as dt

import pytest
from django.urls import reverse

from assignments.models import Assignment
from tests.assignments.test_views_edit import form_data
from tests.factories import package
from timeline.models import Plan
from timeline.services import plan_lay

pytestmark = pytest.mark.django_db


def test_registering_by_hand_lays_a_draft_plan_from_the_order_date(client, coordinator, consultant_user):
    client.force_login(coordinator)
    client.post(reverse("assignments:create"), form_data(lead_consultant=consultant_user.consultant.pk,
                                                         package=package("STORA").pk, ordered_on="2026-02-03"))
    plan = Plan.objects.get(assignment=Assignment.objects.get())
    assert plan.derived and plan.start_on == dt.date(2026, 2, 3)
    steps = list(plan.steps.order_by("position").values_list("planned_on", flat=True))
    assert steps and steps == sorted(steps) and steps[0] >= dt.date(2026, 2, 3)
    page = client.get(reverse("assignments:detail", args=[plan.assignment.reference])).content.decode()
    assert "härledd från standardtidplanen" in page


def test_laying_the_plan_at_the_start_meeting_replaces_the_draft(client, coordinator, consultant_user):
    client.force_login(coordinator)
    client.post(reverse("assignments:create"), form_data(lead_consultant=consultant_user.consultant.pk,
                                                         package=package("STORA").pk, ordered_on="2026-02-03"))
    assignment = Assignment.objects.get()
    plan = plan_lay(assignment=assignment, start_on=dt.date(2026, 2, 16), by=coordinator)
    assert not plan.derived and plan.start_on == dt.date(2026, 2, 16)
    assert Plan.objects.filter(assignment=assignment).count() == 1


def test_a_package_without_a_standard_timeline_gets_no_draft(client, coordinator, consultant_user):
    client.force_login(coordinator)
    client.post(reverse("assignments:create"), form_data(lead_consultant=consultant_user.consultant.pk,
                                                         package=package("OVRIG").pk))
    assert not Plan.objects.exists()
