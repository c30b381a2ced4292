from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reporting"
    verbose_name = _("Rapporter")

    def ready(self):
        from surveys.signals import responses_changed

        from .survey_months import on_responses_changed

        responses_changed.connect(on_responses_changed, dispatch_uid="reporting.survey_months_rebuild")
