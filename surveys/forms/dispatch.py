"""Forms and filters of the dispatch pages."""
from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from assignments.models import Consultant

from ..models import Invitation, InvitationStatus, SurveyKind, statuses_shown_as


class InvitationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Enkät"), choices=SurveyKind.choices, empty_label=_("Alla"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=InvitationStatus.choices, empty_label=_("Alla"),
                                         method="filter_status")
    consultant = django_filters.ModelChoiceFilter(
        label=_("Konsult"), field_name="assignment__lead_consultant", queryset=Consultant.objects.order_by("name"),
        empty_label=_("Alla"),
    )
    assignment = django_filters.CharFilter(label=_("Uppdragsnummer"), field_name="assignment__reference",
                                           lookup_expr="iexact")
    date_from = django_filters.DateFilter(
        label=_("Från datum"), field_name="due_at", lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label=_("Till datum"), field_name="due_at", lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    @property
    def form(self):
        """The filter row styled like every other filter row (Bootstrap classes on each widget)."""
        form = super().form
        for field in form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
        return form

    def filter_status(self, queryset, name, value):
        """By the state staff see: a candidate invitation is never found by an answer state."""
        shown = Q()
        for kind in SurveyKind.values:
            shown |= Q(kind=kind, status__in=statuses_shown_as(kind, value))
        return queryset.filter(shown)

    class Meta:
        model = Invitation
        fields = ["kind", "status", "consultant", "assignment", "date_from", "date_to"]


class FollowUpForm(forms.Form):
    note = forms.CharField(
        label=_("Anteckning om uppföljningen"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000,
        error_messages={"required": _("Skriv en anteckning om uppföljningen.")},
    )
