from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from assignments.models import Consultant, Unit

from .measures import MEASURES
from .models import FigurePeriod, Goal, Indicator, Source, SurveyScope

PERIOD_CHOICES = [("T1", "T1"), ("T2", "T2"), ("T3", "T3"), ("year", _("Helår"))]


class ScopeForm(forms.Form):
    tertial = forms.ChoiceField(label=_("Period (hittills i år)"), choices=PERIOD_CHOICES, required=False)
    konsult = forms.ModelChoiceField(label=_("Konsult"), queryset=Consultant.objects.filter(active=True),
                                     required=False, empty_label=_("Hela avdelningen"),
                                     widget=forms.Select(attrs={"class": "form-select"}))
    enhet = forms.ModelChoiceField(label=_("Enhet"), queryset=Unit.objects.all(), required=False,
                                   empty_label=_("Alla enheter"), widget=forms.Select(attrs={"class": "form-select"}))


class IndicatorForm(forms.ModelForm):
    measure = forms.ChoiceField(label=_("Mått (för beräknade)"), required=False)

    class Meta:
        model = Indicator
        fields = ["goal", "key", "name", "target", "target_text", "kf_target", "periodicity", "unit", "direction",
                  "source", "measure", "params", "order"]
        widgets = {"name": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.filter(plan=self.instance.plan)
        self.fields["measure"].choices = [("", "—")] + [(k, f"{m.label} ({k})") for k, m in MEASURES.items()]
        self.fields["key"].help_text = _("Inmatade siffror och jämförelser mellan år hittas med nyckeln.")

    def clean(self):
        data = super().clean()
        if data.get("source") in (Source.COMPUTED, Source.AMI) and not data.get("measure"):
            self.add_error("measure", _("Välj ett mått för en beräknad indikator."))
        if data.get("source") == Source.ENTERED:
            data["measure"] = ""
        if not isinstance(data.get("params"), dict):
            self.add_error("params", _("Parametrarna måste vara ett JSON-objekt, t.ex. {}."))
        return data


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["level", "parent", "number", "text", "expected_result", "way_of_working", "follow_up",
                  "predecessor", "order"]
        widgets = {f: forms.Textarea(attrs={"rows": 3})
                   for f in ["text", "expected_result", "way_of_working", "follow_up"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Goal.objects.filter(plan=self.instance.plan).exclude(pk=self.instance.pk)
        self.fields["predecessor"].queryset = Goal.objects.filter(
            plan__year__lt=self.instance.plan.year).select_related("plan")
        self.fields["predecessor"].label_from_instance = lambda g: f"{g.plan.year}: {g.text[:100]}"


class FigurePeriodForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), choices=FigurePeriod.choices)


class FiguresForm(forms.Form):
    """One value and one note per figure the plan takes from outside (built from figure specs)."""

    def __init__(self, *args, specs, **kwargs):
        super().__init__(*args, **kwargs)
        self.specs = specs
        for spec in specs:
            self.fields[spec.field] = forms.DecimalField(
                label=spec.label, required=False, min_value=Decimal(0), max_digits=14, decimal_places=4,
                disabled=spec.unavailable, help_text=spec.help_text,
                error_messages={"invalid": _("Ange ett tal."), "min_value": _("Talet kan inte vara negativt.")},
            )
            self.fields[spec.field].localize = True
            self.fields[spec.field].widget.is_localized = True
            self.fields[f"{spec.field}_note"] = forms.CharField(
                label=_("Kommentar/underlag: %(label)s") % {"label": spec.label}, required=False, max_length=500,
                disabled=spec.unavailable,
            )

    def rows(self):
        return [(spec, self[spec.field], self[f"{spec.field}_note"]) for spec in self.specs]


MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class _SmallFileForm(forms.Form):
    """A CSV read whole into memory: refused above MAX_UPLOAD_BYTES."""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Filen är för stor (högst 2 MB)."))
        return upload


class FigureFileForm(_SmallFileForm):
    file = forms.FileField(label=_("CSV-fil (year, period, key, organisation, value, note)"))


class EmployeeSurveyFileForm(_SmallFileForm):
    file = forms.FileField(label=_("CSV-fil (area, statement, n1, n2, n3, n4, n5, no_opinion)"))
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    scope = forms.ChoiceField(label=_("Omfattning"), choices=SurveyScope.choices)
    official_total = forms.DecimalField(label=_("Stadens publicerade AMI (valfritt)"), required=False,
                                        min_value=Decimal(0), max_value=Decimal(100), decimal_places=2)
