"""Speed of the survey summary's freshness check: the responses' covering index carries what it sums.

The reader compares the summary with the responses by summing, over the range a page reads,
each response's id, consultant, course session and day (`reporting.selectors.survey_months`).
The covering index of migration 0003 (same name, so that the benchmarks can still undo it) now
also holds the id (PostgreSQL: INCLUDE; SQLite indexes carry the rowid) and the course session,
so that the check is an index-only scan of the range instead of a visit to every response row.
"""
from django.db import migrations

PG_FORWARD = [
    "DROP INDEX IF EXISTS surveys_response_perf_cover",
    "CREATE INDEX surveys_response_perf_cover ON surveys_response (submitted_on) "
    "INCLUDE (kind, consultant_id, package_id, assignment_id, training_session_id, id)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS surveys_response_perf_cover",
    "CREATE INDEX surveys_response_perf_cover ON surveys_response (submitted_on) "
    "INCLUDE (kind, consultant_id, package_id, assignment_id)",
]
SQLITE_FORWARD = [
    "DROP INDEX IF EXISTS surveys_response_perf_cover",
    "CREATE INDEX surveys_response_perf_cover ON surveys_response "
    "(submitted_on, kind, consultant_id, training_session_id)",
]
SQLITE_BACKWARD = [
    "DROP INDEX IF EXISTS surveys_response_perf_cover",
    "CREATE INDEX surveys_response_perf_cover ON surveys_response (submitted_on, kind, consultant_id)",
]


def _run(schema_editor, postgresql: list[str], sqlite: list[str]) -> None:
    vendor = schema_editor.connection.vendor
    for sql in {"postgresql": postgresql, "sqlite": sqlite}.get(vendor, []):
        schema_editor.execute(sql)


def forward(apps, schema_editor):
    _run(schema_editor, PG_FORWARD, SQLITE_FORWARD)


def backward(apps, schema_editor):
    _run(schema_editor, PG_BACKWARD, SQLITE_BACKWARD)


class Migration(migrations.Migration):

    dependencies = [
        ("reporting", "0009_surveymonthbuild_built_at_removed"),
        ("surveys", "0012_invitation_send_columns_removed"),
    ]

    operations = [migrations.RunPython(forward, backward)]
