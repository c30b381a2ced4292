"""A volume project's plan in the browser: laid, moved and followed, with history and exceptions."""
import datetime as dt

import pytest
from django.urls import reverse

from assignments.models import Package, Project
from recruitment.roles import user_consultant
from tests.factories import AssignmentFactory, OrganisationFactory
from timeline.models import Plan, PlanChange, ProjectPlan
from timeline.services import plan_step_move

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def project(consultant_user):
    organisation = OrganisationFactory(name="Kungsholmens stadsdelsförvaltning")
    project = Project.objects.create(name="Sommarvikarier 2026", organisation=organisation,
                                     lead=user_consultant(consultant_user))
    for i in range(3):
        AssignmentFactory(reference=f"2026-010{i}", project=project, organisation=organisation,
                          package=Package.objects.get(code="LILLA"))
    return project


def url(project):
    return reverse("timeline:project_plan", args=[project.pk])


def dates(assignment):
    return {s.step: s.planned_on for s in Plan.objects.get(assignment=assignment).steps.all()}


def lay(client, project):
    response = client.post(url(project), {"action": "lay", "lay-package": Package.objects.get(code="LILLA").pk,
                                          "lay-start_on": "2026-01-12"})
    assert response.status_code == 302, response.content.decode()[-3000:]
    return ProjectPlan.objects.get(project=project)


def test_a_coordinator_lays_the_plan_from_the_projects_page_and_the_assignments_follow(client, coordinator, project):
    client.force_login(coordinator)
    page = client.get(reverse("reference:project_detail", args=[project.pk])).content.decode()
    assert "Projektets tidplan" in page and "Lägg en tidplan för projektet" in page and url(project) in page
    project_plan = lay(client, project)
    expected = {s.step: s.planned_on for s in project_plan.steps.all()}
    assert all(dates(a) == expected for a in project.assignments.all())
    page = client.get(reverse("reference:project_detail", args=[project.pk])).content.decode()
    assert "Visa och ändra projektets tidplan" in page and "Uppstartsmöte 2026-" in page
    page = client.get(url(project)).content.decode()
    assert page.count("Följer projektets plan") >= 3
    # a second plan is refused in Swedish
    response = client.post(url(project), {"action": "lay", "lay-package": Package.objects.get(code="LILLA").pk,
                                          "lay-start_on": "2026-02-02"})
    assert response.status_code == 400 and "Projektet har redan en tidplan" in response.content.decode()


def test_moving_a_projects_step_moves_the_followers_keeps_exceptions_and_history(client, coordinator, project):
    client.force_login(coordinator)
    project_plan = lay(client, project)
    one, two, three = project.assignments.order_by("reference")
    plan_step_move(plan_step=Plan.objects.get(assignment=one).steps.get(step="selection"), new_date=D(2026, 3, 20),
                   by=coordinator, reason="Chefen på semester")
    old = project_plan.steps.get(step="selection").planned_on
    response = client.post(url(project), {"action": "move", "move-step": "selection",
                                          "move-new_date": "2026-03-09", "move-reason": "Projektets urvalsvecka"})
    assert response.status_code == 302
    assert dates(one)["selection"] == D(2026, 3, 20)
    assert dates(two)["selection"] == dates(three)["selection"] == D(2026, 3, 9)
    change = PlanChange.objects.get(plan_step__plan__assignment=two)
    assert (change.old_date, change.new_date, change.reason, change.changed_by) == (
        old, D(2026, 3, 9), "Projektets urvalsvecka", coordinator)
    page = client.get(url(project)).content.decode()
    assert "Ändringar av projektets plan" in page and "Projektets urvalsvecka" in page
    assert old.isoformat() in page and "Kim Koordinator" in page
    assert "Följer projektets plan, 1 moment flyttat" in page

    # the exception follows the project again: its date moves back, with history
    response = client.post(url(project), {"action": "follow", "reference": one.reference})
    assert response.status_code == 302
    assert dates(one)["selection"] == D(2026, 3, 9)
    assert not Plan.objects.get(assignment=one).steps.filter(follows_project=False).exists()
    assert PlanChange.objects.filter(plan_step__plan__assignment=one, reason="Följer volymprojektets plan").exists()


def test_assignments_added_later_or_with_a_plan_of_their_own_join_the_project(client, coordinator, project):
    from timeline.services import plan_lay

    client.force_login(coordinator)
    own = AssignmentFactory(reference="2026-0200", project=project, package=Package.objects.get(code="LILLA"))
    plan_lay(assignment=own, start_on=D(2025, 12, 1))
    project_plan = lay(client, project)
    later = AssignmentFactory(reference="2026-0201", project=project, package=Package.objects.get(code="LILLA"))
    page = client.get(url(project)).content.decode()
    assert "Egen tidplan" in page and "Ingen tidplan" in page
    assert client.post(url(project), {"action": "follow_new"}).status_code == 302
    assert Plan.objects.get(assignment=later).project_plan == project_plan
    assert Plan.objects.get(assignment=own).project_plan is None
    assert client.post(url(project), {"action": "follow", "reference": own.reference}).status_code == 302
    expected = {s.step: s.planned_on for s in project_plan.steps.all()}
    assert dates(own) == expected and Plan.objects.get(assignment=own).project_plan == project_plan
    # an assignment of another project cannot be pulled in
    stranger = AssignmentFactory(reference="2026-0300", package=Package.objects.get(code="LILLA"))
    plan_lay(assignment=stranger, start_on=D(2026, 1, 12))
    assert client.post(url(project), {"action": "follow", "reference": stranger.reference}).status_code == 404


def test_bad_input_is_refused_in_swedish_and_changes_nothing(client, coordinator, project):
    client.force_login(coordinator)
    response = client.post(url(project), {"action": "lay", "lay-package": "", "lay-start_on": "2026-13-01"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Detta fält måste fyllas i." in page and "Fyll i ett giltigt datum." in page
    assert not ProjectPlan.objects.exists()
    lay(client, project)
    response = client.post(url(project), {"action": "move", "move-step": "selection", "move-new_date": "igår",
                                          "move-reason": ""})
    assert response.status_code == 400 and "Fyll i ett giltigt datum." in response.content.decode()
    assert not PlanChange.objects.exists()


def test_managers_read_the_lead_consultant_edits_other_consultants_only_read(client, manager, consultant_user,
                                                                              project):
    from tests.factories import ConsultantFactory, UserFactory

    client.force_login(manager)
    page = client.get(url(project)).content.decode()
    assert "Projektet har ingen gemensam tidplan än." in page and 'name="action"' not in page
    assert client.post(url(project), {"action": "follow_new"}).status_code == 403
    other = UserFactory(username="annan", roles=["consultant"])
    ConsultantFactory(user=other, name="Annan Konsult", email="annan@rekrytering.example.se")
    client.force_login(other)
    assert client.get(url(project)).status_code == 200
    assert client.post(url(project), {"action": "follow_new"}).status_code == 403
    client.force_login(consultant_user)  # the project's lead
    lay(client, project)
    assert client.get(reverse("timeline:project_plan", args=[999999])).status_code == 404


@pytest.mark.parametrize("size", [3, 12])
def test_the_pages_keep_their_query_counts(client, coordinator, project, django_assert_num_queries, size):
    client.force_login(coordinator)
    lay(client, project)
    for _ in range(size - 3):
        AssignmentFactory(project=project, package=Package.objects.get(code="LILLA"))
    client.post(url(project), {"action": "follow_new"})
    client.post(url(project), {"action": "move", "move-step": "selection", "move-new_date": "2026-03-09",
                               "move-reason": "Urvalsvecka"})
    client.get(url(project))
    # session, user, roles, project, plan, its steps, count, assignments page, history
    with django_assert_num_queries(9):
        assert client.get(url(project)).status_code == 200
    # session, user, roles, project, count, totals, the panel's plan and steps, assignments page, followup's reviews
    with django_assert_num_queries(10):
        assert client.get(reverse("reference:project_detail", args=[project.pk])).status_code == 200
