"""Timeline pages: an assignment's plan, the late and soon-due steps, the standard timelines."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from assignments.access import can_edit_assignment
from assignments.models import Assignment
from assignments.services import today
from recruitment.roles import (
    CONSULTANT,
    COORDINATOR,
    MANAGER,
    RoleRequiredMixin,
    has_role,
    user_consultant,
)

from . import services
from .chart import plan_chart
from .feeds import calendar_feed_ics, calendar_feed_live, calendar_feed_renew, calendar_feed_revoke
from .forms import (
    LateFilterForm,
    PlanLayForm,
    StandardNewYearForm,
    StandardStepsForm,
    StepCauseForm,
    StepMoveForm,
    StepTickForm,
)
from .late import late_step_cells, late_step_rows, late_step_views, late_steps_summary
from .models import CalendarFeed, Plan, PlanChange, StandardTimeline
from .selectors import plan_step_views
from .steps import LATE_STATES
from .workdays import calendar_load


class PlanView(RoleRequiredMixin, TemplateView):
    """Lay, adjust and tick an assignment's plan; give causes of delay. Those who may edit the assignment."""

    allowed_roles = (COORDINATOR, CONSULTANT)  # and then only on an assignment they may edit
    template_name = "timeline/plan.html"

    def _assignment(self) -> Assignment:
        assignment = get_object_or_404(Assignment.objects.select_related("package"),
                                       reference=self.kwargs["reference"])
        if not can_edit_assignment(self.request.user, assignment):
            raise PermissionDenied
        return assignment

    def get_context_data(self, forms=None, **kwargs):
        context = super().get_context_data(**kwargs)
        assignment = self.assignment
        plan = Plan.objects.filter(assignment=assignment).first()
        day = today()
        views = plan_step_views(assignment, on=day) if plan else []
        steps = [v.plan_step for v in views]
        late = [v.plan_step for v in views if v.state in LATE_STATES]
        forms = forms or {}
        context.update(
            assignment=assignment, plan=plan, views=views, today=day,
            chart=plan_chart(views, start_on=plan.start_on, today=day) if plan else None,
            lay_form=forms.get("lay") or PlanLayForm(initial={"start_on": day}),
            move_form=forms.get("move") or StepMoveForm(steps=steps, prefix="move"),
            tick_form=forms.get("tick") or StepTickForm(steps=steps, prefix="tick", initial={"done_on": day}),
            cause_form=forms.get("cause") or (StepCauseForm(steps=late, prefix="cause") if late else None),
            changes=PlanChange.objects.filter(plan_step__plan=plan).select_related("plan_step", "changed_by")
            if plan else [],
        )
        return context

    def get(self, request, *args, **kwargs):
        self.assignment = self._assignment()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.assignment = assignment = self._assignment()
        action = request.POST.get("action")
        plan = Plan.objects.filter(assignment=assignment).first()
        steps = {s.step: s for s in plan.steps.all()} if plan else {}
        try:
            if action == "lay":
                form = PlanLayForm(request.POST)
                if form.is_valid():
                    services.plan_lay(assignment=assignment, start_on=form.cleaned_data["start_on"],
                                      by=request.user, reason=form.cleaned_data["reason"])
                    messages.success(request, _("Tidplanen är lagd."))
                    return redirect("timeline:plan", assignment.reference)
            elif action == "move" and plan:
                form = StepMoveForm(request.POST, steps=steps.values(), prefix="move")
                if form.is_valid():
                    data = form.cleaned_data
                    services.plan_step_move(plan_step=steps[data["step"]], new_date=data["new_date"],
                                            by=request.user, reason=data["reason"],
                                            shift_following=data["shift_following"])
                    messages.success(request, _("Datumet är ändrat."))
                    return redirect("timeline:plan", assignment.reference)
            elif action == "tick" and plan:
                form = StepTickForm(request.POST, steps=steps.values(), prefix="tick")
                if form.is_valid():
                    data = form.cleaned_data
                    services.plan_step_tick(plan_step=steps[data["step"]], done_on=data["done_on"],
                                            cause=data["cause"], cause_text=data["cause_text"], by=request.user)
                    messages.success(request, _("Momentet är markerat som klart."))
                    return redirect("timeline:plan", assignment.reference)
            elif action == "cause" and plan:
                form = StepCauseForm(request.POST, steps=steps.values(), prefix="cause")
                if form.is_valid():
                    data = form.cleaned_data
                    services.plan_step_cause_set(plan_step=steps[data["step"]], cause=data["cause"],
                                                 cause_text=data["cause_text"], by=request.user)
                    messages.success(request, _("Orsaken är sparad."))
                    return redirect("timeline:plan", assignment.reference)
            else:
                return redirect("timeline:plan", assignment.reference)
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
            for field, field_errors in errors.items():
                for message in field_errors:
                    form.add_error(field if field in form.fields else None, message)
        return self.render_to_response(self.get_context_data(forms={action: form}), status=400)


class LateStepsView(RoleRequiredMixin, TemplateView):
    """Late (and soon-due) steps across the department or a unit, with their causes. Managers, coordinators."""

    allowed_roles = (MANAGER, COORDINATOR)
    template_name = "timeline/late.html"
    shown = 50  # per page, the most delayed first; the causes count every row

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = LateFilterForm(self.request.GET or None)
        data = form.cleaned_data if form.is_valid() else {}
        consultant, unit = data.get("consultant"), data.get("unit")
        day, calendar = today(), calendar_load()
        rows = late_step_rows(on=day, calendar=calendar, consultant_email=consultant.email if consultant else None,
                              unit_id=unit.pk if unit else None, soon=bool(data.get("soon")))
        by_cause, by_consultant = late_steps_summary(rows, on=day, calendar=calendar)
        page = Paginator(rows, self.shown).get_page(self.request.GET.get("page"))  # plain rows: no second query
        query = self.request.GET.copy()
        query.pop("page", None)
        views = late_step_views(page.object_list, on=day, calendar=calendar)
        context.update(form=form, views=views, cells=late_step_cells(views), page=page,
                       page_query=query.urlencode(), total=len(rows), shown=self.shown, today=day,
                       by_cause=by_cause, by_consultant=by_consultant)
        return context


class StandardListView(RoleRequiredMixin, TemplateView):
    template_name = "timeline/standards.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        timelines = StandardTimeline.objects.select_related("package").prefetch_related("steps")
        context.update(timelines=timelines, can_edit=has_role(self.request.user, COORDINATOR))
        return context


class StandardEditView(RoleRequiredMixin, TemplateView):
    """Coordinators keep the standard timelines: days per step, and a new year's version."""

    allowed_roles = (COORDINATOR,)
    template_name = "timeline/standard_edit.html"

    def get_context_data(self, form=None, year_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        timeline = self.timeline
        context.update(timeline=timeline, form=form or StandardStepsForm(timeline=timeline),
                       year_form=year_form or StandardNewYearForm(prefix="year"))
        return context

    def dispatch(self, request, *args, **kwargs):
        self.timeline = get_object_or_404(StandardTimeline.objects.select_related("package"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if "year-year" in request.POST:
            year_form = StandardNewYearForm(request.POST, prefix="year")
            if year_form.is_valid():
                try:
                    new = services.standard_copy_to_year(timeline=self.timeline,
                                                         year=year_form.cleaned_data["year"])
                except ValidationError as error:
                    year_form.add_error("year", error.message_dict["year"][0])
                else:
                    messages.success(request, _("En ny version är skapad."))
                    return redirect("timeline:standard_edit", new.pk)
            return self.render_to_response(self.get_context_data(year_form=year_form), status=400)
        form = StandardStepsForm(request.POST, timeline=self.timeline)
        if form.is_valid():
            services.standard_steps_set(timeline=self.timeline, days=form.cleaned_data)
            messages.success(request, _("Standardtidplanen är sparad."))
            return redirect("timeline:standards")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class CalendarFeedView(View):
    """Public by design: the secret token is the key. Revoked or unknown tokens answer 404."""

    def get(self, request, token: str):
        feed = calendar_feed_live(token=token)
        if feed is None:
            raise Http404
        response = HttpResponse(calendar_feed_ics(consultant=feed.consultant, on=today()),
                                content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="tidplan.ics"'
        response["Cache-Control"] = "private, no-store"
        return response


class CalendarSettingsView(RoleRequiredMixin, TemplateView):
    """A consultant creates, renews or revokes the secret URL of their calendar feed."""

    allowed_roles = (CONSULTANT,)
    template_name = "timeline/calendar.html"

    def _consultant(self):
        consultant = user_consultant(self.request.user)
        if consultant is None:
            raise PermissionDenied
        return consultant

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["feed"] = CalendarFeed.objects.filter(consultant=self._consultant(), revoked_at__isnull=True).first()
        return context

    def post(self, request, *args, **kwargs):
        consultant = self._consultant()
        if request.POST.get("action") == "revoke":
            calendar_feed_revoke(consultant=consultant)
            messages.success(request, _("Kalenderadressen är återkallad och fungerar inte längre."))
            return redirect("timeline:calendar")
        token = calendar_feed_renew(consultant=consultant)
        # Shown in this answer only: the database keeps the token's hash, so the address cannot be shown again.
        response = self.render_to_response(self.get_context_data(
            new_feed_url=request.build_absolute_uri(reverse("timeline_feed", args=[token]))))
        response["Cache-Control"] = "private, no-store"
        return response
