"""Speed of the reports: covering indexes for the survey scans.

Indexes (both databases): answers by response with the key and value (index-only
scans from a response to its answers), responses by date with kind and consultant.
On PostgreSQL the indexes carry the extra columns with INCLUDE, and extended
statistics on the response year let the planner see that grouping by year gives
few groups (a hash aggregate instead of a sort that spills to disk).

"""
from django.conf import settings
from django.db import migrations

PG_FORWARD = [
    "CREATE INDEX surveys_answer_perf_cover ON surveys_answer (response_id) INCLUDE (question_key, value_number)",
    "CREATE INDEX surveys_response_perf_cover ON surveys_response (submitted_on) "
    "INCLUDE (kind, consultant_id, package_id, assignment_id)",
    "CREATE STATISTICS surveys_response_perf_year ON (EXTRACT(year FROM submitted_on)) FROM surveys_response",
]
PG_BACKWARD = [
    "DROP STATISTICS IF EXISTS surveys_response_perf_year",
    "DROP INDEX IF EXISTS surveys_response_perf_cover",
    "DROP INDEX IF EXISTS surveys_answer_perf_cover",
]

SQLITE_FORWARD = [
    "CREATE INDEX surveys_answer_perf_cover ON surveys_answer (response_id, question_key, value_number)",
    "CREATE INDEX surveys_response_perf_cover ON surveys_response (submitted_on, kind, consultant_id)",
]
SQLITE_BACKWARD = [
    "DROP INDEX IF EXISTS surveys_response_perf_cover",
    "DROP INDEX IF EXISTS surveys_answer_perf_cover",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = PG_FORWARD
    elif vendor == "sqlite":
        statements = SQLITE_FORWARD
    else:
        return
    for sql in statements:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for sql in PG_BACKWARD:
            schema_editor.execute(sql)
    elif vendor == "sqlite":
        for sql in SQLITE_BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ("reporting", "0002_ui_report_files"),
        ("assignments", "0002_catalogue_roles_units"),
        ("surveys", "0003_merge_0002_answer_seed_versions_0002_dispatch_outbox"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(forward, backward)]
