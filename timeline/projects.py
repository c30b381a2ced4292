"""Volume projects: one plan per project that its assignments follow, with per-assignment exceptions.

A step moved on one assignment (`plan_step_move`) stops following the project; moving the project's
step moves it on every assignment that still follows, each change kept in that assignment's history.
"""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from assignments.models import Assignment, Package, Project
from recruitment.roles import COORDINATOR, has_role, user_consultant

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
    bulk_create_with_history(  # the steps' first dates are in their history, the "from" of the first move
        [ProjectPlanStep(project_plan=project_plan, step=step, position=position, planned_on=day)
         for step, position, day in laid], ProjectPlanStep, default_user=by)
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
    project_step._change_reason = reason[:100]  # the project step's own history keeps why
    project_step.save(update_fields=["planned_on"])
    following = PlanStep.objects.filter(plan__project_plan_id=project_step.project_plan_id, step=project_step.step,
                                        follows_project=True).exclude(planned_on=new_date)
    moved = 0
    for plan_step in following.select_for_update():
        _move(plan_step, new_date, by=by, reason=reason)
        moved += 1
    return moved


@transaction.atomic
def plan_project_follow(*, plan: Plan, project_plan: ProjectPlan, by=None) -> int:
    """Make an assignment's plan follow its project's plan again (or for the first time, for a plan of its
    own laid before the project's): every step takes the project's date, each move kept in the history.
    Returns how many dates moved."""
    if plan.assignment.project_id != project_plan.project_id:
        raise ValidationError(_("Uppdraget hör inte till volymprojektet."))
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    plan.project_plan = project_plan
    plan.save(update_fields=["project_plan"])
    project_steps = {s.step: s for s in project_plan.steps.all()}
    reason = _("Följer volymprojektets plan")
    moved = 0
    for plan_step in plan.steps.select_for_update():
        project_step = project_steps.get(plan_step.step)
        if project_step is None:
            continue
        if plan_step.planned_on != project_step.planned_on:
            _move(plan_step, project_step.planned_on, by=by, reason=reason)
            moved += 1
        if not plan_step.follows_project:
            plan_step.follows_project = True
            plan_step.save(update_fields=["follows_project"])
    return moved


def can_edit_project_plan(user, project: Project) -> bool:
    """Coordinators, and the project's lead consultant."""
    if has_role(user, COORDINATOR):
        return True
    consultant = user_consultant(user)
    return consultant is not None and project.lead_id == consultant.pk


def project_assignments(project: Project) -> QuerySet[Assignment]:
    """The project's assignments with their plan: `follows` (the plan is the project's), `exceptions`
    (steps moved for that assignment alone)."""
    return (project.assignments.select_related("plan", "lead_consultant")
            .annotate(exceptions=Count("plan__steps", filter=Q(plan__steps__follows_project=False)))
            .order_by("reference"))


def project_plan_history(project_plan: ProjectPlan, limit: int = 50) -> list[dict]:
    """Moves of the project's steps, the latest first: {"when", "by", "step", "old", "new", "reason"}
    (the old date is the step's previous historical record; one query)."""
    records = (ProjectPlanStep.history.filter(project_plan_id=project_plan.pk).select_related("history_user")
               .order_by("history_date", "history_id"))
    last: dict[str, dt.date] = {}
    moves = []
    for record in records:
        if record.history_type == "~" and last.get(record.step) != record.planned_on:
            moves.append({"when": record.history_date, "by": record.history_user, "step": record.get_step_display(),
                          "old": last.get(record.step), "new": record.planned_on,
                          "reason": record.history_change_reason or ""})
        last[record.step] = record.planned_on
    return moves[::-1][:limit]
