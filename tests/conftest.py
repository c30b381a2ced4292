"""Shared fixtures: a user per role, each with a consultant record where it fits."""
import importlib
import os

import pytest
from django.apps import apps as django_apps

from assignments.roles import CONSULTANT, COORDINATOR, MANAGER

from .factories import ConsultantFactory, UserFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_addoption(parser):
    parser.addoption("--screenshots", action="store_true", default=False,
                     help="write the README's screenshots to docs/screenshots/ (tests/e2e/test_walkthrough.py)")

# Data migrations whose rows (groups, package catalogue, survey versions, plans)
# every test expects. A transactional test flushes the database when it ends, so
# they are seeded again before each transactional test. Add new seed migrations here.
SEED_MIGRATIONS = [
    "assignments.migrations.0002_catalogue_roles_units",
    "assignments.migrations.0013_plan_organisations",
    "goals.migrations.0002_seed_plans",
    "surveys.migrations.0002_answer_seed_versions",
    "timeline.migrations.0002_standard_defaults",
]


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Make sure the seeded reference data is there for every database test.

    A transactional test (live server, threads) flushes the database when it ends;
    whatever runs next, transactional or not, gets the seeds back. Inside a normal
    test the reseeding is rolled back with the test's transaction.
    """
    marker = request.node.get_closest_marker("django_db")
    if not marker and not ({"db", "transactional_db", "live_server"} & set(request.fixturenames)):
        return
    transactional = marker and marker.kwargs.get("transaction") or "live_server" in request.fixturenames
    request.getfixturevalue("transactional_db" if transactional else "db")
    from django.contrib.auth.models import Group

    if transactional or not Group.objects.exists():
        reference_data_seed()


def reference_data_seed() -> None:
    """Put the seeded reference data back (after a transactional test flushed the database)."""
    for path in SEED_MIGRATIONS:
        importlib.import_module(path).seed(django_apps, None)


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
