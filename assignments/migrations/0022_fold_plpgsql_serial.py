"""`sf_fold` (migrations 0009, 0017) in PL/pgSQL and PARALLEL RESTRICTED: same results, a fifth of the time per row,
and the free-text search never planned with parallel workers.

- A SQL-language function that cannot be inlined (this one calls the STABLE `unaccent` while declared
  IMMUTABLE, so PostgreSQL never inlines it) runs through the SQL-function executor on every call,
  about 6 us a row; the same body in PL/pgSQL, whose expressions are prepared once per session, about
  1 us. The search folds every name a word's trigrams point to (for a word in most contact names,
  every contact), so this is the search's cost per matching row.
- PARALLEL RESTRICTED keeps the scans that fold out of parallel workers. At 50,000 assignments the
  planner, which cannot size the search's `= ANY(ARRAY(...))` conditions, chose a parallel bitmap scan
  for every search; starting a worker cost 20-35 ms on a busy 2-core server while the whole search
  (a few hundred rows) took 1-10 ms serially, and the page slowed with the register's size only
  because the table grew past the planner's parallel threshold.

The results are the same for every text (the same CASE, now an IF), so the trigram indexes on
sf_fold(column) stay valid and are not rebuilt. PostgreSQL only (SQLite folds in Python,
assignments/search.py). Everything is spelled out here, not imported, so this migration never changes.
"""
from django.db import migrations

FOLD_BEFORE = (
    "CREATE OR REPLACE FUNCTION sf_fold(text) RETURNS text "
    "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT "
    "AS $$ SELECT CASE WHEN $1 !~ '[^\\x01-\\x7f]' THEN upper($1) "
    "ELSE upper(public.unaccent('public.unaccent'::regdictionary, $1)) END $$"
)
FOLD = (
    "CREATE OR REPLACE FUNCTION sf_fold(text) RETURNS text "
    "LANGUAGE plpgsql IMMUTABLE PARALLEL RESTRICTED STRICT "
    "AS $$ BEGIN "
    "IF $1 !~ '[^\\x01-\\x7f]' THEN RETURN upper($1); END IF; "
    "RETURN upper(public.unaccent('public.unaccent'::regdictionary, $1)); "
    "END $$"
)


def replace(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):

    dependencies = [
        ("assignments", "0021_contact_language"),
    ]

    operations = [
        migrations.RunPython(replace(FOLD), replace(FOLD_BEFORE)),
    ]
