import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _


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
    cost_centre = forms.CharField(label=_("Kostnadsställe / ansvar"), max_length=60, required=False)
    reference = forms.CharField(label=_("Referensperson"), max_length=200, required=False)
    organisation_number = forms.RegexField(
        label=_("Organisationsnummer"), max_length=20, required=False, regex=r"^\d{6}-?\d{4}$",
        error_messages={"invalid": _("Skriv organisationsnumret som 10 siffror, till exempel 212000-0142.")})


class AssignmentInvoicingForm(forms.Form):
    cost_centre = forms.CharField(label=_("Kostnadsställe / ansvar"), max_length=60, required=False,
                                  help_text=_("Tomt: kundens kostnadsställe gäller."))
    reference = forms.CharField(label=_("Referensperson"), max_length=200, required=False,
                                help_text=_("Tomt: kundens referensperson gäller."))
