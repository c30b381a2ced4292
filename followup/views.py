"""Pages of the follow-up app: the contact log, account managers, the yearly lists, AARs and actions.

Each view fetches with the permission check, validates with a form, calls one service, renders."""
from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from assignments.models import Assignment, Organisation, Project
from assignments.services import today
from recruitment.roles import ALL_ROLES, RoleRequiredMixin, user_consultant
from recruitment.workbooks import Sheet, workbook_bytes

from . import access, selectors, services
from .forms import AccountManagersForm, ActionFormSet, AfterActionReviewForm, CustomerContactForm
from .lists import BY_KEY, LISTS, list_workbook
from .models import AarAction, AfterActionReview, CustomerContact

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SAVED = gettext_lazy("Ändringarna är sparade.")


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


# -- the contact log and account managers ----------------------------------------------------------
class _ContactEntryForm(RoleRequiredMixin, View):
    allowed_roles = ALL_ROLES
    template_name = "followup/contact_form.html"

    def target(self, pk) -> tuple[Organisation, CustomerContact | None]:
        raise NotImplementedError

    def _page(self, request, organisation, entry, form, status=200):
        return render(request, self.template_name, {"organisation": organisation, "entry": entry, "form": form},
                      status=status)

    def get(self, request, pk):
        organisation, entry = self.target(pk)
        form = CustomerContactForm(instance=entry, organisation=organisation, today=today(),
                                   initial={} if entry else {"held_on": today(), "staff": self._me(request)})
        return self._page(request, organisation, entry, form)

    def post(self, request, pk):
        organisation, entry = self.target(pk)
        form = CustomerContactForm(request.POST, instance=entry, organisation=organisation, today=today())
        if not form.is_valid():
            return self._page(request, organisation, entry, form, status=400)
        services.customer_contact_save(form=form, organisation=organisation, by=request.user)
        messages.success(request, SAVED)
        return redirect(reverse("reference:org_detail", args=[organisation.pk]) + "#h-customer-contacts")

    @staticmethod
    def _me(request):
        consultant = user_consultant(request.user)
        return [consultant.pk] if consultant else []


class ContactEntryCreate(_ContactEntryForm):
    """Log a contact with an organisation (every role)."""

    def target(self, pk):
        return get_object_or_404(Organisation, pk=pk), None


class ContactEntryEdit(_ContactEntryForm):
    """Change a logged contact: coordinators and managers, or a consultant who took part or logged it."""

    def target(self, pk):
        entry = get_object_or_404(CustomerContact.objects.select_related("organisation"), pk=pk)
        if not access.can_edit_contact_entry(self.request.user, entry):
            raise PermissionDenied
        return entry.organisation, entry


class AccountManagersEdit(RoleRequiredMixin, View):
    """Choose an organisation's account managers (kundansvariga): coordinators and managers."""

    allowed_roles = access.STAFF
    template_name = "followup/account_managers_form.html"

    def get(self, request, pk):
        organisation = get_object_or_404(Organisation, pk=pk)
        current = selectors.organisation_account_managers(organisation=organisation)
        return render(request, self.template_name,
                      {"organisation": organisation, "form": AccountManagersForm(current=current)})

    def post(self, request, pk):
        organisation = get_object_or_404(Organisation, pk=pk)
        current = selectors.organisation_account_managers(organisation=organisation)
        form = AccountManagersForm(request.POST, current=current)
        if not form.is_valid():
            return render(request, self.template_name, {"organisation": organisation, "form": form}, status=400)
        services.account_managers_set(organisation=organisation, consultants=form.cleaned_data["consultants"])
        messages.success(request, SAVED)
        return redirect(reverse("reference:org_detail", args=[organisation.pk]) + "#h-customer-contacts")


# -- the yearly follow-up lists ---------------------------------------------------------------------
class YearForm(forms.Form):
    ar = forms.IntegerField(label=gettext_lazy("År"), required=False, min_value=2000, max_value=2100,
                            error_messages={"invalid": gettext_lazy("Ange året med fyra siffror, till exempel 2026."),
                                            "min_value": gettext_lazy("Året måste vara 2000 eller senare."),
                                            "max_value": gettext_lazy("Året måste vara 2100 eller tidigare.")})


class FollowupIndex(RoleRequiredMixin, TemplateView):
    """The follow-up lists and the After Action Reviews, in one place."""

    allowed_roles = ALL_ROLES
    template_name = "followup/index.html"

    def get_context_data(self, **kwargs):
        kwargs["lists"] = LISTS
        return super().get_context_data(**kwargs)


class FollowupListView(RoleRequiredMixin, View):
    """One follow-up list as a page, or (`export=True`) as an Excel file. A bad year is refused with a
    Swedish message (the page answers 400 and no file is written)."""

    allowed_roles = ALL_ROLES
    key = ""
    export = False

    def get(self, request):
        spec, day = BY_KEY[self.key], today()
        form = YearForm(request.GET or None)
        if form.is_bound and not form.is_valid():
            return render(request, "followup/list.html", {"spec": spec, "tables": [], "form": form, "year": None,
                                                          "export_url": ""}, status=400)
        year = (form.cleaned_data["ar"] if form.is_bound else None) or day.year
        tables = spec.build(year, day)
        if self.export:
            caption = (_("%(title)s, %(year)s (uttaget %(day)s)") if spec.uses_year
                       else _("%(title)s (uttaget %(day)s)")) % {"title": spec.title, "year": year,
                                                                 "day": f"{day:%Y-%m-%d}"}
            return _xlsx(list_workbook(spec, tables, caption), f"{spec.key}-{day:%Y-%m-%d}")
        query = f"?ar={year}" if spec.uses_year else ""
        return render(request, "followup/list.html", {
            "spec": spec, "tables": tables, "form": form, "year": year,
            "export_url": reverse(f"followup:{spec.key}_xlsx") + query,
        })


# -- After Action Reviews ---------------------------------------------------------------------------
class ReviewList(RoleRequiredMixin, TemplateView):
    """Every AAR, and the assignments that still lack one."""

    allowed_roles = ALL_ROLES
    template_name = "followup/aar_list.html"

    def get_context_data(self, **kwargs):
        kwargs["reviews"] = selectors.review_list()[:200]
        kwargs["missing"] = selectors.assignments_lacking_aar()
        return super().get_context_data(**kwargs)


class MissingReviewsExport(RoleRequiredMixin, View):
    allowed_roles = ALL_ROLES

    def get(self, request):
        day = today()
        rows = [[a.reference, a.role_title, a.organisation.name, a.lead_consultant.name if a.lead_consultant else "",
                 a.project.name if a.project else "", a.get_status_display(), a.closed_on]
                for a in selectors.assignments_lacking_aar()]
        caption = _("Avslutade uppdrag som ska följas upp med After Action Review men saknar en "
                    "(uttaget %(day)s)") % {"day": f"{day:%Y-%m-%d}"}
        sheet = Sheet(title=_("Saknar AAR"), caption=caption,
                      header=[_("Uppdrag"), _("Befattning"), _("Kund"), _("Ansvarig konsult"), _("Volymprojekt"),
                              _("Status"), _("Avslutat")], rows=rows, widths={"A": 14, "B": 30, "C": 30, "D": 24})
        return _xlsx(workbook_bytes([sheet]), f"saknar-aar-{day:%Y-%m-%d}")


class _ReviewForm(RoleRequiredMixin, View):
    allowed_roles = ALL_ROLES
    template_name = "followup/aar_form.html"

    def target(self, **kwargs) -> tuple[AfterActionReview | None, Assignment | None, Project | None]:
        raise NotImplementedError

    def _page(self, request, review, assignment, project, form, formset, status=200):
        return render(request, self.template_name, {
            "review": review, "assignment": assignment, "project": project, "form": form, "formset": formset,
        }, status=status)

    def get(self, request, **kwargs):
        review, assignment, project = self.target(**kwargs)
        day = today()
        form = AfterActionReviewForm(instance=review, today=day, initial={} if review else {"held_on": day})
        formset = ActionFormSet(instance=review or AfterActionReview(), today=day, prefix="actions")
        return self._page(request, review, assignment, project, form, formset)

    def post(self, request, **kwargs):
        review, assignment, project = self.target(**kwargs)
        day = today()
        form = AfterActionReviewForm(request.POST, instance=review, today=day)
        form_ok = form.is_valid()  # sets the instance's date, which the actions' due dates are checked against
        formset = ActionFormSet(request.POST, instance=form.instance, today=day, prefix="actions")
        if not (form_ok and formset.is_valid()):
            return self._page(request, review, assignment, project, form, formset, status=400)
        saved = services.aar_save(form=form, formset=formset, by=request.user, assignment=assignment,
                                  project=project)
        messages.success(request, SAVED)
        return redirect("followup:aar_detail", pk=saved.pk)


class ReviewCreateForAssignment(_ReviewForm):
    def target(self, reference):
        assignment = get_object_or_404(Assignment, reference=reference)
        if not access.can_write_aar(self.request.user, assignment=assignment):
            raise PermissionDenied
        return None, assignment, None


class ReviewCreateForProject(_ReviewForm):
    allowed_roles = access.STAFF

    def target(self, pk):
        return None, None, get_object_or_404(Project, pk=pk)


class ReviewEdit(_ReviewForm):
    def target(self, pk):
        review = get_object_or_404(AfterActionReview.objects.select_related("assignment", "project"), pk=pk)
        if not access.can_edit_aar(self.request.user, review):
            raise PermissionDenied
        return review, review.assignment, review.project


class ReviewDetail(RoleRequiredMixin, TemplateView):
    allowed_roles = ALL_ROLES
    template_name = "followup/aar_detail.html"

    def get_context_data(self, **kwargs):
        review = get_object_or_404(
            AfterActionReview.objects.select_related("assignment__organisation", "project")
            .prefetch_related("participants", "actions__owner"), pk=kwargs["pk"])
        kwargs.update(review=review, can_edit=access.can_edit_aar(self.request.user, review),
                      me=user_consultant(self.request.user))
        return super().get_context_data(**kwargs)


class ActionComplete(RoleRequiredMixin, View):
    """Mark an action done today (POST): its owner, a coordinator or a manager."""

    allowed_roles = ALL_ROLES

    def post(self, request, pk):
        action = get_object_or_404(AarAction, pk=pk)
        if not access.can_complete_action(request.user, action):
            raise PermissionDenied
        if services.aar_action_complete(action=action, on=today()):
            messages.success(request, _("Åtgärden är markerad som klar."))
        else:
            messages.info(request, _("Åtgärden var redan markerad som klar."))
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
            target = reverse("followup:aar_detail", args=[action.review_id])
        return redirect(target or reverse("followup:aar_detail", args=[action.review_id]))


class MyActions(RoleRequiredMixin, TemplateView):
    """The signed-in person's open actions (the same panel as on "Mina uppdrag"), for every role."""

    allowed_roles = ALL_ROLES
    template_name = "followup/my_actions.html"

    def get_context_data(self, **kwargs):
        kwargs["consultant"] = user_consultant(self.request.user)
        return super().get_context_data(**kwargs)
