"""Drop the survey tally (migration 0004): the reports read the answers through indexes instead.

The tally's triggers repeated the rule of which consultant an answer counts for in SQL and
needed the survey import to store in month order to avoid deadlocks. The triggers and their
functions go first (PostgreSQL only: on SQLite there were none), then the table. The names are
written out here so that this migration never changes; reversing it rebuilds the tally with
0004's own statements.
"""
import importlib

from django.db import migrations

TRIGGERS = [
    ("answer_insert", "surveys_answer"),
    ("answer_delete", "surveys_answer"),
    ("answer_update", "surveys_answer"),
    ("response_insert", "surveys_response"),
    ("response_delete", "surveys_response"),
    ("response_update", "surveys_response"),
    ("session_insert", "surveys_trainingsession"),
    ("session_update", "surveys_trainingsession"),
]
TRUNCATED = ["surveys_answer", "surveys_response", "surveys_trainingsession"]

DROP = [
    *(f"DROP TRIGGER IF EXISTS reporting_tally_{name} ON {table}" for name, table in TRIGGERS),
    *(f"DROP TRIGGER IF EXISTS reporting_tally_truncated ON {table}" for table in TRUNCATED),
    *(f"DROP FUNCTION IF EXISTS reporting_tally_{name}()" for name, _table in TRIGGERS),
    "DROP FUNCTION IF EXISTS reporting_tally_truncated()",
    "DROP FUNCTION IF EXISTS reporting_tally_rebuild()",
]


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in DROP:
            schema_editor.execute(sql)


def recreate_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        tally = importlib.import_module("reporting.migrations.0004_survey_tally")
        for sql in tally.forward_sql():
            schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ("reporting", "0006_swedish_labels"),
    ]

    operations = [
        migrations.RunPython(drop_triggers, recreate_triggers),
        migrations.DeleteModel(name="SurveyTally"),
    ]
