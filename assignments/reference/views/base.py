"""Shared shapes of the reference pages: read for every role, write for coordinators."""
from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import ListView

from recruitment.roles import ALL_ROLES, COORDINATOR, RoleRequiredMixin, has_role

from .. import services
from ..forms import SearchForm

FORM_TEMPLATE = "assignments/reference/form.html"


class ReadMixin(RoleRequiredMixin):
    """GET pages: every role reads the reference data."""

    allowed_roles = ALL_ROLES

    def get_context_data(self, **kwargs):
        kwargs.setdefault("can_edit", has_role(self.request.user, COORDINATOR))
        return super().get_context_data(**kwargs)


class ReferenceListView(ReadMixin, ListView):
    """A searchable, paginated list; `selector(search=...)` returns the rows."""

    paginate_by = 50
    selector = None
    create_url_name = ""

    def get_queryset(self):
        self.search_form = SearchForm(self.request.GET)
        search = self.search_form.cleaned_data["q"] if self.search_form.is_valid() else ""
        return type(self).selector(search=search)

    def get_context_data(self, **kwargs):
        kwargs["search_form"] = self.search_form
        kwargs["create_url_name"] = self.create_url_name
        query = self.request.GET.copy()
        query.pop("page", None)
        kwargs["page_query"] = query.urlencode()
        return super().get_context_data(**kwargs)


class EditMixin(RoleRequiredMixin):
    """Create and edit pages: coordinators only; the save goes through one service."""

    allowed_roles = (COORDINATOR,)
    template_name = FORM_TEMPLATE
    cancel_url_name = ""

    def save(self, form):
        return services.record_save(form=form, by=self.request.user)

    def form_valid(self, form):
        self.object = self.save(form)
        messages.success(self.request, _("Ändringarna är sparade."))
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        kwargs["cancel_url_name"] = self.cancel_url_name
        kwargs["verbose_name"] = self.model._meta.verbose_name
        return super().get_context_data(**kwargs)


class FormsetEditMixin(EditMixin):
    """An edit page with an inline formset of rows per year (budgets, prices)."""

    formset_class = None
    formset_title = ""

    def get_formset(self):
        instance = self.object if self.object is not None else self.model()
        return self.formset_class(self.request.POST or None, instance=instance)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", self.get_formset())
        kwargs["formset_title"] = self.formset_title
        return super().get_context_data(**kwargs)

    def save(self, form, formset):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        self.object = self.get_object() if "pk" in self.kwargs else None
        form, formset = self.get_form(), self.get_formset()
        if form.is_valid() and formset.is_valid():
            self.object = self.save(form, formset)
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(self.get_success_url())
        return self.render_to_response(self.get_context_data(form=form, formset=formset))
