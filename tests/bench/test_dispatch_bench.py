"""Benchmark: 2,000 due invitations reach a local SMTP server through Redis and a real worker.

Run with `make bench` or `pytest -m bench tests/bench/test_dispatch_bench.py -s` (PostgreSQL).
"""
import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from surveys.models import Invitation, InvitationStatus, SurveyKind
from tests.factories import AssignmentFactory
from tests.redis_broker import TEST_REDIS_URL, broker, redis_reachable
from tests.surveys.conftest import SmtpServer

N = 2000
LIMIT_SECONDS = 60
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.bench
@pytest.mark.django_db(transaction=True)
def test_2000_due_invitations_reach_smtp_once_each_within_a_minute():
    if connection.vendor != "postgresql":
        pytest.skip("the benchmark runs on PostgreSQL (a worker process shares the test database)")
    if not redis_reachable():
        pytest.skip(f"Redis is not reachable at {TEST_REDIS_URL}")
    from recruitment.celery import app

    assignments = [AssignmentFactory() for _ in range(20)]
    due = timezone.now() - dt.timedelta(minutes=1)
    Invitation.objects.bulk_create(
        Invitation(kind=SurveyKind.CANDIDATE, assignment=assignments[i % 20], email=f"kandidat{i}@example.se",
                   status=InvitationStatus.SCHEDULED, due_at=due)
        for i in range(N)
    )
    server = SmtpServer().start()
    db = connection.settings_dict
    with broker(app) as prefix:  # TEST_REDIS_URL under a key prefix of this run's own
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "recruitment.settings.base",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
            "CELERY_BROKER_URL": TEST_REDIS_URL,
            "CELERY_KEY_PREFIX": prefix,
            "EMAIL_URL": f"smtp://127.0.0.1:{server.port}",
            "SECRET_KEY": settings.SECRET_KEY,
            "LOG_LEVEL": "WARNING",
            "DEBUG": "0",
        }
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "recruitment", "worker", "-P", "prefork", "-c", "4",
             "--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=env,
        )
        try:
            start = time.monotonic()
            app.send_task("surveys.tasks.dispatch_due")
            arrived = server.collector.wait_for(N, timeout=LIMIT_SECONDS + 30)
            elapsed = time.monotonic() - start
            deadline = time.monotonic() + 10
            while Invitation.objects.exclude(status=InvitationStatus.SENT).exists() and time.monotonic() < deadline:
                time.sleep(0.1)
        finally:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(30)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
            server.stop()
    print(f"\n{N} invitations through Redis and a Celery worker to SMTP in {elapsed:.1f} s "
          f"({N / elapsed:.0f} per second)")
    assert arrived, f"only {len(server.collector.received)} of {N} arrived"
    counts = server.collector.per_recipient()
    assert len(counts) == N and set(counts.values()) == {1}
    assert Invitation.objects.filter(status=InvitationStatus.SENT).count() == N
    assert elapsed < LIMIT_SECONDS
