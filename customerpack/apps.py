from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomerPackConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "customerpack"
    verbose_name = _("Kundrapporter")
