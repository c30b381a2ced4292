"""Frozen copy of the SQL that migration 0007 installed (from assignments/totals.py as it was then).

The triggers that kept AssignmentTotal equal to the sum of each assignment's billing lines. Migration
0014_invoiced_total_column drops them and the table: the total is now a column on the assignment,
written by the billing services. Kept here, and never changed, so that 0007 (and 0013 backwards)
still run on a fresh database; the leading underscore keeps the migration loader away from it.
"""
# ruff: noqa: S608 - the SQL is built from this module's constant table names only; it takes no values
from __future__ import annotations

TOTAL = "assignments_assignmenttotal"
LINE = "assignments_billingline"
ASSIGNMENT = "assignments_assignment"

# The one definition of the derived value: the sum of the assignment's lines, 0 without lines.
_SUM = f"COALESCE((SELECT SUM(l.amount) FROM {LINE} l WHERE l.assignment_id = {{id}}), 0)"

POSTGRESQL = [
    f"""
    CREATE OR REPLACE FUNCTION assignments_total_from_lines() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        ids bigint[];
    BEGIN
        IF TG_OP = 'INSERT' THEN
            SELECT array_agg(DISTINCT assignment_id) INTO ids FROM new_lines;
        ELSIF TG_OP = 'DELETE' THEN
            SELECT array_agg(DISTINCT assignment_id) INTO ids FROM old_lines;
        ELSE
            SELECT array_agg(DISTINCT assignment_id) INTO ids
            FROM (SELECT assignment_id FROM new_lines UNION SELECT assignment_id FROM old_lines) changed;
        END IF;
        -- Lock in the edit path's order (the assignment, then its total), so that the two never
        -- deadlock; then sum in a statement of its own, whose fresh snapshot sees every line a
        -- concurrent transaction committed while this one waited for the lock.
        PERFORM 1 FROM {ASSIGNMENT} WHERE id = ANY(ids) ORDER BY id FOR KEY SHARE;
        PERFORM 1 FROM {TOTAL} WHERE assignment_id = ANY(ids) ORDER BY assignment_id FOR UPDATE;
        UPDATE {TOTAL} t SET invoiced = {_SUM.format(id="t.assignment_id")} WHERE t.assignment_id = ANY(ids);
        RETURN NULL;
    END $$
    """,
    f"""
    CREATE OR REPLACE FUNCTION assignments_total_from_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO {TOTAL} (assignment_id, invoiced, ordered_on, reference)
            SELECT a.id, {_SUM.format(id="a.id")}, a.ordered_on, a.reference FROM new_assignments a;
        ELSIF TG_OP = 'DELETE' THEN
            DELETE FROM {TOTAL} WHERE assignment_id IN (SELECT id FROM old_assignments);
        ELSE
            UPDATE {TOTAL} t SET ordered_on = a.ordered_on, reference = a.reference
            FROM new_assignments a
            WHERE t.assignment_id = a.id AND (t.ordered_on, t.reference) IS DISTINCT FROM (a.ordered_on, a.reference);
        END IF;
        RETURN NULL;
    END $$
    """,
    *(
        f"""
        CREATE OR REPLACE TRIGGER assignments_total_{table}_{event.lower()} AFTER {event} ON {name}
        REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION assignments_total_from_{table}s()
        """
        for table, name, prefix in (("line", LINE, "lines"), ("assignment", ASSIGNMENT, "assignments"))
        for event, referencing in (
            ("INSERT", f"NEW TABLE AS new_{prefix}"),
            ("UPDATE", f"OLD TABLE AS old_{prefix} NEW TABLE AS new_{prefix}"),
            ("DELETE", f"OLD TABLE AS old_{prefix}"),
        )
    ),
]

# TRUNCATE of the billing lines fires none of the above: every total is summed again.
POSTGRESQL += [
    f"""
    CREATE OR REPLACE FUNCTION assignments_total_lines_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE {TOTAL} t SET invoiced = {_SUM.format(id="t.assignment_id")};
        RETURN NULL;
    END $$
    """,
    f"""
    CREATE OR REPLACE TRIGGER assignments_total_line_truncate AFTER TRUNCATE ON {LINE}
    FOR EACH STATEMENT EXECUTE FUNCTION assignments_total_lines_truncated()
    """,
]

POSTGRESQL_DROP = [
    *(f"DROP TRIGGER IF EXISTS assignments_total_{table}_{event} ON {name}"
      for table, name in (("line", LINE), ("assignment", ASSIGNMENT))
      for event in ("insert", "update", "delete")),
    f"DROP TRIGGER IF EXISTS assignments_total_line_truncate ON {LINE}",
    "DROP FUNCTION IF EXISTS assignments_total_from_lines()",
    "DROP FUNCTION IF EXISTS assignments_total_from_assignments()",
    "DROP FUNCTION IF EXISTS assignments_total_lines_truncated()",
]


def _sqlite_line_sum(id_: str) -> str:
    return f"UPDATE {TOTAL} SET invoiced = {_SUM.format(id=id_)} WHERE assignment_id = {id_};"


SQLITE = [
    f"""CREATE TRIGGER IF NOT EXISTS assignments_total_line_insert AFTER INSERT ON {LINE}
    BEGIN {_sqlite_line_sum("NEW.assignment_id")} END""",
    f"""CREATE TRIGGER IF NOT EXISTS assignments_total_line_update AFTER UPDATE ON {LINE}
    BEGIN {_sqlite_line_sum("NEW.assignment_id")} {_sqlite_line_sum("OLD.assignment_id")} END""",
    f"""CREATE TRIGGER IF NOT EXISTS assignments_total_line_delete AFTER DELETE ON {LINE}
    BEGIN {_sqlite_line_sum("OLD.assignment_id")} END""",
    f"""CREATE TRIGGER IF NOT EXISTS assignments_total_assignment_insert AFTER INSERT ON {ASSIGNMENT}
    BEGIN
        INSERT INTO {TOTAL} (assignment_id, invoiced, ordered_on, reference)
        VALUES (NEW.id, {_SUM.format(id="NEW.id")}, NEW.ordered_on, NEW.reference);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS assignments_total_assignment_update
    AFTER UPDATE OF ordered_on, reference ON {ASSIGNMENT}
    BEGIN
        UPDATE {TOTAL} SET ordered_on = NEW.ordered_on, reference = NEW.reference WHERE assignment_id = NEW.id;
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS assignments_total_assignment_delete AFTER DELETE ON {ASSIGNMENT}
    BEGIN DELETE FROM {TOTAL} WHERE assignment_id = OLD.id; END""",
]

SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS assignments_total_{table}_{event}"
    for table in ("line", "assignment") for event in ("insert", "update", "delete")
]

# Rebuild every row from the assignments and their lines (the migration's backfill).
REFRESH = [
    f"DELETE FROM {TOTAL}",
    f"""INSERT INTO {TOTAL} (assignment_id, invoiced, ordered_on, reference)
    SELECT a.id, {_SUM.format(id="a.id")}, a.ordered_on, a.reference FROM {ASSIGNMENT} a""",
]


def _run(connection, statements) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def install(connection) -> None:
    """Create (or replace) the triggers for this database and rebuild the totals."""
    if connection.vendor == "postgresql":
        _run(connection, POSTGRESQL)
    elif connection.vendor == "sqlite":
        _run(connection, SQLITE)
    else:
        raise NotImplementedError(f"AssignmentTotal has no triggers for {connection.vendor}")
    _run(connection, REFRESH)


def uninstall(connection) -> None:
    _run(connection, POSTGRESQL_DROP if connection.vendor == "postgresql" else SQLITE_DROP)
