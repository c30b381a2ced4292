from django import forms
from django.utils.translation import gettext_lazy as _

from .subject import SubjectError, term_check


class SubjectForm(forms.Form):
    term = forms.CharField(label=_("E-postadress eller hela namnet"), max_length=254)
    confirm = forms.BooleanField(
        label=_("Jag har kontrollerat att ingen annan lag kräver att uppgifterna sparas"), required=False)

    def clean_term(self) -> str:
        try:
            return term_check(self.cleaned_data["term"])
        except SubjectError as exc:
            raise forms.ValidationError(str(exc)) from None
