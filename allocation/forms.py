"""Forms of the allocation pages (Swedish labels and messages from the models and here)."""
from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from assignments.models import Consultant, RoleLevel, Sector, Unit

from .models import AvailabilityKind, AvailabilityPeriod, ConsultantProfile, DevelopmentGoal

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProfileForm(forms.ModelForm):
    sectors = forms.MultipleChoiceField(label=_("Sektorer konsulten arbetar med"), choices=Sector.choices,
                                        required=False, widget=forms.CheckboxSelectMultiple)
    role_levels = forms.MultipleChoiceField(label=_("Nivåer konsulten rekryterar till"), choices=RoleLevel.choices,
                                            required=False, widget=forms.CheckboxSelectMultiple)
    assignment_share = forms.DecimalField(
        label=_("Andel av arbetstiden för uppdrag"), required=False, min_value=Decimal("0"), max_value=Decimal("1"),
        max_digits=3, decimal_places=2, localize=True,
        help_text=_("Mellan 0 och 1, till exempel 0,70. Tomt: avdelningens standard."),
        error_messages={"invalid": _("Ange ett tal mellan 0 och 1, till exempel 0,70."),
                        "min_value": _("Andelen kan inte vara mindre än 0."),
                        "max_value": _("Andelen kan inte vara större än 1.")})
    notes = forms.CharField(label=_("Anteckningar"), required=False, max_length=2000, widget=forms.Textarea(
        attrs={"rows": 3}))

    class Meta:
        model = ConsultantProfile
        fields = ["sectors", "role_levels", "test_certified", "assignment_share", "notes"]


class AvailabilityForm(forms.ModelForm):
    class Meta:
        model = AvailabilityPeriod
        fields = ["kind", "starts_on", "ends_on", "fte", "note"]
        widgets = {"starts_on": DATE, "ends_on": DATE}
        localized_fields = ["fte"]
        help_texts = {"fte": _("Bara för deltid, till exempel 0,50. Vid ledighet räknas 0.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fte"].required = False
        self.fields["fte"].min_value = Decimal("0")
        self.fields["fte"].max_value = Decimal("1")

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("Sista dagen kan inte vara före första dagen."))
        if data.get("kind") == AvailabilityKind.PART_TIME and data.get("fte") is None:
            self.add_error("fte", _("Ange tjänstgöringsgraden under deltidsperioden."))
        if data.get("kind") == AvailabilityKind.LEAVE:
            data["fte"] = Decimal("0")
        return data


class GoalForm(forms.ModelForm):
    class Meta:
        model = DevelopmentGoal
        fields = ["text", "role_level", "sector"]
        labels = {"role_level": _("Gäller uppdrag på nivån"), "sector": _("Gäller uppdrag i sektorn")}
        help_texts = {"text": _("Till exempel ”Första chefsrekryteringen med mentor”.")}

    def clean(self):
        data = super().clean()
        if not data.get("role_level") and not data.get("sector"):
            raise forms.ValidationError(_("Välj nivå eller sektor (eller båda), så att förslagen kan se vilka "
                                          "uppdrag som passar målet."))
        return data


class CapacityFilterForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Enhet"), queryset=Unit.objects.order_by("name"), required=False,
                                  empty_label=_("Alla enheter"),
                                  error_messages={"invalid_choice": _("Välj en enhet i listan.")})


def _consultants():
    return Consultant.objects.filter(active=True).order_by("name")


class WishForm(forms.Form):
    onskad = forms.ModelChoiceField(label=_("Kundens önskemål om konsult"), queryset=_consultants(), required=False,
                                    empty_label=_("Inget önskemål"),
                                    error_messages={"invalid_choice": _("Välj en konsult i listan.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["onskad"].queryset = Consultant.objects.order_by("name")


class DecisionForm(forms.Form):
    consultant = forms.ModelChoiceField(label=_("Ansvarig konsult"), queryset=_consultants(),
                                        empty_label=None,
                                        error_messages={"invalid_choice": _("Välj en aktiv konsult i listan."),
                                                        "required": _("Välj en konsult.")})
    version = forms.IntegerField(widget=forms.HiddenInput, error_messages={
        "required": _("Sidan saknar uppdragets version. Ladda om sidan."),
        "invalid": _("Sidan saknar uppdragets version. Ladda om sidan.")})
    onskad = forms.ModelChoiceField(queryset=Consultant.objects.all(), required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultant"].queryset = _consultants()
