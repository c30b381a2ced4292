from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllocationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "allocation"
    verbose_name = _("Fördelning av uppdrag")
