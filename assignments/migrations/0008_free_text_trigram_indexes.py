"""Trigram indexes for the list's free-text search (PostgreSQL only; SQLite has no GIN and scans).

The search is Django's icontains, UPPER(column::text) LIKE UPPER('%text%'), so each index is on
UPPER(column) with gin_trgm_ops: it answers the same expression, unchanged results.

fastupdate is off: with it, new rows wait in a pending list that every search reads through
until a (auto)vacuum merges it, and searches slowed down threefold after a bulk import. The
register is read far more often than written, so each insert updates the index directly.
"""
from django.db import migrations

INDEXES = {
    "assignment_reference_trgm": ("assignments_assignment", "reference"),
    "assignment_role_title_trgm": ("assignments_assignment", "role_title"),
    "organisation_name_trgm": ("assignments_organisation", "name"),
    "contact_name_trgm": ("assignments_contact", "name"),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, (table, column) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (UPPER({column}) gin_trgm_ops) "
            "WITH (fastupdate = off)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ('assignments', '0007_assignment_total'),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
