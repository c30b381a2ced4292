from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = "Konton"

    def ready(self):
        from . import checks  # noqa: F401 - registers the city log-in's configuration check
