"""No business rule lives in a database trigger: the migrated database has none of ours.

Derived figures are kept by services or read with plain aggregates, so that each rule exists
once, in Python. The check runs on PostgreSQL (SQLite triggers are looked up too).
"""
from __future__ import annotations

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def database_triggers() -> list[tuple[str, str]]:
    """(table, trigger) for every trigger someone created (not those behind constraints)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                           "WHERE NOT t.tgisinternal")
        else:
            cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
        return [(table, name) for table, name in cursor.fetchall()]


def test_the_migrated_database_has_no_triggers_of_ours():
    assert database_triggers() == []
    # nor the tables the invoiced total and the survey tally were kept in
    assert {"assignments_assignmenttotal", "reporting_surveytally"}.isdisjoint(connection.introspection.table_names())


def test_the_survey_tallys_functions_are_gone():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL functions")
    with connection.cursor() as cursor:
        cursor.execute("SELECT proname FROM pg_proc WHERE proname LIKE 'reporting\\_tally\\_%'")
        assert cursor.fetchall() == []
        assert "reporting_surveytally" not in connection.introspection.table_names(cursor)


def test_the_check_sees_a_trigger_when_there_is_one():
    """The query above would find a trigger on a survey table (so the empty result means something)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("CREATE FUNCTION test_noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; "
                           "END $$")
            cursor.execute("CREATE TRIGGER test_noop AFTER INSERT ON surveys_answer "
                           "FOR EACH STATEMENT EXECUTE FUNCTION test_noop()")
        else:
            cursor.execute("CREATE TRIGGER test_noop AFTER INSERT ON surveys_answer BEGIN SELECT 1; END")
    assert ("surveys_answer", "test_noop") in database_triggers()
