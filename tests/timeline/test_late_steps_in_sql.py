"""The late-steps list worked out in the database agrees with each plan's own step states, and pages."""
import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from assignments.models import Unit
from tests.factories import AssignmentFactory, ConsultantFactory
from timeline.late import late_steps
from timeline.selectors import plan_step_views
from timeline.services import plan_lay, plan_step_tick
from timeline.steps import State

from .helpers import status_change

pytestmark = pytest.mark.django_db
D = dt.date


def test_the_database_filter_agrees_with_each_plans_states():
    plain, moved, ticked, closed = (AssignmentFactory() for _ in range(4))
    for assignment in (plain, moved, ticked, closed):
        plan_lay(assignment=assignment, start_on=D(2025, 3, 3))
    status_change(moved, "selection", D(2025, 3, 28))  # passes the steps before selection
    plan_step_tick(plan_step=ticked.plan.steps.get(step="start_meeting"), done_on=D(2025, 3, 10))
    status_change(closed, "closed_hired", D(2025, 4, 2))
    closed.closed_on = D(2025, 4, 2)
    closed.save(update_fields=["closed_on"])
    # a Saturday, a Sunday, a Monday, and days around the status changes and Easter
    for on in (D(2025, 3, 15), D(2025, 3, 16), D(2025, 3, 17), D(2025, 3, 27), D(2025, 3, 28), D(2025, 4, 1),
               D(2025, 4, 18), D(2025, 4, 22), D(2025, 6, 16)):
        for soon in (False, True):
            wanted = (State.LATE, State.DUE_SOON) if soon else (State.LATE,)
            expected = sorted((a.reference, v.plan_step.step, v.state, v.days_late)
                              for a in (plain, moved, ticked, closed)
                              for v in plan_step_views(a, on=on) if v.state in wanted)
            got = sorted((v.row.reference, v.row.step, v.state, v.days_late)
                         for v in late_steps(on=on, soon=soon))
            assert got == expected, (on, soon)


@time_machine.travel(dt.datetime(2025, 6, 16, 10, 0), tick=False)
def test_the_late_steps_view_pages_the_rest(client, manager, monkeypatch):
    from timeline.views import LateStepsView

    monkeypatch.setattr(LateStepsView, "shown", 5)
    plan_lay(assignment=AssignmentFactory(), start_on=D(2025, 3, 3))
    client.force_login(manager)
    first = client.get(reverse("timeline:late"), {"soon": "on"})
    assert 'page=2">Nästa</a>' in first.content.decode()
    second = client.get(reverse("timeline:late"), {"soon": "on", "page": 2})
    assert second.context["total"] == 9 and len(second.context["views"]) == 4
    assert "soon=on&amp;page=1" in second.content.decode()
    shown = [v.row.step for v in first.context["views"]] + [v.row.step for v in second.context["views"]]
    assert len(set(shown)) == 9


def test_each_call_gets_its_own_consultant_unit_and_day():
    """The SQL is compiled once per shape: calls in turn must each read their own values."""
    anna = ConsultantFactory(email="anna@rekrytering.example.se")
    bo = ConsultantFactory(email="bo@rekrytering.example.se", unit=Unit.objects.get(name="Enhet 2"))
    annas, bos = AssignmentFactory(lead_consultant=anna), AssignmentFactory(lead_consultant=bo)
    bos.co_consultants.add(anna)
    plan_lay(assignment=annas, start_on=D(2025, 3, 3))
    plan_lay(assignment=bos, start_on=D(2025, 4, 7))

    def refs(**kwargs):
        return {v.row.reference for v in late_steps(**kwargs)}

    both = {annas.reference, bos.reference}

    for _ in range(2):
        assert refs(on=D(2025, 3, 12), consultant_email="anna@rekrytering.example.se") == {annas.reference}
        assert refs(on=D(2025, 4, 16), consultant_email="anna@rekrytering.example.se") == both
        assert refs(on=D(2025, 4, 16), consultant_email="bo@rekrytering.example.se") == {bos.reference}
        assert refs(on=D(2025, 3, 12), consultant_email="bo@rekrytering.example.se") == set()
        assert refs(on=D(2025, 4, 16), unit_id=anna.unit_id) == {annas.reference}
        assert refs(on=D(2025, 4, 16), unit_id=bo.unit_id, soon=True) == {bos.reference}
