"""The assignment list's filters and sort order (django-filter)."""
from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Assignment, Consultant, Organisation, Package, Sector, Status
from .search import text_q, words
from .selectors import consultant_assignments_q

FIRST_YEAR = 2016  # the Access register started in 2016


def year_choices():
    from .services import today

    return [(str(y), str(y)) for y in range(today().year + 1, FIRST_YEAR - 1, -1)]


# URL value -> (ORM expression, Swedish column label)
SORTABLE = {
    "reference": ("reference", _("Uppdragsnummer")),
    "ordered_on": ("ordered_on", _("Beställningsdatum")),
    "organisation": ("organisation__name", _("Kund")),
    "consultant": ("lead_consultant__name", _("Ansvarig konsult")),
    "package": ("package__code", _("Paket")),
    "status": ("status", _("Status")),
    # the sum of the billing lines, kept on the assignment by the billing services
    "invoiced": ("invoiced_total", _("Fakturerat belopp")),
}

# Ties are broken by the newest order date, then the newest reference (each sort by a column of
# the assignment has an index ending in these two).
TIE_BREAKERS = ["-ordered_on", "-reference"]


class StableOrderingFilter(django_filters.OrderingFilter):
    """The chosen column, then the newest reference: pages never share or skip rows."""

    def filter(self, qs, value):
        ordering = [self.get_ordering_value(param) for param in value or () if param]
        return qs.order_by(*ordering, *TIE_BREAKERS)


class AssignmentFilter(django_filters.FilterSet):
    """The list's filters. Querysets are given as callables: each request deep-copies the
    filters, and copying a callable is free where copying a queryset copies its query."""

    q = django_filters.CharFilter(label=_("Fritext"), method="filter_text")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices, empty_label=_("Alla"))
    consultant = django_filters.ModelChoiceFilter(
        label=_("Konsult"), queryset=lambda request: Consultant.objects.order_by("name"), method="filter_consultant",
        empty_label=_("Alla"),
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Kund"), queryset=lambda request: Organisation.objects.order_by("name"), empty_label=_("Alla")
    )
    package = django_filters.ModelChoiceFilter(
        label=_("Paket"), queryset=lambda request: Package.objects.order_by("code"), empty_label=_("Alla")
    )
    sector = django_filters.ChoiceFilter(label=_("Sektor"), choices=Sector.choices, empty_label=_("Alla"))
    year = django_filters.ChoiceFilter(
        label=_("År (beställning)"), field_name="ordered_on__year", choices=year_choices, empty_label=_("Alla"),
    )
    o = StableOrderingFilter(
        label=_("Sortering"),
        fields={expr: key for key, (expr, _label) in SORTABLE.items()},
        field_labels={expr: label for _key, (expr, label) in SORTABLE.items()},
    )

    class Meta:
        model = Assignment
        fields: list[str] = []

    def __init__(self, *args, text_in_place: bool = False, **kwargs):
        """`text_in_place`: the free text as a condition on the rows themselves (search.MatchingRows), for
        a caller that reads every matching row (the list's ids); not for one that stops early."""
        super().__init__(*args, **kwargs)
        self.text_in_place = text_in_place

    def get_form_class(self):
        """The form class, built once: django-filter builds a new class (and its fields) per request.

        Safe to share: nothing in the fields depends on the request (the querysets are static,
        the year choices stay a callable) and every form instance copies its fields.
        """
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class

    def searches_text(self) -> bool:
        """Whether the (valid) filters hold a free text with at least one word."""
        return self.is_bound and self.is_valid() and bool(words(self.form.cleaned_data.get("q") or ""))

    def filter_text(self, queryset, name, value):
        query = text_q(value, in_place=self.text_in_place)
        return queryset.filter(query) if query else queryset

    def filter_consultant(self, queryset, name, value):
        return queryset.filter(consultant_assignments_q(value))
