"""Scope and period selection of the dashboard (a GET form)."""
from __future__ import annotations

import datetime as dt

from django import forms
from django.db import connections
from django.db.models import CharField, F, Value, Window
from django.db.models.functions import Cast, RowNumber
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from assignments.models import Consultant, Organisation, OrganisationKind, Package, Sector, Unit
from reporting.periods import Period, tertial_of
from reporting.selectors import Filters, Scope

FIRST_YEAR = 2016  # the register started in 2016
PACKAGES = Package.objects.order_by("name")  # the package select's options


class FetchedChoices(ModelChoiceIterator):
    """A select's choices in one query: a template's {% for %} asks len() first, which would COUNT, and
    then iterates; here both read one fetched list (the form's lists read together, `choice_lists`)."""

    @cached_property
    def fetched(self) -> list:
        # Not super().__iter__(): it reads through queryset.iterator(), a server-side cursor on
        # PostgreSQL (three round trips per list); a short list is read in one.
        # The labels are the names (Unit, Consultant and Organisation print as their name), read as plain
        # values: the page needs (pk, label) pairs, not a model instance per option.
        empty = [("", self.field.empty_label)] if self.field.empty_label is not None else []
        options = self.field.preloaded
        return empty + (list(self.queryset.values_list("pk", "name")) if options is None else options)

    def __iter__(self):
        return iter(self.fetched)

    def __len__(self):
        return len(self.fetched)


class FetchedChoiceField(forms.ModelChoiceField):
    iterator = FetchedChoices
    preloaded: list[tuple] | None = None  # the (pk, name) options, when the form read them with the others


# The SQL of the form's option lists, compiled once per database and set of lists: building the UNION
# with the ORM cost more than running it. Only for querysets fixed at import (the form's own).
_compiled_lists: dict[tuple, tuple[str, tuple]] = {}


def choice_lists(querysets: dict[str, object], *, fixed: object = None) -> dict[str, list[tuple[str, str]]]:
    """{name: [(key as text, name)]} of several option lists in one query (a UNION ALL), each list in the
    order its queryset's ORDER BY gives (numbered in the database, so its collation decides). The key is
    the `pk` of each queryset, or its `code` for packages. `fixed` (e.g. the form's class): the querysets are
    the same on every call with this value and these names (class-level ones), so their SQL is compiled once."""
    if fixed is not None and querysets:
        connection = connections[next(iter(querysets.values())).db]
        key = (connection.alias, fixed, tuple(querysets))
        if key not in _compiled_lists:
            _compiled_lists[key] = _union(querysets).query.get_compiler(connection=connection).as_sql()
        sql, params = _compiled_lists[key]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = sorted(cursor.fetchall())
    else:
        rows = sorted(_union(querysets)) if querysets else []
    lists: dict[str, list[tuple[str, str]]] = {name: [] for name in querysets}
    for name, _position, key, label in rows:
        lists[name].append((key, label))
    return lists


def _union(querysets: dict[str, object]):
    branches = []
    for name, qs in querysets.items():
        key = "code" if qs.model is Package else "pk"
        branches.append(qs.annotate(
            list_name=Value(name, output_field=CharField()), key=Cast(key, CharField()),
            position=Window(RowNumber(), order_by=[F(f) if not f.startswith("-") else F(f[1:]).desc()
                                                   for f in qs.query.order_by]),
        ).order_by().values_list("list_name", "position", "key", "name"))
    return branches[0].union(*branches[1:], all=True)


class DashboardForm(forms.Form):
    year = forms.TypedChoiceField(label=_("År"), coerce=int)
    tertial = forms.TypedChoiceField(
        label=_("Period"), coerce=int, empty_value=None, required=False,
        choices=[("", _("Helår")), (1, _("T1 (jan–apr)")), (2, _("T2 (maj–aug)")), (3, _("T3 (sep–dec)"))],
        help_text=_("Ett tertial visas hittills i år (T2 = januari–augusti) om inte ”bara tertialen” är vald."),
    )
    alone = forms.BooleanField(label=_("Bara tertialen (de fyra månaderna)"), required=False)
    compare = forms.BooleanField(label=_("Jämför med samma period året innan"), required=False)
    unit = FetchedChoiceField(label=_("Enhet"), queryset=Unit.objects.order_by("name"), required=False,
                                  empty_label=_("Hela avdelningen"))
    consultant = FetchedChoiceField(label=_("Konsult"), required=False, empty_label=_("Alla konsulter"),
                                        queryset=Consultant.objects.filter(active=True).order_by("name"))
    organisation = FetchedChoiceField(label=_("Kundorganisation"), required=False, empty_label=_("Alla"),
                                          queryset=Organisation.objects.order_by("name"))
    organisation_kind = forms.ChoiceField(label=_("Organisationstyp"), required=False,
                                          choices=[("", _("Alla"))] + list(OrganisationKind.choices))
    sector = forms.ChoiceField(label=_("Sektor"), required=False, choices=[("", _("Alla"))] + list(Sector.choices))
    package = forms.ChoiceField(label=_("Paket"), required=False)

    def __init__(self, data=None, *, today: dt.date | None = None, choose_scope: bool = True, **kwargs):
        self.today = today or timezone.localdate()
        if data is not None and "year" not in data:
            # No year: this year; and with neither year nor tertial, this year's tertial so far.
            data = data.copy()
            if "tertial" not in data:
                data["tertial"] = str(tertial_of(self.today))
            data["year"] = str(self.today.year)
        super().__init__(data, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in range(self.today.year, FIRST_YEAR - 1, -1)]
        if not choose_scope:
            del self.fields["unit"]
            del self.fields["consultant"]
        # Every list of options in one query: the packages and the selects of the scope
        chosen = [name for name in ("unit", "consultant", "organisation") if name in self.fields]
        # the class's own querysets (the same on every form): their SQL is compiled once
        lists = choice_lists({"package": PACKAGES, **{name: self.base_fields[name].queryset for name in chosen}},
                             fixed=type(self))
        for name in chosen:
            self.fields[name].preloaded = [(int(pk), label) for pk, label in lists[name]]
        self.fields["package"].choices = [("", _("Alla")), *lists["package"]]
        self.package_names = dict(lists["package"])  # {code: name}, for the dashboard's tables and charts

    def clean(self):
        data = super().clean()
        if data.get("unit") and data.get("consultant"):
            raise forms.ValidationError(_("Välj antingen en enhet eller en konsult, inte båda."))
        if data.get("alone") and not data.get("tertial"):
            self.add_error("alone", _("”Bara tertialen” kräver att ett tertial är valt."))
        return data

    def period(self) -> Period:
        year, tertial = self.cleaned_data["year"], self.cleaned_data.get("tertial")
        if tertial and self.cleaned_data.get("alone"):
            return Period.tertial_alone(year, tertial)
        return Period.for_report(year, tertial)

    def filters(self) -> Filters:
        d = self.cleaned_data
        return Filters(organisation_id=d["organisation"].pk if d.get("organisation") else None,
                       organisation_kind=d.get("organisation_kind") or None, sector=d.get("sector") or None,
                       package=d.get("package") or None)

    def scope(self) -> Scope:
        d = self.cleaned_data
        return Scope(consultant=d.get("consultant"), unit=d.get("unit"), filters=self.filters())
