"""Browser forms for the register: assignment, status change, billing and hires."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from crispy_forms.bootstrap import InlineCheckboxes
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from .models import (
    Assignment,
    BillingKind,
    Consultant,
    Contact,
    Organisation,
    Package,
    Project,
    Status,
)
from .services import addon_packages, today
from .typeahead import consultants_matching, contacts_matching, organisations_matching
from .widgets import TypeaheadChoiceField


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PackageSelect(forms.Select):
    """Each option carries the package's survey default, so that the form's script can set the
    customer-survey checkbox (off, with reason "omtag" for OMTAG) when a new assignment picks it."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-survey-default"] = "1" if instance.customer_survey_default else "0"
            option["attrs"]["data-code"] = instance.code
        return option


def _active_or_current(queryset, current_ids):
    """Active rows, plus whatever the assignment already points to (an inactive customer stays shown)."""
    return queryset.filter(Q(active=True) | Q(pk__in=[i for i in current_ids if i]))


def organisation_field(**kwargs) -> TypeaheadChoiceField:
    kwargs.setdefault("label", _("Kund"))
    return TypeaheadChoiceField(
        Organisation.objects.all(), noun=_("kund"), nouns=_("kunder"),
        match=lambda qs, text, _narrow: organisations_matching(text, queryset=qs),
        suggest_url="assignments:suggest_organisations",
        help_text=_("Skriv en del av namnet och välj bland förslagen."), **kwargs,
    )


def consultant_field(**kwargs) -> TypeaheadChoiceField:
    return TypeaheadChoiceField(
        Consultant.objects.all(), noun=_("konsult"), nouns=_("konsulter"),
        match=lambda qs, text, _narrow: consultants_matching(text, queryset=qs),
        suggest_url="assignments:suggest_consultants",
        help_text=_("Skriv en del av namnet och välj bland förslagen."), **kwargs,
    )


class AssignmentForm(forms.ModelForm):
    """Create and edit an assignment; `version` carries the version the form was loaded with.

    Customer, hiring manager and lead consultant are type-aheads (assignments/widgets.py): typed
    names are resolved here, a hiring manager within the chosen customer."""

    organisation = organisation_field()
    contact = TypeaheadChoiceField(
        Contact.objects.all(), label=_("Rekryterande chef"), noun=_("rekryterande chef"),
        nouns=_("rekryterande chefer"),
        match=lambda qs, text, organisation: contacts_matching(text, organisation=organisation, queryset=qs),
        suggest_url="assignments:suggest_contacts", narrow_by="organisation", required=False,
        help_text=_("Skriv en del av namnet; förslagen gäller den valda kunden."),
        group_of=lambda contact: contact.organisation_id,
    )
    lead_consultant = consultant_field(label=_("Ansvarig konsult"))

    redo_reference = forms.CharField(
        label=_("Omtag av (uppdragsnummer)"), required=False, max_length=32,
        help_text=_("Om uppdraget är ett omtag: numret på det uppdrag som görs om, t.ex. 2025-0142."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Assignment
        fields = [
            "organisation", "contact", "sector", "role_title", "role_level", "lead_consultant",
            "co_consultants", "project", "package", "ordered_on", "applicants", "personal_letter",
            "screening", "screened_candidates", "search_used", "hours", "surveys_enabled",
            "no_survey_reason", "notes",
        ]
        widgets = {
            "ordered_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "co_consultants": forms.CheckboxSelectMultiple,
            "package": PackageSelect(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        inst = self.instance
        self.fields["organisation"].queryset = _active_or_current(Organisation.objects.all(), [inst.organisation_id])
        self.fields["contact"].queryset = _active_or_current(
            Contact.objects.select_related("organisation"), [inst.contact_id]
        ).order_by("organisation__name", "name")
        consultants = Consultant.objects.order_by("name")
        current = [inst.lead_consultant_id]
        if inst.pk:
            current += list(inst.co_consultants.values_list("pk", flat=True))
        self.fields["lead_consultant"].queryset = _active_or_current(consultants, current)
        self.fields["co_consultants"].queryset = _active_or_current(consultants, current)
        self.fields["package"].queryset = Package.objects.filter(Q(offered=True) | Q(pk=inst.package_id or 0))
        self.fields["project"].queryset = Project.objects.order_by("name")
        if not inst.pk:
            self.fields["ordered_on"].initial = today()
        else:
            self.fields["version"].initial = inst.version
            if inst.redo_of_id:
                self.fields["redo_reference"].initial = inst.redo_of.reference
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(_("Kund och tjänst"), "organisation", "contact", "sector", "role_title", "role_level"),
            Fieldset(_("Uppdrag"), "lead_consultant", InlineCheckboxes("co_consultants"), "project", "redo_reference",
                     "package", "ordered_on"),
            Fieldset(_("Urval och tid"), "applicants", "personal_letter", "screening", "screened_candidates",
                     "search_used", "hours"),
            Fieldset(_("Kundenkät"), "surveys_enabled", "no_survey_reason"),
            "notes", "version",
        )

    def clean_hours(self):
        """The total may not fall below the weekly hours reported (assignments.hours: baseline + entries)."""
        hours = self.cleaned_data["hours"]
        if self.instance.pk:
            reported = self.instance.hours_entries.aggregate(total=Sum("hours"))["total"]
            if reported and (hours is None or hours < reported):
                raise forms.ValidationError(
                    _("Nedlagda timmar kan inte vara färre än de timmar som rapporterats per vecka (%(h)s)."),
                    params={"h": f"{reported.normalize():f}".replace(".", ",")})
        return hours

    def clean_organisation(self):
        organisation = self.cleaned_data["organisation"]
        self.fields["contact"].narrowed_to = organisation
        return organisation

    def clean_redo_reference(self):
        reference = self.cleaned_data["redo_reference"].strip()
        if not reference:
            return None
        found = Assignment.objects.filter(reference=reference).first()
        if found is None:
            raise forms.ValidationError(_("Det finns inget uppdrag med nummer %(ref)s."), params={"ref": reference})
        if self.instance.pk and found.pk == self.instance.pk:
            raise forms.ValidationError(_("Ett uppdrag kan inte vara omtag av sig självt."))
        return found

    def clean(self):
        data = super().clean()
        org, contact = data.get("organisation"), data.get("contact")
        if org and contact and contact.organisation_id != org.pk:
            self.add_error("contact", _("Den rekryterande chefen hör till en annan kund än den valda."))
        if data.get("surveys_enabled") is False and not data.get("no_survey_reason"):
            self.add_error("no_survey_reason", _("Ange varför ingen kundenkät ska skickas."))
        if data.get("surveys_enabled"):
            data["no_survey_reason"] = ""
        if data.get("screened_candidates") and not data.get("screening"):
            self.add_error("screening", _("Kryssa i screeningtester när du anger antal screenade kandidater."))
        lead, co = data.get("lead_consultant"), data.get("co_consultants")
        if lead and co and lead in co:
            self.add_error("co_consultants", _("Den ansvariga konsulten kan inte också vara medkonsult."))
        if self.instance.pk and self.data and data.get("version") is None:
            self.add_error(None, _("Formuläret saknar versionsnummer. Ladda om sidan."))
        return data

    def assignment_data(self) -> dict:
        """Cleaned values for the services, keyed by model field."""
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("co_consultants", "version", "redo_reference")}
        data["redo_of"] = self.cleaned_data.get("redo_reference")
        return data


def _likely_next(current: str, allowed: list[str]) -> str | None:
    """The first forward move (the usual next step) rather than the step back listed before it."""
    order = list(Status.values)
    forward = [s for s in allowed if order.index(s) > order.index(current)]
    return (forward or allowed or [None])[0]


@dataclass(frozen=True, slots=True)
class StatusControl:
    """What the one-step status control (`_status_form.html`) shows for an assignment: the moves offered,
    the one chosen first, and whether to ask for the hire. Built without a form instance, so "Mina uppdrag"
    pays nothing per row beyond these values; `StatusChangeForm` validates the post."""

    assignment_id: int
    choices: list[tuple[str, str]]
    selected: str | None
    asks_for_hire: bool
    on: dt.date  # the date offered: today

    @classmethod
    def of(cls, assignment: Assignment, *, has_hires: bool, on: dt.date | None = None) -> StatusControl:
        allowed = assignment.allowed_next_statuses()
        return cls(assignment.pk, [(s, Status(s).label) for s in allowed], _likely_next(assignment.status, allowed),
                   not has_hires and Status.CLOSED_HIRED in allowed, on or today())

    @property
    def id_prefix(self) -> str:
        """Each row's fields have their own ids (`id_s-<pk>_to_status`)."""
        return f"id_s-{self.assignment_id}_"

    @property
    def fields(self) -> dict:
        """The form's fields, for their labels and names."""
        return StatusChangeForm.base_fields


class StatusChangeForm(forms.Form):
    """One step: next status, its date, and the hire when closing with a hire and none is registered."""

    to_status = forms.ChoiceField(label=_("Ny status"))
    on = forms.DateField(label=_("Datum"), widget=DateInput())
    hire_name = forms.CharField(label=_("Tillsatt kandidat (namn)"), required=False, max_length=200)
    hire_email = forms.EmailField(label=_("Kandidatens e-post"), required=False)
    hire_start_date = forms.DateField(label=_("Startdatum"), required=False, widget=DateInput())
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, assignment: Assignment, has_hires: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.assignment = assignment
        self.has_hires = has_hires
        self.control = StatusControl.of(assignment, has_hires=has_hires)
        self.fields["to_status"].choices = self.control.choices
        self.fields["to_status"].initial = self.control.selected
        self.fields["on"].initial = self.control.on
        self.auto_id = f"{self.control.id_prefix}%s"
        if has_hires:
            for name in ("hire_name", "hire_email", "hire_start_date"):
                del self.fields[name]

    @property
    def asks_for_hire(self) -> bool:
        return self.control.asks_for_hire

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on > today():
            raise forms.ValidationError(_("Datumet kan inte ligga i framtiden."))
        if on < self.assignment.ordered_on:
            raise forms.ValidationError(_("Datumet kan inte vara före beställningsdatumet."))
        return on

    def clean(self):
        data = super().clean()
        if data.get("to_status") == Status.CLOSED_HIRED and not self.has_hires and not data.get("hire_name"):
            self.add_error("hire_name", _("Ange namnet på den som tillsattes för att avsluta med tillsättning."))
        return data


class PackageOverrideForm(forms.Form):
    amount = forms.DecimalField(label=_("Belopp (kr)"), min_value=Decimal("0"), max_digits=12, decimal_places=2)
    reason = forms.CharField(label=_("Skäl till avvikande pris"), max_length=200)

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Ange ett skäl till det avvikande priset."))
        return reason


class AddonForm(forms.Form):
    """Extra hours, digital references, or an add-on package (`addon:<pk>`, e.g. Searchpaket)."""

    kind = forms.ChoiceField(label=_("Tillägg"))
    quantity = forms.DecimalField(
        label=_("Antal"), min_value=Decimal("0.5"), max_digits=9, decimal_places=2,
        help_text=_("Timmar, antal kandidater eller antal paket."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.packages = {f"addon:{p.pk}": p for p in addon_packages().filter(offered=True)}
        self.fields["kind"].choices = [
            (BillingKind.EXTRA_HOURS, _("Extra timmar (årets timpris)")),
            (BillingKind.REFERENCES, _("Digitala referenser (per kandidat)")),
            *[(key, package.name) for key, package in self.packages.items()],
        ]

    def clean(self):
        data = super().clean()
        key = data.get("kind")
        data["package"] = self.packages.get(key)
        if data["package"] is not None:
            data["kind"] = BillingKind.ADDON
        return data


class HireForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=200)
    email = forms.EmailField(label=_("E-post"), required=False)
    start_date = forms.DateField(label=_("Startdatum"), required=False, widget=DateInput())
