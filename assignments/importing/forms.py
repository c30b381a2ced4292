from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from recruitment.tables import too_large_message

from . import invoiced_until_default


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
    invoiced_until = forms.DateField(
        label=_("Fakturerat till och med"),
        help_text=_("Uppdrag som avslutades eller avbröts senast denna dag räknas som redan fakturerade: "
                    "nästa fakturaunderlag tar bara med det som är nytt. Tomt: inget räknas som fakturerat."),
        initial=invoiced_until_default, required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx")):
            raise forms.ValidationError(_("Välj en CSV-fil eller en Excel-fil (.xlsx)."))
        if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(too_large_message())
        return upload
