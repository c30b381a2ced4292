from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from assignments.services import today

from .models import Review

TEXT_MAX = 5000


def _text(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=TEXT_MAX, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": 4}))


class ManagerForm(forms.ModelForm):
    """The manager's side: the date, the manager's notes, the goals agreed and the development actions."""

    held_on = forms.DateField(label=_("Samtalet hölls"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}),
                              help_text=_("Lämna tomt tills samtalet är hållet."))
    manager_notes = _text(_("Chefens anteckningar"))
    goals = _text(_("Överenskomna mål"), _("Ett mål per rad."))
    actions = _text(_("Utvecklingsinsatser"), _("En insats per rad."))

    class Meta:
        model = Review
        fields = ["held_on", "manager_notes", "goals", "actions"]

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on is not None and held_on > today():
            raise forms.ValidationError(_("Datumet kan inte ligga i framtiden."))
        return held_on


class ConsultantForm(forms.ModelForm):
    consultant_notes = _text(_("Konsultens anteckningar"))

    class Meta:
        model = Review
        fields = ["consultant_notes"]
