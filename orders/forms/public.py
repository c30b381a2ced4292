"""The public order form: every field limited in size, every bad input a Swedish message."""
from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assignments.models import OrderAs, Organisation, OrganisationKind, RoleLevel, Sector
from billing.models import COST_CENTRE_LENGTH

from ..models import MAX_POSITIONS, MAX_TEXT, START_MEETING_QUESTIONS, RecruitedBefore
from ..selectors import offered_packages, wishable_consultants

PHONE = re.compile(r"^\+?[0-9 ()-]{6,40}$")
MAX_START_YEARS = 2
HONEYPOT = "webbplats"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PackageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.price is None:
            return obj.name
        price = f"{obj.price:,.0f}".replace(",", "\u00a0")
        return _("%(name)s – %(price)s kr %(unit)s") % {"name": obj.name, "price": price,
                                                        "unit": obj.get_unit_display()}


class PackageMultipleChoiceField(forms.ModelMultipleChoiceField):
    label_from_instance = PackageChoiceField.label_from_instance


def _text(label, *, required=False, max_length=MAX_TEXT, rows=3, help_text=""):
    return forms.CharField(label=label, required=required, max_length=max_length, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows, "maxlength": max_length}))


class OrderForm(forms.Form):
    organisation_name = forms.CharField(
        label=_("Organisation"), max_length=200,
        help_text=_("Skriv namnet på förvaltningen eller bolaget och välj bland förslagen. Finns den inte "
                    "med kan du skriva namnet ändå."),
        widget=forms.TextInput(attrs={"list": "organisation-suggestions", "autocomplete": "organization"}))
    organisation_kind = forms.ChoiceField(
        label=_("Typ av organisation"), required=False, choices=[("", _("Välj om organisationen är ny"))]
        + list(OrganisationKind.choices),
        help_text=_("Behövs bara om organisationen inte finns bland förslagen."))
    contact_name = forms.CharField(label=_("Ditt namn"), max_length=200,
                                   widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(label=_("Din e-postadress"), max_length=254,
                             help_text=_("Vi skickar en länk hit som du bekräftar beställningen med."),
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(label=_("Ditt telefonnummer"), max_length=40,
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))
    cost_centre = forms.CharField(label=_("Kostnadsställe"), max_length=COST_CENTRE_LENGTH,
                                  help_text=_("Det ansvar eller kostnadsställe som fakturan ska gå till."))
    invoice_reference = forms.CharField(label=_("Referens på fakturan"), max_length=200, required=False)
    role_title = forms.CharField(label=_("Befattning"), max_length=200,
                                 help_text=_("Till exempel förskollärare eller enhetschef."))
    role_level = forms.ChoiceField(label=_("Nivå"), choices=RoleLevel.choices, widget=forms.RadioSelect)
    sector = forms.ChoiceField(label=_("Verksamhet"), choices=[("", _("Välj"))] + list(Sector.choices))
    positions = forms.IntegerField(label=_("Antal tjänster"), min_value=1, max_value=MAX_POSITIONS, initial=1)
    package = PackageChoiceField(label=_("Paket"), queryset=None, widget=forms.RadioSelect, empty_label=None)
    addons = PackageMultipleChoiceField(label=_("Tillägg"), queryset=None, required=False,
                                        widget=forms.CheckboxSelectMultiple)
    wished_start = forms.DateField(label=_("Önskat startdatum för rekryteringen"), required=False,
                                   widget=DateInput(), help_text=_("Skriv datumet som ÅÅÅÅ-MM-DD."))
    wished_consultant = forms.ModelChoiceField(
        label=_("Önskad rekryteringskonsult"), queryset=None, required=False, empty_label=_("Ingen särskild"),
        help_text=_("Vi försöker tillgodose önskemålet när det går."))
    recruited_before = forms.ChoiceField(label=_("Har ni rekryterat till rollen tidigare?"),
                                         choices=RecruitedBefore.choices, widget=forms.RadioSelect)
    other = _text(_("Övrigt vi bör veta"))
    # A field people never see (hidden by the style sheet, skipped by keyboard and screen readers):
    # only robots fill it in.
    webbplats = forms.CharField(label=_("Lämna fältet tomt"), required=False, max_length=200,
                                widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["package"].queryset = offered_packages(kind=OrderAs.PACKAGE)
        self.fields["addons"].queryset = offered_packages(kind=OrderAs.ADDON)
        self.fields["wished_consultant"].queryset = wishable_consultants()
        self.fields["organisation_name"].widget.attrs["data-suggest-url"] = reverse(
            "public_orders:suggest_organisations")
        for key, text in START_MEETING_QUESTIONS:
            self.fields[f"q_{key}"] = _text(text)
        for name, field in self.fields.items():
            if name == HONEYPOT:
                continue
            if isinstance(field, forms.CharField) and field.max_length:
                field.widget.attrs.setdefault("maxlength", field.max_length)

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT))

    def question_fields(self):
        return [self[f"q_{key}"] for key, _text in START_MEETING_QUESTIONS]

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not PHONE.match(phone) or sum(c.isdigit() for c in phone) < 6:
            raise ValidationError(_("Skriv telefonnumret med siffror, till exempel 08-508 000 00."))
        return phone

    def clean_wished_start(self):
        day = self.cleaned_data.get("wished_start")
        today = timezone.localdate()
        if day is not None and day < today:
            raise ValidationError(_("Startdatumet kan inte ha passerat."))
        if day is not None and day > today + dt.timedelta(days=365 * MAX_START_YEARS):
            raise ValidationError(_("Välj ett startdatum inom två år."))
        return day

    def clean(self):
        data = super().clean()
        name = " ".join((data.get("organisation_name") or "").split())
        if name:
            data["organisation_name"] = name
            data["organisation"] = Organisation.objects.filter(name__iexact=name, active=True).first()
            if data["organisation"] is None and not data.get("organisation_kind"):
                self.add_error("organisation_kind", _(
                    "Organisationen finns inte i vårt register. Välj vilken typ av organisation det är."))
            if data["organisation"] is not None:
                data["organisation_name"] = data["organisation"].name
                data["organisation_kind"] = ""
        package, addons = data.get("package"), data.get("addons")
        if package is not None and addons and package in addons:
            self.add_error("addons", _("Paketet kan inte också väljas som tillägg."))
        data["start_meeting"] = {key: data.get(f"q_{key}", "").strip() for key, _text in START_MEETING_QUESTIONS
                                 if data.get(f"q_{key}", "").strip()}
        return data


def stored_data(form: OrderForm) -> dict:
    """What the session keeps between the form and its summary: the typed values, as the form reads them."""
    data = {}
    for name in form.fields:
        if name == HONEYPOT:
            continue
        if name == "addons":
            data[name] = form.data.getlist(name) if hasattr(form.data, "getlist") else form.data.get(name, [])
        else:
            data[name] = form.data.get(name, "")
    return data
