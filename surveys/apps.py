from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "surveys"
    verbose_name = _("Enkäter")

    def ready(self):
        from assignments.services import assignment_status_changed, hire_changed

        from .services import scheduling

        assignment_status_changed.connect(
            scheduling.on_assignment_status_changed, dispatch_uid="surveys.schedule_on_status")
        hire_changed.connect(scheduling.on_hire_changed, dispatch_uid="surveys.schedule_on_hire")
