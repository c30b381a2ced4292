"""Write pages of the register: create, edit, status change, billing lines and hires.

Each view fetches with the permission check, validates with a form, calls one
service and redirects (or re-renders with the user's input and a Swedish error).
"""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from recruitment.roles import COORDINATOR, RoleRequiredMixin

from .. import services
from ..access import can_edit_assignment
from ..forms import AddonForm, AssignmentForm, HireForm, PackageOverrideForm, StatusChangeForm
from ..models import Assignment, BillingLine, Hire, Status


def _editable(request, reference: str) -> Assignment:
    assignment = get_object_or_404(Assignment.objects.select_related("package", "redo_of"), reference=reference)
    if not can_edit_assignment(request.user, assignment):
        raise PermissionDenied
    return assignment


def _form_errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


class AssignmentCreateView(RoleRequiredMixin, View):
    allowed_roles = (COORDINATOR,)
    template_name = "assignments/form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": AssignmentForm(), "creating": True})

    def post(self, request):
        form = AssignmentForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form, "creating": True})
        assignment = services.assignment_create(
            data=form.assignment_data(), co_consultants=form.cleaned_data["co_consultants"], by=request.user
        )
        messages.success(request, _("Uppdrag %(ref)s är registrerat.") % {"ref": assignment.reference})
        return redirect("assignments:detail", reference=assignment.reference)


class AssignmentEditView(RoleRequiredMixin, View):
    template_name = "assignments/form.html"

    def get(self, request, reference):
        assignment = _editable(request, reference)
        return render(request, self.template_name, {"form": AssignmentForm(instance=assignment),
                                                    "assignment": assignment})

    def post(self, request, reference):
        assignment = _editable(request, reference)
        form = AssignmentForm(request.POST, instance=assignment)
        context = {"form": form, "assignment": assignment}
        if not form.is_valid():
            return render(request, self.template_name, context)
        try:
            services.assignment_update(
                assignment=assignment, data=form.assignment_data(),
                co_consultants=form.cleaned_data["co_consultants"],
                expected_version=form.cleaned_data["version"], by=request.user,
            )
        except services.EditConflict as exc:
            form.add_error(None, str(exc))
            return render(request, self.template_name, {**context, "conflict": True}, status=409)
        messages.success(request, _("Ändringarna är sparade."))
        return redirect("assignments:detail", reference=assignment.reference)


class StatusChangeView(RoleRequiredMixin, View):
    def post(self, request, reference):
        assignment = _editable(request, reference)
        form = StatusChangeForm(request.POST, assignment=assignment, has_hires=assignment.hires.exists())
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = ""
        target = target or assignment_url(assignment)
        if not form.is_valid():
            messages.error(request, _("%(ref)s: %(errors)s") % {"ref": reference, "errors": _form_errors(form)})
            return redirect(target)
        data = form.cleaned_data
        try:
            updated = services.assignment_change_status_with_hire(
                assignment=assignment, to_status=data["to_status"], on=data["on"], by=request.user,
                hire_name=data.get("hire_name", ""), hire_email=data.get("hire_email", ""),
                hire_start_date=data.get("hire_start_date"),
            )
        except services.TransitionError as exc:
            messages.error(request, f"{reference}: {exc}")
            return redirect(target)
        messages.success(request, _("%(ref)s har status %(status)s.") % {
            "ref": reference, "status": Status(updated.status).label})
        return redirect(target)


def assignment_url(assignment) -> str:
    from django.urls import reverse

    return reverse("assignments:detail", kwargs={"reference": assignment.reference})


class BillingPackageView(RoleRequiredMixin, View):
    """Override the package price with a reason, or (`reset`) go back to the catalogue price."""

    reset = False

    def post(self, request, reference):
        assignment = _editable(request, reference)
        if self.reset:
            services.billing_package_reset(assignment=assignment)
            messages.success(request, _("Paketraden har listpriset igen."))
            return redirect(assignment_url(assignment))
        form = PackageOverrideForm(request.POST, prefix="override")
        if form.is_valid():
            services.billing_package_override(
                assignment=assignment, amount=form.cleaned_data["amount"], reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("Paketpriset är ändrat."))
        else:
            messages.error(request, _("Priset ändrades inte: %(e)s") % {"e": _form_errors(form)})
        return redirect(assignment_url(assignment))


class BillingAddonView(RoleRequiredMixin, View):
    def post(self, request, reference):
        assignment = _editable(request, reference)
        form = AddonForm(request.POST, prefix="addon")
        if not form.is_valid():
            messages.error(request, _("Tillägget lades inte till: %(e)s") % {"e": _form_errors(form)})
            return redirect(assignment_url(assignment))
        try:
            services.billing_addon_add(
                assignment=assignment, kind=form.cleaned_data["kind"], quantity=form.cleaned_data["quantity"],
                package=form.cleaned_data["package"],
            )
            messages.success(request, _("Tillägget är tillagt."))
        except ValueError as exc:
            messages.error(request, str(exc))
        return redirect(assignment_url(assignment))


class BillingRemoveView(RoleRequiredMixin, View):
    def post(self, request, reference, line_id):
        assignment = _editable(request, reference)
        line = get_object_or_404(BillingLine, pk=line_id, assignment=assignment)
        try:
            locked = line.locked
            services.billing_addon_remove(line=line)
            messages.success(request, _("Raden är fakturerad och har krediterats: krediteringen faktureras nästa gång.")
                             if locked else _("Raden är borttagen."))
        except ValueError as exc:
            messages.error(request, str(exc))
        return redirect(assignment_url(assignment))


class HireAddView(RoleRequiredMixin, View):
    def post(self, request, reference):
        assignment = _editable(request, reference)
        form = HireForm(request.POST, prefix="hire")
        if form.is_valid():
            services.hire_add(assignment=assignment, **form.cleaned_data)
            messages.success(request, _("Tillsättningen är registrerad."))
        else:
            messages.error(request, _("Tillsättningen registrerades inte: %(e)s") % {"e": _form_errors(form)})
        return redirect(assignment_url(assignment))


class HireEditView(RoleRequiredMixin, View):
    template_name = "assignments/hire_form.html"

    def _fetch(self, request, reference, hire_id):
        assignment = _editable(request, reference)
        return assignment, get_object_or_404(Hire, pk=hire_id, assignment=assignment)

    def get(self, request, reference, hire_id):
        assignment, hire = self._fetch(request, reference, hire_id)
        form = HireForm(initial={"name": hire.name, "email": hire.email, "start_date": hire.start_date})
        return render(request, self.template_name, {"form": form, "assignment": assignment, "hire": hire})

    def post(self, request, reference, hire_id):
        assignment, hire = self._fetch(request, reference, hire_id)
        form = HireForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form, "assignment": assignment, "hire": hire})
        services.hire_update(hire=hire, **form.cleaned_data)
        messages.success(request, _("Tillsättningen är sparad."))
        return redirect(assignment_url(assignment))


class HireRemoveView(RoleRequiredMixin, View):
    def post(self, request, reference, hire_id):
        assignment = _editable(request, reference)
        hire = get_object_or_404(Hire, pk=hire_id, assignment=assignment)
        try:
            services.hire_remove_checked(hire=hire)
            messages.success(request, _("Tillsättningen är borttagen."))
        except ValueError as exc:
            messages.error(request, str(exc))
        return redirect(assignment_url(assignment))
