"""Volume projects: one plan per project that its assignments follow, with per-assignment exceptions.

A step moved on one assignment (`plan_step_move`) stops following the project; moving the project's
step moves it on every assignment that still follows, each change kept in that assignment's history.
"""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from assignments.models import Package, Project

from .models import Plan, PlanStep, ProjectPlan, ProjectPlanStep
from .services import Standards, _move, standard_dates
from .workdays import calendar_load


@transaction.atomic
def project_plan_lay(*, project: Project, package: Package, start_on: dt.date, by=None) -> ProjectPlan:
    """Lay the project's plan from `package`'s standard timeline and give every assignment of the project
    that has no plan of its own a plan that follows it."""
    standard = Standards().for_package(package.pk, start_on.year)
    if standard is None:
        raise ValidationError(_("Paketet %(package)s har ingen standardtidplan.") % {"package": package.name})
    if ProjectPlan.objects.filter(project=project).exists():
        raise ValidationError(_("Projektet har redan en tidplan: flytta dess moment i stället."))
    project_plan = ProjectPlan.objects.create(project=project, package=package, start_on=start_on, created_by=by)
    laid = standard_dates(standard=standard, start_on=start_on, calendar=calendar_load())
    ProjectPlanStep.objects.bulk_create(
        ProjectPlanStep(project_plan=project_plan, step=step, position=position, planned_on=day)
        for step, position, day in laid)
    project_plan_follow(project_plan=project_plan)
    return project_plan


def project_plan_follow(*, project_plan: ProjectPlan) -> int:
    """Plans for the project's assignments that have none (e.g. added after the plan was laid)."""
    steps = list(project_plan.steps.all())
    assignments = project_plan.project.assignments.filter(plan__isnull=True)
    plans = Plan.objects.bulk_create(
        Plan(assignment=a, start_on=project_plan.start_on, project_plan=project_plan, created_by=None)
        for a in assignments)
    PlanStep.objects.bulk_create(
        PlanStep(plan=plan, step=s.step, position=s.position, planned_on=s.planned_on) for plan in plans for s in steps)
    return len(plans)


@transaction.atomic
def project_step_move(*, project_step: ProjectPlanStep, new_date: dt.date, by=None, reason: str = "") -> int:
    """Move a project's step; every assignment still following the project moves with it. Returns how many."""
    project_step = ProjectPlanStep.objects.select_for_update().get(pk=project_step.pk)
    project_step.planned_on = new_date
    project_step._history_user = by
    project_step.save(update_fields=["planned_on"])
    following = PlanStep.objects.filter(plan__project_plan_id=project_step.project_plan_id, step=project_step.step,
                                        follows_project=True).exclude(planned_on=new_date)
    moved = 0
    for plan_step in following.select_for_update():
        _move(plan_step, new_date, by=by, reason=reason)
        moved += 1
    return moved
