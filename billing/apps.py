from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "billing"
    verbose_name = _("Fakturering")

    def ready(self):
        from . import receivers  # noqa: F401  (connects to the register's import signal)
