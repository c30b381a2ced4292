import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import COST_CENTRE_LENGTH


class MonthForm(forms.Form):
    month = forms.DateField(label=_("Månad"), input_formats=["%Y-%m"], help_text=_("ÅÅÅÅ-MM"),
                            error_messages={"invalid": _("Skriv månaden som ÅÅÅÅ-MM, till exempel 2025-05.")},
                            widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"))

    def clean_month(self):
        month = self.cleaned_data["month"]
        if not dt.date(2000, 1, 1) <= month <= dt.date(2100, 12, 1):
            raise forms.ValidationError(_("Välj en månad mellan 2000 och 2100."))
        return month.replace(day=1)


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Skäl till att underlaget öppnas igen"), max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}))


class OrganisationInvoicingForm(forms.Form):
    cost_centre = forms.CharField(label=_("Kostnadsställe / ansvar"), max_length=COST_CENTRE_LENGTH, required=False)
    reference = forms.CharField(label=_("Referensperson"), max_length=200, required=False)
    organisation_number = forms.RegexField(
        label=_("Organisationsnummer"), max_length=20, required=False, regex=r"^\d{6}-?\d{4}$",
        error_messages={"invalid": _("Skriv organisationsnumret som 10 siffror, till exempel 212000-0142.")})


class AssignmentInvoicingForm(forms.Form):
    cost_centre = forms.CharField(label=_("Kostnadsställe / ansvar"), max_length=COST_CENTRE_LENGTH, required=False,
                                  help_text=_("Tomt: kundens kostnadsställe gäller."))
    reference = forms.CharField(label=_("Referensperson"), max_length=200, required=False,
                                help_text=_("Tomt: kundens referensperson gäller."))


class MoneyForm(forms.Form):
    """The money page's choices: a year, optionally a month (year to date through it), and a unit or a consultant."""

    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100,
                              error_messages={"invalid": _("Skriv året med fyra siffror, till exempel 2026."),
                                              "min_value": _("Välj ett år mellan 2000 och 2100."),
                                              "max_value": _("Välj ett år mellan 2000 och 2100."),
                                              "required": _("Ange ett år.")})
    month = forms.TypedChoiceField(
        label=_("Till och med månad"), required=False, coerce=int, empty_value=None,
        choices=[("", _("Hittills i år"))] + [(m, name) for m, name in enumerate(
            ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
             "november", "december"), start=1)],
        error_messages={"invalid_choice": _("Välj en månad i listan.")})
    unit = forms.ModelChoiceField(label=_("Enhet"), required=False, queryset=None, empty_label=_("Hela avdelningen"),
                                  error_messages={"invalid_choice": _("Välj en enhet i listan.")})
    consultant = forms.ModelChoiceField(label=_("Konsult"), required=False, queryset=None,
                                        empty_label=_("Alla konsulter"),
                                        error_messages={"invalid_choice": _("Välj en konsult i listan.")})

    def __init__(self, *args, **kwargs):
        from assignments.models import Consultant, Unit

        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.order_by("name")
        self.fields["consultant"].queryset = Consultant.objects.order_by("name")

    def choices_load(self) -> None:
        """The unit and consultant lists, read for the page once each (a model choice field's own choices
        count their rows first and then read them through a server-side cursor: three round trips a list)."""
        for name in ("unit", "consultant"):
            field = self.fields[name]
            field.choices = [("", field.empty_label)] + [(obj.pk, field.label_from_instance(obj))
                                                         for obj in field.queryset]

    def clean(self):
        data = super().clean()
        if data.get("unit") and data.get("consultant"):
            raise forms.ValidationError(_("Välj antingen en enhet eller en konsult, inte båda."))
        return data
