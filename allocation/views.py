"""Allocation pages: capacity for the coming weeks, consultant profiles, and the proposal for an assignment."""
from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from assignments.models import WORKING_STATUSES, Assignment, Consultant
from assignments.services import EditConflict, today
from recruitment.roles import ALL_ROLES, COORDINATOR, MANAGER, RoleRequiredMixin

from . import services
from .capacity import default_share
from .display import capacity_display, hours
from .forms import AvailabilityForm, CapacityFilterForm, DecisionForm, GoalForm, ProfileForm, WishForm
from .models import AllocationDecision, AvailabilityPeriod, ConsultantProfile, DevelopmentGoal
from .ranking import consultants_ranked

ALLOCATORS = (COORDINATOR, MANAGER)


class CapacityView(RoleRequiredMixin, TemplateView):
    """Capacity, booked and free hours per consultant for the coming weeks (allocation is done in the open)."""

    allowed_roles = ALL_ROLES
    template_name = "allocation/capacity.html"

    def get_context_data(self, **kwargs):
        form = CapacityFilterForm(self.request.GET)
        unit = form.cleaned_data.get("unit") if form.is_valid() else None
        day = today()
        kwargs.update(form=form, unit=unit, today=day, share=hours(default_share() * 100),
                      **capacity_display(on=day, weeks=settings.ALLOCATION_WEEKS, unit_id=unit.pk if unit else None,
                                         chart_id="kapacitet"))
        return super().get_context_data(**kwargs)


class ProfileListView(RoleRequiredMixin, TemplateView):
    allowed_roles = ALLOCATORS
    template_name = "allocation/profile_list.html"

    def get_context_data(self, **kwargs):
        kwargs["consultants"] = (Consultant.objects.filter(active=True).select_related("allocation_profile", "unit")
                                 .order_by("name"))
        return super().get_context_data(**kwargs)


class ProfileView(RoleRequiredMixin, TemplateView):
    """A consultant's allocation profile, availability periods and development goals. One form per POST."""

    allowed_roles = ALLOCATORS
    template_name = "allocation/profile.html"

    def _consultant(self) -> Consultant:
        return get_object_or_404(Consultant, pk=self.kwargs["pk"])

    def get_context_data(self, forms=None, **kwargs):
        consultant = self.consultant
        profile = ConsultantProfile.objects.filter(consultant=consultant).first()
        forms = forms or {}
        kwargs.update(
            consultant=consultant, profile=profile,
            default_share=hours(default_share() * 100),
            profile_form=forms.get("profil") or ProfileForm(instance=profile, prefix="profil"),
            period_form=forms.get("period") or AvailabilityForm(prefix="period"),
            goal_form=forms.get("mal") or GoalForm(prefix="mal"),
            periods=list(profile.availability.all()) if profile else [],
            goals=list(profile.goals.all()) if profile else [],
        )
        return super().get_context_data(**kwargs)

    def get(self, request, *args, **kwargs):
        self.consultant = self._consultant()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.consultant = consultant = self._consultant()
        action = request.POST.get("action")
        user = request.user
        if action == "profil":
            profile = ConsultantProfile.objects.filter(consultant=consultant).first()
            form = ProfileForm(request.POST, instance=profile, prefix="profil")
            if form.is_valid():
                services.profile_update(consultant=consultant, data=form.cleaned_data, by=user)
                messages.success(request, _("Profilen är sparad."))
                return redirect(request.path)
            return self._invalid("profil", form)
        if action == "period":
            form = AvailabilityForm(request.POST, prefix="period")
            if form.is_valid():
                try:
                    services.availability_add(consultant=consultant, by=user, **form.cleaned_data)
                except ValidationError as error:
                    form.add_error(None, error)
                    return self._invalid("period", form)
                messages.success(request, _("Perioden är tillagd."))
                return redirect(request.path)
            return self._invalid("period", form)
        if action == "mal":
            form = GoalForm(request.POST, prefix="mal")
            if form.is_valid():
                services.goal_add(consultant=consultant, by=user, **form.cleaned_data)
                messages.success(request, _("Utvecklingsmålet är tillagt."))
                return redirect(request.path)
            return self._invalid("mal", form)
        if action == "ta_bort_period":
            period = AvailabilityPeriod.objects.filter(profile__consultant=consultant,
                                                       pk=_int(request.POST.get("period"))).first()
            if period is None:
                messages.error(request, _("Perioden finns inte längre. Inget har ändrats."))
            else:
                services.availability_remove(period=period, by=user)
                messages.success(request, _("Perioden är borttagen."))
            return redirect(request.path)
        if action == "mal_uppnatt":
            goal = DevelopmentGoal.objects.filter(profile__consultant=consultant,
                                                  pk=_int(request.POST.get("goal"))).first()
            if goal is None:
                messages.error(request, _("Målet finns inte längre. Inget har ändrats."))
            else:
                services.goal_mark_achieved(goal=goal, by=user)
                messages.success(request, _("Målet är markerat som uppnått."))
            return redirect(request.path)
        messages.error(request, _("Okänd åtgärd. Inget har ändrats."))
        return redirect(request.path)

    def _invalid(self, name, form):
        return self.render_to_response(self.get_context_data(forms={name: form}), status=400)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class ProposalView(RoleRequiredMixin, TemplateView):
    """The ranked proposal for an open assignment and the choice of its lead consultant (recorded)."""

    allowed_roles = ALLOCATORS
    template_name = "allocation/proposal.html"

    def _assignment(self) -> Assignment:
        return get_object_or_404(Assignment.objects.select_related("organisation", "package", "lead_consultant"),
                                 reference=self.kwargs["reference"])

    def get_context_data(self, form=None, wished=None, **kwargs):
        assignment = self.assignment
        is_open = assignment.status in WORKING_STATUSES
        proposal = consultants_ranked(assignment, wished=wished) if is_open else []
        first = proposal[0] if proposal and proposal[0].excluded is None else None
        kwargs.update(
            assignment=assignment, is_open=is_open, proposal=proposal, wished=wished,
            wish_form=self.wish_form,
            form=form or DecisionForm(initial={"consultant": first.consultant if first else None,
                                               "version": assignment.version, "onskad": wished}),
            decisions=AllocationDecision.objects.filter(assignment=assignment)
            .select_related("consultant", "decided_by", "proposed")[:10],
        )
        return super().get_context_data(**kwargs)

    def get(self, request, *args, **kwargs):
        self.assignment = self._assignment()
        self.wish_form = WishForm(request.GET or None)
        wished = self.wish_form.cleaned_data.get("onskad") if self.wish_form.is_valid() else None
        return self.render_to_response(self.get_context_data(wished=wished))

    def post(self, request, *args, **kwargs):
        self.assignment = assignment = self._assignment()
        self.wish_form = WishForm()
        form = DecisionForm(request.POST)
        if assignment.status not in WORKING_STATUSES:
            messages.error(request, _("Uppdraget är inte pågående. Inget har ändrats."))
            return redirect(reverse("allocation:proposal", args=[assignment.reference]))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        wished = form.cleaned_data.get("onskad")
        proposal = consultants_ranked(assignment, wished=wished)
        try:
            decision = services.allocation_decide(
                assignment=assignment, consultant=form.cleaned_data["consultant"],
                expected_version=form.cleaned_data["version"], by=request.user, proposal=proposal)
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
            return self.render_to_response(self.get_context_data(form=form, wished=wished), status=409)
        if decision.followed_proposal:
            messages.success(request, _("%(name)s är ansvarig konsult, enligt förslaget.") % {
                "name": decision.consultant.name})
        else:
            messages.success(request, _("%(name)s är ansvarig konsult. Valet avvek från förslaget och är sparat.")
                             % {"name": decision.consultant.name})
        return redirect(reverse("assignments:detail", args=[assignment.reference]))
