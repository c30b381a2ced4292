from django import forms
from django.utils.translation import gettext_lazy as _

from assignments.models import Contact, ContactRole, Organisation

TERTIALS = [("", _("Hela året")), ("1", _("T1 (januari–april)")), ("2", _("T2 (januari–augusti)")),
            ("3", _("T3 (januari–december)"))]


class PackForm(forms.Form):
    """Which customer and period: an organisation (a parent company brings its companies), a year, a tertial."""

    organisation = forms.ModelChoiceField(
        label=_("Kund"), queryset=Organisation.objects.order_by("name"),
        error_messages={"required": _("Välj en kund."), "invalid_choice": _("Välj en kund i listan.")})
    year = forms.IntegerField(
        label=_("År"), min_value=2000, max_value=2100,
        error_messages={"required": _("Ange ett år."), "invalid": _("Skriv året med fyra siffror, till exempel 2025."),
                        "min_value": _("Välj ett år mellan 2000 och 2100."),
                        "max_value": _("Välj ett år mellan 2000 och 2100.")})
    tertial = forms.TypedChoiceField(
        label=_("Period"), choices=TERTIALS, coerce=int, empty_value=None, required=False,
        help_text=_("En tertial visar året till och med tertialens slut."),
        error_messages={"invalid_choice": _("Välj hela året eller en tertial.")})


class PackEmailForm(PackForm):
    """The pack to e-mail and the HR contact it goes to (one of the organisation's own HR contacts)."""

    contact = forms.ModelChoiceField(
        label=_("HR-kontakt"), queryset=Contact.objects.filter(role=ContactRole.HR, active=True).exclude(email=""),
        error_messages={"required": _("Välj en HR-kontakt."),
                        "invalid_choice": _("Välj en HR-kontakt med e-postadress i listan.")})
