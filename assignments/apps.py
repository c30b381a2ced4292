from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssignmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "assignments"
    verbose_name = _("Uppdragsregister")

    def ready(self):
        from django.db.models.signals import post_migrate, pre_migrate

        pre_migrate.connect(_sqlite_totals_off, sender=self)
        post_migrate.connect(_sqlite_totals, sender=self)
        from . import checks  # noqa: F401 - registers the system checks


def _sqlite_totals_off(using, plan=None, **kwargs):
    """Before a migrate that has work to do on SQLite: drop the AssignmentTotal triggers, which a
    table rebuild would otherwise trip over (SQLite re-parses every trigger when it renames a table)."""
    from django.db import connections

    from . import totals

    connection = connections[using]
    if connection.vendor == "sqlite" and plan and totals.TOTAL in connection.introspection.table_names():
        totals.uninstall(connection)


def _sqlite_totals(using, plan=None, **kwargs):
    """SQLite rebuilds a table to alter it and drops its triggers with it: put back the
    AssignmentTotal triggers (and refresh the totals) if a later migration removed them."""
    from django.db import connections

    from . import totals

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    if totals.TOTAL in connection.introspection.table_names() and totals.sqlite_triggers_missing(connection):
        totals.install(connection)
