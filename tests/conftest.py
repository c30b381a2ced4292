"""Shared fixtures: the migrated database after transactional tests, and a user per role, each with a
consultant record where it fits."""
# ruff: noqa: S608 - the SQL below names only the models' own tables
import os
from contextlib import contextmanager

import pytest
from django.apps import apps as django_apps
from django.db import connections, transaction
from django.db.models import GeneratedField
from django.test import TransactionTestCase

from recruitment.roles import CONSULTANT, COORDINATOR, MANAGER

from .factories import ConsultantFactory, UserFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Commits of the test database need not wait for the disk (a crash loses a test run, nothing else);
# visibility, locks and isolation are unchanged. libpq reads it for every connection of the run.
os.environ.setdefault("PGOPTIONS", "-c synchronous_commit=off")


def pytest_addoption(parser):
    parser.addoption("--screenshots", action="store_true", default=False,
                     help="write the README's screenshots to docs/screenshots/ (tests/e2e/test_walkthrough.py)")

# Under pytest-xdist (`make test`) whole files go to the workers in collection order (--no-loadscope-reorder;
# xdist's default sends the files with the most tests first, which left the walk-through, one test of minutes,
# to end the run on one worker while the other idled). The files of one or a few long tests go first.
LONG_FILES_FIRST = (
    "tests/e2e/test_walkthrough.py",
    "tests/assignments/test_assignment_total.py",
    "tests/assignments/test_history_shows_recorded_fields.py",
    "tests/operations/test_backup_restore.py",
    "tests/e2e/",
)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    if not hasattr(config, "workerinput"):  # only in an xdist worker; a plain run keeps pytest-django's order
        return

    def rank(item):
        path = item.nodeid.split("::", 1)[0]
        return next((i for i, prefix in enumerate(LONG_FILES_FIRST) if path.startswith(prefix)),
                    len(LONG_FILES_FIRST))

    items.sort(key=rank)  # stable: the order within each rank stays


# A transactional test (live server, threads, real commits) cannot be rolled back, so the database
# is emptied after it. Django's flush truncates every table and rebuilds content types and permissions
# (1-3 s a test on PostgreSQL); the rows the data migrations seeded (groups, package catalogue, survey
# versions, plans) were then missing, and every ordinary test after it seeded them again inside its
# own rolled-back transaction (about 0.4 s each, for most of the suite). Instead, the rows the
# migrations left are copied once per session into snapshot tables beside them, and after each
# transactional test the tables that hold rows are emptied and the snapshot is copied back: every
# test starts from the migrated database.
KEPT_TABLES = {"django_content_type", "auth_permission"}  # the post_migrate rows: never emptied, never changed
SNAPSHOT_PREFIX = "zz_test_snapshot_"
_seeded: dict[str, dict[str, list[str]]] = {}  # alias -> {table: its columns}, the tables with migrated rows
_tables: dict[str, dict[str, list[str]]] = {}  # alias -> {table: its columns}, every table emptied after a test


def _model_tables() -> dict[str, list[str]]:
    """Every model table and its stored (not generated) columns."""
    tables = {}
    for model in django_apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            tables[model._meta.db_table] = [f.column for f in model._meta.concrete_fields
                                            if not isinstance(f, GeneratedField)]
    return tables


def _nonempty(cursor, qn, tables) -> list[str]:
    """The tables that hold at least one row, in one round trip."""
    if not tables:
        return []
    cursor.execute(" UNION ALL ".join(
        f"SELECT {i} WHERE EXISTS (SELECT 1 FROM {qn(t)})" for i, t in enumerate(tables)))
    return [tables[row[0]] for row in cursor.fetchall()]


def reference_data_snapshot(connection) -> None:
    """Copy the rows the migrations left (outside the kept tables) into snapshot tables."""
    qn = connection.ops.quote_name
    existing = set(connection.introspection.table_names())
    tables = {t: c for t, c in _model_tables().items() if t in existing and t not in KEPT_TABLES}
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        seeded = _nonempty(cursor, qn, sorted(tables))
        for table in seeded:
            columns = ", ".join(qn(c) for c in tables[table])
            cursor.execute(f"DROP TABLE IF EXISTS {qn(SNAPSHOT_PREFIX + table)}")
            cursor.execute(f"CREATE TABLE {qn(SNAPSHOT_PREFIX + table)} AS SELECT {columns} FROM {qn(table)}")
    _seeded[connection.alias] = {t: tables[t] for t in seeded}
    _tables[connection.alias] = tables


def reference_data_restore(connection) -> None:
    """Empty every table that holds rows and copy the migrated rows back (the seeds included)."""
    qn = connection.ops.quote_name
    seeded, tables = _seeded[connection.alias], _tables[connection.alias]
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # rows go in any order; checked at commit
        for table in _nonempty(cursor, qn, sorted(tables)):
            cursor.execute(f"DELETE FROM {qn(table)}")
        for table, columns in seeded.items():
            names = ", ".join(qn(c) for c in columns)
            cursor.execute(f"INSERT INTO {qn(table)} ({names}) SELECT {names} FROM {qn(SNAPSHOT_PREFIX + table)}")


_flush = TransactionTestCase._fixture_teardown


def _fixture_teardown(self):
    """After a transactional test: the migrated database again, without a flush (see above)."""
    if self.available_apps is not None or self.serialized_rollback:
        return _flush(self)
    for alias in self._databases_names(include_mirrors=False):
        if alias not in _seeded:
            return _flush(self)
        reference_data_restore(connections[alias])
    return None


TransactionTestCase._fixture_teardown = _fixture_teardown


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, migrated, and a snapshot of the rows its data migrations seeded."""
    with django_db_blocker.unblock():
        for alias in connections:
            reference_data_snapshot(connections[alias])


@contextmanager
def data_for_the_module(django_db_blocker):
    """Write data once for a module's tests, which run nested inside its transaction; rolled back at the end.

    For a module-scoped fixture (`django_db_setup` first) whose data every test of the module reads and
    none commits: `with data_for_the_module(django_db_blocker): load(); yield`.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def coordinator(db):
    user = UserFactory(username="koordinator", roles=[COORDINATOR], first_name="Kim", last_name="Koordinator")
    ConsultantFactory(user=user, name="Kim Koordinator", email="koordinator@rekrytering.example.se",
                      role="koordinator")
    return user


@pytest.fixture
def consultant_user(db):
    user = UserFactory(username="konsult", roles=[CONSULTANT], first_name="Karin", last_name="Konsult")
    ConsultantFactory(user=user, name="Karin Konsult", email="konsult@rekrytering.example.se")
    return user


@pytest.fixture
def other_consultant_user(db):
    user = UserFactory(username="konsult2", roles=[CONSULTANT])
    ConsultantFactory(user=user, name="Kalle Konsult", email="konsult2@rekrytering.example.se")
    return user


@pytest.fixture
def manager(db):
    user = UserFactory(username="chef", roles=[MANAGER], first_name="Maria", last_name="Chef")
    ConsultantFactory(user=user, name="Maria Chef", email="chef@rekrytering.example.se", role="chef")
    return user


@pytest.fixture
def outsider(db):
    """Logged in, but in no role."""
    return UserFactory(username="utomstaende")
