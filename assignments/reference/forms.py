"""Forms for the reference data: every rule a coordinator can break gets a Swedish message."""
from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..forms import consultant_field, organisation_field
from ..models import (
    Consultant,
    ConsultantBudget,
    Contact,
    Language,
    Organisation,
    OrganisationKind,
    Package,
    PackagePrice,
    Project,
    Unit,
)

YEAR_MIN, YEAR_MAX = 2000, 2100


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Sök"), required=False, max_length=100)


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "parent", "active"]
        help_texts = {"parent": _("Endast för bolag: det moderbolag som bolaget hör till.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Organisation.objects.filter(kind=OrganisationKind.COMPANY)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents

    def clean(self):
        data = super().clean()
        kind, parent = data.get("kind"), data.get("parent")
        if parent is not None:
            if kind != OrganisationKind.COMPANY:
                self.add_error("parent", _("Bara ett bolag kan ha ett moderbolag."))
            elif parent.kind != OrganisationKind.COMPANY or parent.parent_id is not None:
                self.add_error("parent", _("Moderbolaget måste vara ett bolag som inte självt har ett moderbolag."))
            elif self.instance.pk and parent.pk == self.instance.pk:
                self.add_error("parent", _("Ett bolag kan inte vara sitt eget moderbolag."))
        if self.instance.pk and self.instance.subsidiaries.exists():
            if kind and kind != OrganisationKind.COMPANY:
                self.add_error("kind", _("Organisationen är moderbolag till andra bolag och måste vara ett bolag."))
            if parent is not None:
                self.add_error("parent", _("Ett moderbolag kan inte självt ha ett moderbolag."))
        return data


class ContactForm(forms.ModelForm):
    organisation = organisation_field(label=_("Organisation"))

    class Meta:
        model = Contact
        fields = ["organisation", "name", "email", "phone", "role", "language", "email_status", "active"]
        help_texts = {"email_status": _("Sätt tillbaka till OK när en studsande adress har rättats.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["language"].required = False  # not sent (an older form): Swedish

    def clean_language(self):
        return self.cleaned_data.get("language") or (self.instance.language if self.instance.pk else Language.SV)

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email:
            taken = Contact.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
            other = taken.select_related("organisation").first()
            if other is not None:
                raise ValidationError(
                    _("E-postadressen används redan av %(name)s."), params={"name": other}, code="duplicate"
                )
        return email


class ConsultantForm(forms.ModelForm):
    class Meta:
        model = Consultant
        fields = ["name", "email", "user", "unit", "fte", "role", "manager_qualified", "active"]
        localized_fields = ["fte"]
        help_texts = {
            "user": _("Lämna tomt för konsulter utan inloggning (till exempel de som har slutat)."),
            "fte": _("Till exempel 1,00 för heltid eller 0,75."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(is_active=True, consultant__isnull=True)
        if self.instance.user_id:
            users = get_user_model().objects.filter(pk=self.instance.user_id) | users
        self.fields["user"].queryset = users.order_by("username")
        self.fields["user"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.username})"

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if Consultant.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("Det finns redan en konsult med den e-postadressen."), code="duplicate")
        return email

    def clean_fte(self):
        fte = self.cleaned_data["fte"]
        if fte is not None and not (Decimal("0") < fte <= Decimal("1")):
            raise ValidationError(_("Tjänstgöringsgraden ska vara större än 0 och högst 1,00."), code="range")
        return fte


class _YearRowsFormSet(forms.BaseInlineFormSet):
    """Rows keyed by year: one per year, with a Swedish message for a repeated year."""

    duplicate_message = _("Året %(year)s finns redan.")

    def clean(self):
        super().clean()
        seen: set[int] = set()
        for form in self.forms:
            if not form.has_changed() and not form.instance.pk:
                continue
            year = form.cleaned_data.get("year") if hasattr(form, "cleaned_data") else None
            if year is None:
                continue
            if year in seen:
                form.add_error("year", self.duplicate_message % {"year": year})
            seen.add(year)

    def validate_unique(self):
        # Repeated years are reported per row by clean(); the generic formset
        # message names the field in English terms.
        return None


class BudgetForm(forms.ModelForm):
    class Meta:
        model = ConsultantBudget
        fields = ["year", "amount_sek"]

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise ValidationError(_("Ange ett år mellan %(a)s och %(b)s."), params={"a": YEAR_MIN, "b": YEAR_MAX})
        return year

    def clean_amount_sek(self):
        amount = self.cleaned_data["amount_sek"]
        if amount < 0:
            raise ValidationError(_("Budgeten kan inte vara negativ."))
        return amount


class BudgetFormSet(_YearRowsFormSet):
    duplicate_message = _("Konsulten har redan en budget för år %(year)s.")


BudgetInlineFormSet = forms.inlineformset_factory(
    Consultant, ConsultantBudget, form=BudgetForm, formset=BudgetFormSet, extra=1, can_delete=False
)


class UnitForm(forms.ModelForm):
    manager = consultant_field(label=_("Enhetschef"), required=False)

    class Meta:
        model = Unit
        fields = ["name", "manager"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = Consultant.objects.filter(active=True) | Consultant.objects.filter(
            pk=self.instance.manager_id or 0
        )


class ProjectForm(forms.ModelForm):
    organisation = organisation_field(label=_("Kund"), required=False)
    lead = consultant_field(label=_("Projektledare"), required=False)

    class Meta:
        model = Project
        fields = ["name", "organisation", "lead", "starts_on", "ends_on", "description"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput(), "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = Consultant.objects.filter(active=True) | Consultant.objects.filter(
            pk=self.instance.lead_id or 0
        )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("Slutdatum kan inte vara före startdatum."))
        return data


class PackageForm(forms.ModelForm):
    class Meta:
        model = Package
        fields = [
            "code", "name", "unit", "full_process_with_tests", "manager_package", "includes_interviews",
            "is_training", "customer_survey_default", "standard_hours", "standard_days", "offered",
            "order_as", "description",
        ]
        help_texts = {
            "code": _("Versaler, siffror och understreck, till exempel STORA eller SECOND_OPINION."),
            "offered": _("Ta bort markeringen när paketet inte längre säljs; gamla uppdrag behåller det."),
            "description": _("Visas för kunden i beställningstjänsten."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        if not code.replace("_", "").isalnum() or not code.isascii():
            raise ValidationError(_("Koden får bara innehålla A–Z, siffror och understreck."))
        if Package.objects.filter(code__iexact=code).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("Det finns redan ett paket med koden %(code)s."), params={"code": code})
        return code


class PriceForm(forms.ModelForm):
    class Meta:
        model = PackagePrice
        fields = ["year", "price_sek"]

    clean_year = BudgetForm.clean_year

    def clean_price_sek(self):
        price = self.cleaned_data["price_sek"]
        if price < 0:
            raise ValidationError(_("Priset kan inte vara negativt."))
        return price


class PriceFormSet(_YearRowsFormSet):
    duplicate_message = _("Paketet har redan ett pris för år %(year)s.")


PriceInlineFormSet = forms.inlineformset_factory(
    Package, PackagePrice, form=PriceForm, formset=PriceFormSet, extra=1, can_delete=False
)


class LoadFilterForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Enhet"), queryset=Unit.objects.all(), required=False,
                                  empty_label=_("Alla enheter"))
    ar = forms.IntegerField(label=_("År"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX)


class KronorField(forms.DecimalField):
    """An amount in kronor as people type it: "24 500", "24500,50"; no exponents, signs or other marks."""

    PATTERN = re.compile(r"\d+(\.\d+)?")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        if text.startswith("-") and self.PATTERN.fullmatch(text[1:]):
            return super().to_python(text)  # the min_value check explains it
        if not self.PATTERN.fullmatch(text):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(text)


class PriceGridForm(forms.Form):
    """Every package's price for several years on one page: one field per package and year.

    An empty field means no price for that year (an existing price emptied is removed).
    """

    def __init__(self, *args, packages, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.packages, self.years = list(packages), list(years)
        for package in self.packages:
            for year in self.years:
                field = KronorField(
                    label=_("Pris för %(package)s %(year)s (kr)") % {"package": package.name, "year": year},
                    required=False, min_value=Decimal("0"), max_digits=12, decimal_places=2,
                    error_messages={"invalid": _("Ange ett pris i kronor, t.ex. 24 500."),
                                    "min_value": _("Priset kan inte vara negativt."),
                                    "max_digits": _("Priset är orimligt stort."),
                                    "max_decimal_places": _("Högst två decimaler (ören).")},
                )
                field.widget = forms.TextInput(attrs={"inputmode": "decimal",
                                                      "class": "form-control form-control-sm text-end"})
                self.fields[self.field_name(package.pk, year)] = field

    @staticmethod
    def field_name(package_id: int, year: int) -> str:
        return f"p{package_id}_{year}"

    def rows(self):
        """Per package: the package and its bound fields in year order (for the template)."""
        return [(package, [self[self.field_name(package.pk, year)] for year in self.years])
                for package in self.packages]

    def prices(self) -> dict[tuple[int, int], Decimal | None]:
        return {(package.pk, year): self.cleaned_data[self.field_name(package.pk, year)]
                for package in self.packages for year in self.years}
