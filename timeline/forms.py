"""Forms of the timeline pages."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from assignments.forms import DateInput
from assignments.models import Consultant, Package, Unit

from .steps import Cause, Step


class PlanLayForm(forms.Form):
    start_on = forms.DateField(label=_("Lägg standardtidplanen från (beställnings- eller registreringsdatum)"),
                               widget=DateInput())
    reason = forms.CharField(label=_("Anledning (om en plan redan finns)"), required=False, max_length=300)


class StepMoveForm(forms.Form):
    step = forms.ChoiceField(label=_("Moment"))
    new_date = forms.DateField(label=_("Nytt planerat datum"), widget=DateInput())
    reason = forms.CharField(label=_("Anledning"), max_length=300,
                             help_text=_("Till exempel: chefens kalender styr intervjudagarna."))
    shift_following = forms.BooleanField(label=_("Flytta följande moment lika mycket"), required=False)

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [(s.step, Step(s.step).label) for s in steps]


class StepTickForm(forms.Form):
    step = forms.ChoiceField(label=_("Moment"))
    done_on = forms.DateField(label=_("Klart datum"), widget=DateInput())
    cause = forms.ChoiceField(label=_("Orsak om det blev klart efter planerat datum"), required=False,
                              choices=[("", "—"), *Cause.choices])
    cause_text = forms.CharField(label=_("Annan orsak"), required=False, max_length=300)

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [(s.step, Step(s.step).label) for s in steps]


class StepCauseForm(forms.Form):
    step = forms.ChoiceField(label=_("Försenat moment"))
    cause = forms.ChoiceField(label=_("Orsak"), choices=Cause.choices, widget=forms.RadioSelect)
    cause_text = forms.CharField(label=_("Annan orsak"), required=False, max_length=300)

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [(s.step, Step(s.step).label) for s in steps]


class LateFilterForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Enhet"), queryset=Unit.objects.order_by("name"), required=False,
                                  empty_label=_("Alla enheter"))
    consultant = forms.ModelChoiceField(label=_("Konsult"), required=False, empty_label=_("Alla konsulter"),
                                        queryset=Consultant.objects.filter(active=True).order_by("name"))
    soon = forms.BooleanField(label=_("Visa även moment som snart ska vara klara"), required=False)

    def select_fields(self) -> list[tuple[forms.BoundField, list[tuple[str, str, bool]]]]:
        """(field, [(value, label, selected)]) of the two lists, each read with one plain query: the
        select widget would read them through a server-side cursor and render every option from a template."""
        selects = []
        for name in ("unit", "consultant"):
            field = self[name]
            chosen = str(field.value() or "")
            options = [("", str(field.field.empty_label), not chosen)]
            # plain (pk, name) pairs: a unit and a consultant print as their name
            pairs = field.field.queryset.values_list("pk", "name")
            options += [(str(pk), name, str(pk) == chosen) for pk, name in pairs]
            selects.append((field, options))
        return selects


class StandardStepsForm(forms.Form):
    """Working days from the step before, one field per step; an empty field leaves the step out."""

    def __init__(self, *args, timeline, **kwargs):
        super().__init__(*args, **kwargs)
        days = {s.step: s.days for s in timeline.steps.all()}
        for step in Step:
            self.fields[step.value] = forms.IntegerField(
                label=step.label, required=False, min_value=0, max_value=250, initial=days.get(step.value),
                help_text=_("Arbetsdagar från föregående moment; tomt = ingår inte i paketet."))


class StandardNewYearForm(forms.Form):
    year = forms.IntegerField(label=_("Ny version gäller från år"), min_value=2016, max_value=2100)


class ClosedDayForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    name = forms.CharField(label=_("Anledning"), max_length=100,
                           help_text=_("Till exempel: Julafton, Midsommarafton, klämdag."))


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2016, max_value=2100)


class ProjectPlanLayForm(forms.Form):
    package = forms.ModelChoiceField(
        label=_("Paket"), queryset=Package.objects.filter(standard_timelines__isnull=False).distinct().order_by("name"),
        help_text=_("Projektets uppdrag följer det här paketets standardtidplan."))
    start_on = forms.DateField(label=_("Lägg standardtidplanen från"), widget=DateInput())


class ProjectStepMoveForm(forms.Form):
    step = forms.ChoiceField(label=_("Moment"))
    new_date = forms.DateField(label=_("Nytt planerat datum"), widget=DateInput())
    reason = forms.CharField(label=_("Anledning"), max_length=100,
                             help_text=_("Flyttar momentet i alla uppdrag som följer projektets plan."))

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [(s.step, Step(s.step).label) for s in steps]
