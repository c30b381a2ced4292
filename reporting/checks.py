"""System checks of the reporting app."""
from __future__ import annotations

from django.core.checks import Error, Tags, register
from django.db import connections

TALLY_TRIGGERS = 11  # reporting/migrations/0004_survey_tally.py: eight on writes, three on TRUNCATE


@register(Tags.database)
def survey_tally_triggers(app_configs=None, databases=None, **kwargs):
    """On PostgreSQL the survey tally must have its triggers, or the reports would read a tally nobody keeps.

    A database built without migrations (syncdb) has the table but not the triggers. Run by
    `manage.py check --database default` and by `migrate`.
    """
    errors = []
    for alias in databases or []:
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        with connection.cursor() as cursor:
            if "reporting_surveytally" not in connection.introspection.table_names(cursor):
                continue  # not migrated yet
            cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'reporting_tally%'")
            found = cursor.fetchone()[0]
        if found < TALLY_TRIGGERS:
            errors.append(Error(
                f"Enkätsummeringen (reporting_surveytally) saknar sina triggrar i databasen {alias!r} "
                f"({found} av {TALLY_TRIGGERS}).",
                hint="Skapa databasen med `manage.py migrate` (inte syncdb) och kör sedan "
                     "`manage.py rebuild_survey_tally`.",
                id="reporting.E001",
            ))
    return errors
