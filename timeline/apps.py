from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "timeline"
    verbose_name = _("Tidplaner")

    def ready(self):
        from . import receivers  # noqa: F401  (connects to the register's signals)
