"""A backup restored into an empty database, then migrated, serves the same figures."""
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from goals.kpi import kpi_json
from tests.factories import AssignmentFactory, ResponseFactory

ROOT = Path(__file__).resolve().parents[2]


def _admin_dsn() -> str:
    s = connection.settings_dict
    return f"host={s['HOST'] or '127.0.0.1'} port={s['PORT'] or 5432} user={s['USER']} dbname=postgres"


def _manage(*args, database: str) -> subprocess.CompletedProcess:
    s = connection.settings_dict
    url = f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{database}"
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_a_fresh_database_and_migrated_serves_the_same_kpi(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the backup of a deployment is PostgreSQL's pg_dump")
    for score in (10, 9, 6):
        assignment = AssignmentFactory()
        ResponseFactory(kind="customer", assignment=assignment,
                        answers={"recommend": score, "overall_satisfaction": score - 1})
    before = kpi_json(year=2025)
    assert before["customer"]["responses"] == 3
    dump = tmp_path / "backup.dump"
    call_command("backup", "--out", str(dump))
    assert dump.stat().st_size > 0
    with pytest.raises(CommandError, match="finns redan"):
        call_command("backup", "--out", str(dump))

    fresh = f"restore_test_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_admin_dsn(), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{fresh}"')
    try:
        restored = _manage("restore", "--dump", str(dump), database=fresh)
        assert restored.returncode == 0, restored.stderr
        again = _manage("restore", "--dump", str(dump), database=fresh)
        assert again.returncode != 0 and "inte tom" in again.stderr
        migrated = _manage("migrate", "--noinput", database=fresh)
        assert migrated.returncode == 0, migrated.stderr
        kpi = _manage("kpi", "--year", "2025", database=fresh)
        assert kpi.returncode == 0, kpi.stderr
        assert json.loads(kpi.stdout) == json.loads(json.dumps(before))
    finally:
        with psycopg.connect(_admin_dsn(), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
