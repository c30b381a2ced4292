"""The timeline pages: the plan on the assignment page, the plan form, the late-steps view, the standards."""
import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recruitment.roles import user_consultant
from tests.factories import AssignmentFactory
from timeline.models import Plan, PlanChange, StandardTimeline
from timeline.services import plan_lay

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def mine(consultant_user):
    return AssignmentFactory(reference="2025-0101", lead_consultant=user_consultant(consultant_user),
                             ordered_on=D(2025, 3, 3))


@time_machine.travel(dt.datetime(2025, 3, 12, 10, 0), tick=False)
def test_the_assignment_page_shows_the_chart_and_the_table(client, consultant_user, mine):
    plan_lay(assignment=mine, start_on=D(2025, 3, 3))
    client.force_login(consultant_user)
    page = client.get(reverse("assignments:detail", args=[mine.reference])).content.decode()
    assert '<svg class="page-chart timeline-chart"' in page
    assert "Uppstartsmöte" in page and "2025-03-10" in page
    assert "Försenat" in page and "Orsak saknas" in page
    assert reverse("timeline:plan", args=[mine.reference]) in page


def test_an_assignment_without_a_plan_says_so(client, coordinator):
    assignment = AssignmentFactory()
    client.force_login(coordinator)
    page = client.get(reverse("assignments:detail", args=[assignment.reference])).content.decode()
    assert "ingen tidplan" in page and "Lägg en tidplan" in page


@time_machine.travel(dt.datetime(2025, 3, 12, 10, 0), tick=False)
def test_the_consultant_lays_moves_and_explains_the_plan(client, consultant_user, mine):
    client.force_login(consultant_user)
    url = reverse("timeline:plan", args=[mine.reference])
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "lay", "start_on": "2025-03-03"})
    assert response.status_code == 302
    plan = Plan.objects.get(assignment=mine)
    response = client.post(url, {"action": "move", "move-step": "interviews", "move-new_date": "2025-04-24",
                                 "move-reason": "Chefens kalender"})
    assert response.status_code == 302
    change = PlanChange.objects.get()
    assert (change.new_date, change.changed_by) == (D(2025, 4, 24), consultant_user)
    # the start meeting (10/3) is late on 12/3: a cause is asked for, "other" needs a text
    response = client.post(url, {"action": "cause", "cause-step": "start_meeting", "cause-cause": "other"})
    assert response.status_code == 400 and "Beskriv orsaken" in response.content.decode()
    client.post(url, {"action": "cause", "cause-step": "start_meeting", "cause-cause": "customer_availability"})
    assert plan.steps.get(step="start_meeting").cause == "customer_availability"
    page = client.get(url).content.decode()
    assert "Chefens kalender" in page and "Kundens tillgänglighet" in page


@time_machine.travel(dt.datetime(2025, 4, 2, 10, 0), tick=False)
def test_ticking_late_without_a_cause_is_refused(client, consultant_user, mine):
    plan_lay(assignment=mine, start_on=D(2025, 3, 3))
    client.force_login(consultant_user)
    url = reverse("timeline:plan", args=[mine.reference])
    response = client.post(url, {"action": "tick", "tick-step": "application_deadline", "tick-done_on": "2025-04-01"})
    assert response.status_code == 400
    assert Plan.objects.get(assignment=mine).steps.get(step="application_deadline").done_on is None


def test_others_may_not_change_the_plan(client, other_consultant_user, manager, mine):
    url = reverse("timeline:plan", args=[mine.reference])
    for user in (other_consultant_user, manager):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"action": "lay", "start_on": "2025-03-03"}).status_code == 403
    assert not Plan.objects.exists()


def late_page_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("timeline:late"))
    assert response.status_code == 200
    return len(queries), response.content.decode()


@time_machine.travel(dt.datetime(2025, 6, 16, 10, 0), tick=False)
def test_the_late_steps_view_uses_a_fixed_number_of_queries(client, manager):
    client.force_login(manager)
    for _ in range(2):
        plan_lay(assignment=AssignmentFactory(), start_on=D(2025, 3, 3))
    few, page = late_page_queries(client)
    assert "Orsak saknas: 18" in page
    for _ in range(8):
        assignment = AssignmentFactory()
        assignment.co_consultants.add(AssignmentFactory().lead_consultant)
        plan_lay(assignment=assignment, start_on=D(2025, 3, 3))
    many, page = late_page_queries(client)
    assert many == few
    assert "Orsak saknas: 90" in page


@time_machine.travel(dt.datetime(2025, 3, 12, 10, 0), tick=False)
def test_the_late_steps_view_filters_by_unit_and_consultant(client, manager, mine):
    plan_lay(assignment=mine, start_on=D(2025, 3, 3))
    plan_lay(assignment=AssignmentFactory(reference="2025-0202"), start_on=D(2025, 3, 3))
    client.force_login(manager)
    page = client.get(reverse("timeline:late"), {"consultant": mine.lead_consultant_id}).content.decode()
    assert "2025-0101" in page and "2025-0202" not in page
    page = client.get(reverse("timeline:late"), {"soon": "on"}).content.decode()
    assert "snart" in page
    response = client.get(reverse("timeline:late"))
    assert (mine.lead_consultant.name, 1) in response.context["by_consultant"]


def test_consultants_do_not_see_the_late_steps_view(client, consultant_user):
    client.force_login(consultant_user)
    assert client.get(reverse("timeline:late")).status_code == 403


def test_coordinators_edit_standard_timelines(client, coordinator):
    stora = StandardTimeline.objects.get(package__code="STORA")
    client.force_login(coordinator)
    assert "Ändra Stora paketet 2016" in client.get(reverse("timeline:standards")).content.decode()
    url = reverse("timeline:standard_edit", args=[stora.pk])
    data = {s.step: s.days for s in stora.steps.all()} | {"tests": "", "interviews": "9"}
    assert client.post(url, data).status_code == 302
    assert {s.step: s.days for s in stora.steps.all()}.get("tests") is None
    assert stora.steps.get(step="interviews").days == 9
    response = client.post(url, {"year-year": "2026"})
    new = StandardTimeline.objects.get(package__code="STORA", year=2026)
    assert response["Location"] == reverse("timeline:standard_edit", args=[new.pk])
    assert new.steps.count() == 8
    assert client.post(url, {"year-year": "2026"}).status_code == 400


def test_only_coordinators_edit_standard_timelines(client, manager, consultant_user):
    stora = StandardTimeline.objects.get(package__code="STORA")
    for user in (manager, consultant_user):
        client.force_login(user)
        assert client.get(reverse("timeline:standards")).status_code == 200
        assert client.get(reverse("timeline:standard_edit", args=[stora.pk])).status_code == 403


@time_machine.travel(dt.datetime(2025, 3, 12, 10, 0), tick=False)
def test_my_assignments_shows_late_steps_first_then_the_week(client, consultant_user, mine):
    plan_lay(assignment=mine, start_on=D(2025, 3, 3))  # start meeting 10/3 late, ad 17/3 within the week
    client.force_login(consultant_user)
    page = client.get(reverse("assignments:mine")).content.decode()
    section = page[page.index('id="h-my-week"'):]
    assert section.index("Uppstartsmöte") < section.index("Annons publicerad")
    assert "Sista ansökningsdag" not in section  # 31/3 is beyond five working days
    assert "orsak saknas" in section


@time_machine.travel(dt.datetime(2025, 6, 16, 10, 0), tick=False)
def test_my_assignments_week_uses_a_fixed_number_of_queries(client, consultant_user):
    consultant = user_consultant(consultant_user)
    client.force_login(consultant_user)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("assignments:mine")).status_code == 200
        return len(queries)

    plan_lay(assignment=AssignmentFactory(lead_consultant=consultant, status="selection"), start_on=D(2025, 6, 2))
    few = count()
    for _ in range(4):
        plan_lay(assignment=AssignmentFactory(lead_consultant=consultant, status="selection"),
                 start_on=D(2025, 6, 2))
    assert count() == few


def test_the_plan_page_shows_changes_made_by_the_system(client, coordinator):
    assignment = AssignmentFactory()
    plan = plan_lay(assignment=assignment, start_on=D(2025, 3, 3))
    from timeline.services import plan_step_move

    plan_step_move(plan_step=plan.steps.get(step="closed"), new_date=D(2025, 6, 2), reason="Import")
    client.force_login(coordinator)
    page = client.get(reverse("timeline:plan", args=[assignment.reference])).content.decode()
    assert "Import" in page and "2025-06-02" in page


@time_machine.travel(dt.datetime(2025, 6, 16, 10, 0), tick=False)
def test_the_late_steps_view_shows_the_most_delayed_first_and_says_when_it_cuts(client, manager, monkeypatch):
    from timeline.views import LateStepsView

    monkeypatch.setattr(LateStepsView, "shown", 5)
    plan_lay(assignment=AssignmentFactory(), start_on=D(2025, 3, 3))
    client.force_login(manager)
    response = client.get(reverse("timeline:late"))
    views = response.context["views"]
    assert len(views) == 5 and response.context["total"] == 9
    assert views[0].row.step == "start_meeting"
    assert "de 5 mest försenade visas" in response.content.decode()
