from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class AggregateUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-fil"),
        help_text=_("Kolumner: year, survey, question, mean, yes_share, n (n får vara tom)."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Filen är för stor (högst 2 MB)."))
        return upload
