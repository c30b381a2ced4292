from django.apps import AppConfig


class OperationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "operations"
    verbose_name = "Drift"

    def ready(self):
        from recruitment.jobs import periodic_job_recorder_set

        from .services import job_run_record

        periodic_job_recorder_set(job_run_record)
