from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from recruitment.tables import too_large_message


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fil att importera"),
        help_text=_("CSV (komma, semikolon eller tabb mellan fälten; UTF-8 eller Windows-1252) eller Excel (.xlsx) "
                    "med en rubrikrad."),
    )
    create_consultants = forms.BooleanField(
        label=_("Skapa okända konsulter som inaktiva, utan inloggning (konsulter som har slutat)"),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx")):
            raise forms.ValidationError(_("Välj en CSV-fil eller en Excel-fil (.xlsx)."))
        if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(too_large_message())
        return upload
