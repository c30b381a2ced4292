"""A volume project's plan: lay it, move its steps (the assignments that follow it move too), and see
which assignments follow it and which have exceptions of their own."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from assignments.models import Project
from recruitment.roles import ALL_ROLES, RoleRequiredMixin

from .forms import ProjectPlanLayForm, ProjectStepMoveForm
from .models import Plan, ProjectPlan
from .projects import (
    can_edit_project_plan,
    plan_project_follow,
    project_assignments,
    project_plan_follow,
    project_plan_history,
    project_plan_lay,
    project_step_move,
)


class ProjectPlanView(RoleRequiredMixin, TemplateView):
    """Every role reads a project's plan; coordinators and the project's lead consultant change it."""

    allowed_roles = ALL_ROLES
    template_name = "timeline/project_plan.html"
    per_page = 50

    def _load(self) -> None:  # after the role check (RoleRequiredMixin.dispatch): unknown projects are 404
        self.project = get_object_or_404(Project.objects.select_related("organisation", "lead"), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self._load()
        return super().get(request, *args, **kwargs)

    def _project_plan(self) -> ProjectPlan | None:
        return (ProjectPlan.objects.filter(project=self.project).select_related("package")
                .prefetch_related("steps").first())

    def get_context_data(self, forms=None, **kwargs):
        context = super().get_context_data(**kwargs)
        project_plan = self._project_plan()
        forms = forms or {}
        steps = list(project_plan.steps.all()) if project_plan else []
        page = Paginator(project_assignments(self.project), self.per_page).get_page(self.request.GET.get("page"))
        context.update(
            project=self.project, project_plan=project_plan, steps=steps, assignments_page=page,
            can_edit=can_edit_project_plan(self.request.user, self.project),
            lay_form=forms.get("lay") or ProjectPlanLayForm(prefix="lay"),
            move_form=forms.get("move") or ProjectStepMoveForm(steps=steps, prefix="move"),
            history=project_plan_history(project_plan) if project_plan else [],
        )
        return context

    def post(self, request, *args, **kwargs):
        self._load()
        if not can_edit_project_plan(request.user, self.project):
            raise PermissionDenied
        action = request.POST.get("action")
        project_plan = self._project_plan()
        form = None
        try:
            if action == "lay":
                form = ProjectPlanLayForm(request.POST, prefix="lay")
                if form.is_valid():
                    project_plan_lay(project=self.project, package=form.cleaned_data["package"],
                                     start_on=form.cleaned_data["start_on"], by=request.user)
                    messages.success(request, _("Projektets tidplan är lagd; uppdragen utan egen plan följer den."))
                    return redirect("timeline:project_plan", self.project.pk)
            elif action == "move" and project_plan:
                steps = {s.step: s for s in project_plan.steps.all()}
                form = ProjectStepMoveForm(request.POST, steps=steps.values(), prefix="move")
                if form.is_valid():
                    data = form.cleaned_data
                    moved = project_step_move(project_step=steps[data["step"]], new_date=data["new_date"],
                                              by=request.user, reason=data["reason"])
                    messages.success(request, _(
                        "Datumet är ändrat i projektets plan och i %(n)d uppdrag som följer den.") % {"n": moved})
                    return redirect("timeline:project_plan", self.project.pk)
            elif action == "follow_new" and project_plan:
                made = project_plan_follow(project_plan=project_plan)
                messages.success(request, _("%(n)d uppdrag fick en plan som följer projektets.") % {"n": made})
                return redirect("timeline:project_plan", self.project.pk)
            elif action == "follow" and project_plan:
                plan = get_object_or_404(Plan.objects.select_related("assignment"),
                                         assignment__reference=request.POST.get("reference", ""),
                                         assignment__project=self.project)
                plan_project_follow(plan=plan, project_plan=project_plan, by=request.user)
                messages.success(request, _("%(ref)s följer nu projektets plan.") % {"ref": plan.assignment.reference})
                return redirect("timeline:project_plan", self.project.pk)
            else:
                return redirect("timeline:project_plan", self.project.pk)
        except ValidationError as error:
            if form is None:
                for message in error.messages:
                    messages.error(request, message)
                return redirect("timeline:project_plan", self.project.pk)
            errors = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
            for field, field_errors in errors.items():
                for message in field_errors:
                    form.add_error(field if field in form.fields else None, message)
        return self.render_to_response(self.get_context_data(forms={action: form}), status=400)
