from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assignments.models import Assignment
from recruitment.tables import too_large_message
from surveys.models import QuestionType


class VersionCopyForm(forms.Form):
    year = forms.IntegerField(label=_("Gäller från år"), min_value=2000, max_value=2100)


class VersionTranslationsForm(forms.Form):
    """The version's texts in the respondent's other languages; blank shows the Swedish."""

    title_en = forms.CharField(label=_("Rubrik på engelska"), max_length=200, required=False,
                               widget=forms.TextInput(attrs={"lang": "en"}))
    intro_en = forms.CharField(label=_("Inledning på engelska"), widget=forms.Textarea(attrs={"rows": 2, "lang": "en"}),
                               required=False, max_length=5000)
    stem_en = forms.CharField(label=_("Frågestam på engelska"), max_length=300, required=False,
                              widget=forms.TextInput(attrs={"lang": "en"}))
    title_easy = forms.CharField(label=_("Rubrik på lättläst svenska"), max_length=200, required=False)
    intro_easy = forms.CharField(label=_("Inledning på lättläst svenska"), widget=forms.Textarea(attrs={"rows": 2}),
                                 required=False, max_length=5000)
    stem_easy = forms.CharField(label=_("Frågestam på lättläst svenska"), max_length=300, required=False)


class QuestionEditForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("Frågetext"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)
    text_en = forms.CharField(label=_("På engelska"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000,
                              required=False)
    text_easy = forms.CharField(label=_("På lättläst svenska"), widget=forms.Textarea(attrs={"rows": 2}),
                                max_length=1000, required=False)
    required = forms.BooleanField(label=_("Obligatorisk"), required=False)
    order = forms.IntegerField(label=_("Ordning"), min_value=0, max_value=32000)
    delete = forms.BooleanField(label=_("Ta bort"), required=False)


QuestionEditFormSet = forms.formset_factory(QuestionEditForm, extra=0)


class QuestionAddForm(forms.Form):
    key = forms.SlugField(label=_("Nyckel"), max_length=50, required=False,
                          help_text=_("Stabil nyckel som import och rapporter använder, t.ex. planning."))
    text = forms.CharField(label=_("Frågetext"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                           max_length=1000)
    text_en = forms.CharField(label=_("Frågetext på engelska"), widget=forms.Textarea(attrs={"rows": 2, "lang": "en"}),
                              required=False, max_length=1000)
    text_easy = forms.CharField(label=_("Frågetext på lättläst svenska"), widget=forms.Textarea(attrs={"rows": 2}),
                                required=False, max_length=1000)
    qtype = forms.ChoiceField(label=_("Typ"), choices=QuestionType.choices, required=False)
    required = forms.BooleanField(label=_("Obligatorisk"), required=False, initial=True)
    order = forms.IntegerField(label=_("Ordning"), min_value=0, max_value=32000, required=False)

    def clean(self):
        data = super().clean()
        given = [data.get("key"), data.get("text")]
        if any(given) and not all(given):
            raise forms.ValidationError(_("Ange både nyckel och frågetext för en ny fråga."))
        return data


class TrainingSessionForm(forms.Form):
    title = forms.CharField(label=_("Kurstillfälle"), max_length=200)
    held_on = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(label=_("Länken stänger"), widget=forms.DateInput(attrs={"type": "date"}))
    assignment = forms.CharField(label=_("Uppdragsnummer (valfritt)"), max_length=32, required=False)

    def clean_assignment(self):
        reference = self.cleaned_data["assignment"].strip()
        if not reference:
            return None
        assignment = Assignment.objects.filter(reference=reference).select_related(
            "organisation", "lead_consultant").first()
        if assignment is None:
            raise forms.ValidationError(_("Det finns inget uppdrag med nummer %(ref)s.") % {"ref": reference})
        return assignment

    def clean(self):
        data = super().clean()
        if data.get("held_on") and data.get("closes_on") and data["closes_on"] < data["held_on"]:
            self.add_error("closes_on", _("Länken kan inte stänga före kursdatumet."))
        if data.get("closes_on") and data["closes_on"] < timezone.localdate():
            self.add_error("closes_on", _("Datumet har redan passerat."))
        return data


class ManualEvaluationForm(forms.Form):
    manual_mean = forms.DecimalField(label=_("Medelbetyg (1–10)"), min_value=1, max_value=10, max_digits=4,
                                     decimal_places=2, required=False, localize=True)
    manual_count = forms.IntegerField(label=_("Antal svar"), min_value=1, max_value=100000, required=False)

    def clean(self):
        data = super().clean()
        if (data.get("manual_mean") is None) != (data.get("manual_count") is None):
            raise forms.ValidationError(_("Ange både medelbetyg och antal svar, eller lämna båda tomma."))
        return data


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("Fil (CSV eller .xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Filen måste vara en CSV- eller .xlsx-fil."))
        if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(too_large_message())
        return upload
