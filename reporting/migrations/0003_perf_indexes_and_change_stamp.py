"""Speed of the reports: covering indexes for the survey scans, and a change stamp kept by the database.

Indexes (both databases): answers by response with the key and value (index-only
scans from a response to its answers), responses by date with kind and consultant.
On PostgreSQL the indexes carry the extra columns with INCLUDE, and extended
statistics on the response year let the planner see that grouping by year gives
few groups (a hash aggregate instead of a sort that spills to disk).

Change stamp: `reporting_data_change` holds one version per table the reports
read; triggers bump it on every insert, update, delete (and truncate) in the same
transaction as the change, so a report cache keyed by these versions can never
serve figures older than the data (bulk updates and raw SQL included).
"""
from django.conf import settings
from django.db import migrations

# Tables whose content the dashboard, the KPI report and the PDF read.
STAMPED_TABLES = [
    "assignments_assignment", "assignments_billingline", "assignments_consultant", "assignments_consultantbudget",
    "assignments_contact", "assignments_hire", "assignments_organisation", "assignments_package",
    "assignments_packageprice", "assignments_project", "assignments_statuschange", "assignments_unit",
    "surveys_answer", "surveys_invitation", "surveys_question", "surveys_response", "surveys_surveyversion",
    "surveys_trainingsession", "reporting_surveyaggregate",
]

PG_FORWARD = [
    "CREATE INDEX surveys_answer_perf_cover ON surveys_answer (response_id) INCLUDE (question_key, value_number)",
    "CREATE INDEX surveys_response_perf_cover ON surveys_response (submitted_on) "
    "INCLUDE (kind, consultant_id, package_id, assignment_id)",
    "CREATE STATISTICS surveys_response_perf_year ON (EXTRACT(year FROM submitted_on)) FROM surveys_response",
    "CREATE SEQUENCE reporting_data_change_seq",
    "CREATE TABLE reporting_data_change (name varchar(63) PRIMARY KEY, version bigint NOT NULL)",
    """
    CREATE FUNCTION reporting_data_change_bump() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO reporting_data_change (name, version) VALUES (TG_TABLE_NAME, nextval('reporting_data_change_seq'))
        ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version;
        RETURN NULL;
    END $$
    """,
]
PG_BACKWARD = [
    "DROP TABLE IF EXISTS reporting_data_change",
    "DROP SEQUENCE IF EXISTS reporting_data_change_seq",
    "DROP STATISTICS IF EXISTS surveys_response_perf_year",
    "DROP INDEX IF EXISTS surveys_response_perf_cover",
    "DROP INDEX IF EXISTS surveys_answer_perf_cover",
]

SQLITE_FORWARD = [
    "CREATE INDEX surveys_answer_perf_cover ON surveys_answer (response_id, question_key, value_number)",
    "CREATE INDEX surveys_response_perf_cover ON surveys_response (submitted_on, kind, consultant_id)",
    "CREATE TABLE reporting_data_change (name varchar(63) PRIMARY KEY, version integer NOT NULL)",
]
SQLITE_BACKWARD = [
    "DROP TABLE IF EXISTS reporting_data_change",
    "DROP INDEX IF EXISTS surveys_response_perf_cover",
    "DROP INDEX IF EXISTS surveys_answer_perf_cover",
]


def _pg_triggers(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_data_change AFTER INSERT OR UPDATE OR DELETE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION reporting_data_change_bump()",
        f"CREATE TRIGGER {table}_data_change_truncate AFTER TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION reporting_data_change_bump()",
    ]


def _sqlite_triggers(table: str) -> list[str]:
    # SQLite has row triggers only; an upsert per changed row.
    return [
        f"CREATE TRIGGER {table}_data_change_{op.lower()} AFTER {op} ON {table} FOR EACH ROW BEGIN "
        f"INSERT INTO reporting_data_change (name, version) VALUES ('{table}', 1) "
        "ON CONFLICT (name) DO UPDATE SET version = version + 1; END"
        for op in ("INSERT", "UPDATE", "DELETE")
    ]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = PG_FORWARD + [s for t in STAMPED_TABLES for s in _pg_triggers(t)]
    elif vendor == "sqlite":
        statements = SQLITE_FORWARD + [s for t in STAMPED_TABLES for s in _sqlite_triggers(t)]
    else:
        return
    for sql in statements:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for table in STAMPED_TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_data_change ON {table}")
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_data_change_truncate ON {table}")
        for sql in PG_BACKWARD:
            schema_editor.execute(sql)
        schema_editor.execute("DROP FUNCTION IF EXISTS reporting_data_change_bump()")
    elif vendor == "sqlite":
        for table in STAMPED_TABLES:
            for op in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_data_change_{op}")
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
