"""Free text that ignores accents and case, word by word (assignments/search.py).

PostgreSQL: the `unaccent` extension, an immutable `sf_fold(text)` = upper(unaccent(text)) that
indexes may use, and a trigram index on `sf_fold(column)` for every searched column (the old
indexes on UPPER(column) answered the old query only). SQLite registers sf_fold per connection
and scans. The extensions need a database user with the CREATE privilege (PostgreSQL 13+; else a
superuser runs `CREATE EXTENSION unaccent` once). Everything is spelled out here, not imported,
so this migration never changes.
"""
from django.db import migrations

OLD_INDEXES = {
    "assignment_reference_trgm": ("assignments_assignment", "reference"),
    "assignment_role_title_trgm": ("assignments_assignment", "role_title"),
    "organisation_name_trgm": ("assignments_organisation", "name"),
    "contact_name_trgm": ("assignments_contact", "name"),
}
INDEXES = {
    "assignment_reference_fold_trgm": ("assignments_assignment", "reference"),
    "assignment_role_title_fold_trgm": ("assignments_assignment", "role_title"),
    "organisation_name_fold_trgm": ("assignments_organisation", "name"),
    "contact_name_fold_trgm": ("assignments_contact", "name"),
    "consultant_name_fold_trgm": ("assignments_consultant", "name"),
    "project_name_fold_trgm": ("assignments_project", "name"),
}
# The dictionary is named with its schema so that the function gives the same result whatever
# the caller's search_path: what makes declaring it IMMUTABLE (and indexing it) sound.
FOLD = (
    "CREATE OR REPLACE FUNCTION sf_fold(text) RETURNS text "
    "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT "
    "AS $$ SELECT upper(public.unaccent('public.unaccent'::regdictionary, $1)) $$"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public")
    schema_editor.execute(FOLD)
    for name in OLD_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    for name, (table, column) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (sf_fold({column}) gin_trgm_ops) "
            "WITH (fastupdate = off)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    for name, (table, column) in OLD_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (UPPER({column}) gin_trgm_ops) "
            "WITH (fastupdate = off)"
        )
    schema_editor.execute("DROP FUNCTION IF EXISTS sf_fold(text)")


class Migration(migrations.Migration):

    dependencies = [
        ("assignments", "0008_free_text_trigram_indexes"),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
