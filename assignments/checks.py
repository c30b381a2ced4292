"""System checks of the register."""
from __future__ import annotations

from django.core.checks import Error, Tags, register
from django.db import connections

from . import totals


@register(Tags.database)
def assignment_total_triggers(app_configs=None, databases=None, **kwargs):
    """The triggers that keep AssignmentTotal must exist, or the list sorted by invoiced amount is wrong.

    Run by `manage.py check --database default` and by `migrate`.
    """
    errors = []
    for alias in databases or []:
        connection = connections[alias]
        if connection.vendor not in ("postgresql", "sqlite"):
            continue
        with connection.cursor() as cursor:
            if totals.TOTAL not in connection.introspection.table_names(cursor):
                continue  # not migrated yet
        expected = totals.POSTGRESQL_TRIGGERS if connection.vendor == "postgresql" else len(totals.SQLITE)
        found = totals.triggers_found(connection)
        if found < expected:
            errors.append(Error(
                f"Fakturerat belopp per uppdrag (assignments_assignmenttotal) saknar sina triggrar i "
                f"databasen {alias!r} ({found} av {expected}).",
                hint="Kör `manage.py migrate`; på en databas skapad utan migreringar, kör sedan "
                     "`manage.py shell -c \"from django.db import connection; from assignments import totals; "
                     "totals.install(connection)\"`.",
                id="assignments.E001",
            ))
    return errors
