"""Volume projects: one plan that the project's assignments follow, with per-assignment exceptions."""
import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from assignments.models import Package, Project
from tests.factories import AssignmentFactory, OrganisationFactory, UserFactory
from timeline.models import Plan, PlanChange
from timeline.projects import project_plan_follow, project_plan_lay, project_step_move
from timeline.services import plan_step_move

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def project():
    organisation = OrganisationFactory(name="Kungsholmens stadsdelsförvaltning")
    project = Project.objects.create(name="Sommarvikarier 2026", organisation=organisation)
    for _ in range(3):
        AssignmentFactory(project=project, organisation=organisation, package=Package.objects.get(code="LILLA"))
    return project


def dates(assignment):
    return {s.step: s.planned_on for s in Plan.objects.get(assignment=assignment).steps.all()}


def test_the_projects_assignments_follow_its_plan(project):
    project_plan = project_plan_lay(project=project, package=Package.objects.get(code="LILLA"),
                                    start_on=D(2026, 1, 12))
    expected = {s.step: s.planned_on for s in project_plan.steps.all()}
    assert len(expected) == 6
    for assignment in project.assignments.all():
        assert dates(assignment) == expected


def test_moving_the_projects_step_moves_the_following_assignments_but_not_the_exceptions(project):
    user = UserFactory()
    project_plan = project_plan_lay(project=project, package=Package.objects.get(code="LILLA"),
                                    start_on=D(2026, 1, 12))
    one, two, three = project.assignments.order_by("pk")
    own = Plan.objects.get(assignment=one).steps.get(step="selection")
    plan_step_move(plan_step=own, new_date=D(2026, 3, 20), by=user, reason="Chefen på semester")
    moved = project_step_move(project_step=project_plan.steps.get(step="selection"), new_date=D(2026, 3, 9),
                              by=user, reason="Projektets urvalsvecka")
    assert moved == 2
    assert dates(one)["selection"] == D(2026, 3, 20)
    assert dates(two)["selection"] == dates(three)["selection"] == D(2026, 3, 9)
    assert PlanChange.objects.filter(reason="Projektets urvalsvecka", changed_by=user).count() == 2


def test_an_assignment_added_later_follows_and_one_project_plan_only(project):
    project_plan = project_plan_lay(project=project, package=Package.objects.get(code="LILLA"),
                                    start_on=D(2026, 1, 12))
    late_comer = AssignmentFactory(project=project, organisation=project.organisation)
    assert project_plan_follow(project_plan=project_plan) == 1
    assert Plan.objects.get(assignment=late_comer).project_plan == project_plan
    with pytest.raises(ValidationError):
        project_plan_lay(project=project, package=Package.objects.get(code="LILLA"), start_on=D(2026, 2, 2))
