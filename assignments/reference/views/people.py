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


class _ConsultantForm(FormsetEditMixin):
    model = Consultant
    form_class = ConsultantForm
    formset_class = BudgetInlineFormSet
    formset_title = _("Personlig intäktsbudget per år")
    cancel_url_name = "reference:consultant_list"
    success_url = reverse_lazy("reference:consultant_list")

    def save(self, form, formset):
        return services.consultant_save(form=form, budgets=formset, by=self.request.user)


class ConsultantCreate(_ConsultantForm, CreateView):
    pass


class ConsultantEdit(_ConsultantForm, UpdateView):
    pass


class UnitList(ReferenceListView):
    template_name = "assignments/reference/unit_list.html"
    selector = staticmethod(selectors.unit_list)
    create_url_name = "reference:unit_create"


class _UnitForm(EditMixin):
    model = Unit
    form_class = UnitForm
    cancel_url_name = "reference:unit_list"
    success_url = reverse_lazy("reference:unit_list")

    def save(self, form):
        return services.unit_save(form=form, by=self.request.user)


class UnitCreate(_UnitForm, CreateView):
    pass


class UnitEdit(_UnitForm, UpdateView):
    pass
