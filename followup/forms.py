"""Forms of the contact log, the account managers and the After Action Reviews; every rule a person
can break gets a Swedish message."""
from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from assignments.models import Consultant, Contact, Organisation

from .models import AarAction, AfterActionReview, CustomerContact

EARLIEST = dt.date(2000, 1, 1)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _staff(chosen=()) -> forms.ModelMultipleChoiceField:
    """Active consultants, plus any already chosen who have since left."""
    return Consultant.objects.filter(Q(active=True) | Q(pk__in=[c.pk for c in chosen])).order_by("name")


def _not_in_future(day: dt.date | None, today: dt.date, message) -> None:
    if day is not None and day > today:
        raise ValidationError(message)


class CustomerContactForm(forms.ModelForm):
    """A logged contact: the organisation is the page's; the customer's participants are its contacts."""

    class Meta:
        model = CustomerContact
        fields = ["held_on", "kind", "staff", "contacts", "note"]
        widgets = {"held_on": DateInput(), "staff": forms.CheckboxSelectMultiple,
                   "contacts": forms.CheckboxSelectMultiple, "note": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "held_on": {"required": _("Ange datum för kontakten."), "invalid": _("Ange datumet som ÅÅÅÅ-MM-DD.")},
            "kind": {"required": _("Välj typ av kontakt."),
                     "invalid_choice": _("Välj en av typerna i listan.")},
            "staff": {"required": _("Välj minst en person från SF."),
                      "invalid_choice": _("Välj personer från SF i listan."),
                      "invalid_pk_value": _("Välj personer från SF i listan.")},
            "contacts": {"invalid_choice": _("Välj bara kontaktpersoner hos den här organisationen."),
                         "invalid_pk_value": _("Välj bara kontaktpersoner hos den här organisationen.")},
            "note": {"max_length": _("Anteckningen får vara högst %(limit_value)d tecken.")},
        }

    def __init__(self, *args, organisation: Organisation, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        chosen = list(self.instance.staff.all()) if self.instance.pk else []
        self.fields["staff"].queryset = _staff(chosen)
        self.fields["contacts"].queryset = Contact.objects.filter(organisation=organisation).order_by("name")
        self.fields["contacts"].help_text = _("Kontaktpersoner hos kunden som deltog (rekryterande chefer och HR).")

    def clean_held_on(self):
        day = self.cleaned_data["held_on"]
        _not_in_future(day, self.today, _("Datumet kan inte ligga i framtiden: logga kontakten när den har ägt rum."))
        if day < EARLIEST:
            raise ValidationError(_("Datumet kan inte vara före 2000-01-01."))
        return day


class AccountManagersForm(forms.Form):
    consultants = forms.ModelMultipleChoiceField(
        label=_("Kundansvariga"), queryset=Consultant.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Konsulter från SF som är kundansvariga för organisationen. Ingen vald tar bort alla."),
        error_messages={"invalid_choice": _("Välj kundansvariga i listan."),
                        "invalid_pk_value": _("Välj kundansvariga i listan.")},
    )

    def __init__(self, *args, current=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultants"].queryset = _staff(current)
        self.fields["consultants"].initial = [c.pk for c in current]


class AfterActionReviewForm(forms.ModelForm):
    class Meta:
        model = AfterActionReview
        fields = ["held_on", "participants", "other_participants", "planned", "happened", "went_well", "improve"]
        widgets = {"held_on": DateInput(), "participants": forms.CheckboxSelectMultiple,
                   **{f: forms.Textarea(attrs={"rows": 3}) for f in ("planned", "happened", "went_well", "improve")}}
        error_messages = {
            "held_on": {"required": _("Ange datum för genomgången."), "invalid": _("Ange datumet som ÅÅÅÅ-MM-DD.")},
            "participants": {"required": _("Välj minst en deltagare från SF."),
                             "invalid_choice": _("Välj deltagare från SF i listan."),
                             "invalid_pk_value": _("Välj deltagare från SF i listan.")},
            "planned": {"required": _("Beskriv vad som var planerat.")},
            "happened": {"required": _("Beskriv vad som hände.")},
            "went_well": {"required": _("Beskriv vad som gick bra.")},
            "improve": {"required": _("Beskriv vad som kan förbättras.")},
            "other_participants": {"max_length": _("Högst %(limit_value)d tecken.")},
        }

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        chosen = list(self.instance.participants.all()) if self.instance.pk else []
        self.fields["participants"].queryset = _staff(chosen)
        for name in ("planned", "happened", "went_well", "improve"):
            self.fields[name].error_messages["max_length"] = _("Högst %(limit_value)d tecken.")

    def clean_held_on(self):
        day = self.cleaned_data["held_on"]
        _not_in_future(day, self.today, _(
            "Datumet kan inte ligga i framtiden: registrera genomgången när den har hållits."))
        if day < EARLIEST:
            raise ValidationError(_("Datumet kan inte vara före 2000-01-01."))
        return day


class AarActionForm(forms.ModelForm):
    class Meta:
        model = AarAction
        fields = ["description", "owner", "due_on", "done_on"]
        widgets = {"due_on": DateInput(), "done_on": DateInput()}
        error_messages = {
            "description": {"required": _("Beskriv åtgärden."),
                            "max_length": _("Åtgärden får vara högst %(limit_value)d tecken.")},
            "owner": {"required": _("Välj vem som ansvarar för åtgärden."),
                      "invalid_choice": _("Välj en ansvarig i listan.")},
            "due_on": {"required": _("Ange när åtgärden ska vara klar."), "invalid": _("Ange datumet som ÅÅÅÅ-MM-DD.")},
            "done_on": {"invalid": _("Ange datumet som ÅÅÅÅ-MM-DD.")},
        }

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        owner_id = self.instance.owner_id if self.instance.pk else None
        self.fields["owner"].queryset = Consultant.objects.filter(Q(active=True) | Q(pk=owner_id)).order_by("name")

    def clean_done_on(self):
        day = self.cleaned_data.get("done_on")
        _not_in_future(day, self.today, _("Klart-datumet kan inte ligga i framtiden."))
        return day


class BaseActionFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, today: dt.date, **kwargs):
        self.today = today
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "today": self.today}

    def clean(self):
        super().clean()
        held_on = self.instance.held_on
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form) or not hasattr(form, "cleaned_data"):
                continue
            due = form.cleaned_data.get("due_on")
            if held_on and due and due < held_on:
                form.add_error("due_on", _("Åtgärden kan inte vara klar senast före genomgångens datum."))


ActionFormSet = forms.inlineformset_factory(
    AfterActionReview, AarAction, form=AarActionForm, formset=BaseActionFormSet, extra=2, can_delete=True,
)
