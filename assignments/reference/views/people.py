"""Consultants (with their yearly revenue budgets) and units."""
from __future__ import annotations

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, UpdateView

from ...models import Consultant, Unit
from .. import selectors, services
from ..forms import BudgetInlineFormSet, ConsultantForm, UnitForm
from .base import EditMixin, FormsetEditMixin, ReferenceListView


class ConsultantList(ReferenceListView):
    template_name = "assignments/reference/consultant_list.html"
    selector = staticmethod(selectors.consultant_list)
    create_url_name = "reference:consultant_create"


class ConsultantCreate(FormsetEditMixin, CreateView):
    model = Consultant
    form_class = ConsultantForm
    formset_class = BudgetInlineFormSet
    formset_title = _("Personlig intäktsbudget per år")
    cancel_url_name = "reference:consultant_list"
    success_url = reverse_lazy("reference:consultant_list")

    def save(self, form, formset):
        return services.consultant_save(form=form, budgets=formset, by=self.request.user)


class ConsultantEdit(ConsultantCreate, UpdateView):
    pass


class UnitList(ReferenceListView):
    template_name = "assignments/reference/unit_list.html"
    selector = staticmethod(selectors.unit_list)
    create_url_name = "reference:unit_create"


class UnitCreate(EditMixin, CreateView):
    model = Unit
    form_class = UnitForm
    cancel_url_name = "reference:unit_list"
    success_url = reverse_lazy("reference:unit_list")

    def save(self, form):
        return services.unit_save(form=form, by=self.request.user)


class UnitEdit(UnitCreate, UpdateView):
    pass
