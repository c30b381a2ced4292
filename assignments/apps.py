from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssignmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "assignments"
    verbose_name = _("Uppdragsregister")

    def ready(self):
        from django.db.models.signals import post_migrate

        post_migrate.connect(_sqlite_totals, sender=self)


def _sqlite_totals(using, plan=None, **kwargs):
    """SQLite rebuilds a table to alter it and drops its triggers with it: put back the
    AssignmentTotal triggers (and refresh the totals) if a later migration removed them."""
    from django.db import connections

    from . import totals

    connection = connections[using]
    if connection.vendor != "sqlite" or not plan:
        return
    if totals.TOTAL in connection.introspection.table_names() and totals.sqlite_triggers_missing(connection):
        totals.install(connection)
