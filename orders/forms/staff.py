"""The intake queue's forms: correct an order, accept it with a consultant, decline it."""
from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assignments.models import Consultant, OrderAs, Organisation, Package

from ..models import MAX_TEXT, Order
from .public import DateInput


class OrderEditForm(forms.ModelForm):
    """What a coordinator corrects or completes before accepting; the customer's own answers to the
    start-meeting questions stay as they were given."""

    class Meta:
        model = Order
        fields = ["organisation", "contact_name", "phone", "cost_centre", "invoice_reference", "role_title",
                  "role_level", "sector", "positions", "package", "addons", "wished_start", "wished_consultant",
                  "recruited_before", "other"]
        widgets = {"wished_start": DateInput(), "other": forms.Textarea(attrs={"rows": 3}),
                   "addons": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.organisation_id or 0
        self.fields["organisation"].queryset = Organisation.objects.filter(Q(active=True) | Q(pk=current))
        self.fields["organisation"].required = True
        self.fields["package"].queryset = Package.objects.filter(
            Q(offered=True) | Q(pk=self.instance.package_id or 0)).order_by("name")
        self.fields["addons"].queryset = Package.objects.filter(offered=True, order_as=OrderAs.ADDON)
        self.fields["wished_consultant"].queryset = Consultant.objects.filter(active=True)

    def clean(self):
        data = super().clean()
        if data.get("organisation") is not None:
            data["organisation_name"] = data["organisation"].name
        return data


class AcceptForm(forms.Form):
    """The consultant chosen when accepting: any active consultant, the ranked proposal's first (allocation/)
    chosen in advance; the page lists the proposal with its reasons beside the form."""

    lead_consultant = forms.ModelChoiceField(label=_("Ansvarig konsult"), queryset=None,
                                             empty_label=_("Välj konsult"))
    start_meeting_on = forms.DateField(label=_("Planerat uppstartsmöte"), widget=DateInput(),
                                       help_text=_("Tidplanen läggs från det här datumet."))

    def __init__(self, *args, order: Order | None = None, proposal=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.order = order
        self.fields["lead_consultant"].queryset = self.consultants()
        first = next((p for p in proposal if p.excluded is None), None)  # the proposal's rank 1
        if first is not None and not self.is_bound:
            self.initial.setdefault("lead_consultant", first.consultant.pk)
        elif order is not None and order.wished_consultant_id and not self.is_bound:
            self.initial.setdefault("lead_consultant", order.wished_consultant_id)

    def consultants(self):
        return Consultant.objects.filter(active=True).order_by("name")

    def clean_start_meeting_on(self):
        day = self.cleaned_data["start_meeting_on"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("Uppstartsmötet kan inte planeras till ett datum som har passerat."))
        return day


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Skäl"), max_length=MAX_TEXT,
                             help_text=_("Skälet skickas till kunden via e-post."),
                             widget=forms.Textarea(attrs={"rows": 3}))


class MessageForm(forms.Form):
    text = forms.CharField(label=_("Meddelande till konsulten"), max_length=MAX_TEXT,
                           widget=forms.Textarea(attrs={"rows": 4}))
