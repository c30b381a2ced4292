"""`/health/`: database, Redis, the outbox's oldest due e-mail and the dispatcher's last run, without secrets."""
import datetime as dt

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from operations.models import JobRun
from operations.services import job_run_record
from surveys.models import OutboxEmail
from surveys.tasks import DISPATCHER, dispatch_due_now


def _get(client):
    response = client.get("/health/")
    return response.status_code, response.json(), response.content.decode()


def test_a_fresh_installation_is_up_but_degraded_until_the_dispatcher_has_run(client, db):
    status, body, _ = _get(client)
    assert status == 200
    assert body["database"] == {"status": "ok"}
    assert body["outbox"]["oldest_due_age_seconds"] is None
    assert body["jobs"][DISPATCHER]["last_run"] is None
    assert body["status"] == "degraded"


def test_a_dispatcher_run_is_recorded_with_its_counts_and_makes_the_report_ok(client, db, settings):
    settings.HEALTH_JOBS = {DISPATCHER: 900}  # the other periodic jobs have tests of their own
    dispatch_due_now()
    run = JobRun.objects.get(name=DISPATCHER)
    assert run.ok and run.finished_at is not None and run.last_ok_at is not None
    assert set(run.counts) >= {"sent", "expired"}
    status, body, _ = _get(client)
    assert (status, body["status"]) == (200, "ok")
    assert body["jobs"][DISPATCHER]["status"] == "ok"


def test_a_failed_run_records_only_the_exception_class_and_keeps_the_last_good_run(db):
    @job_run_record("test_job")
    def job(fail):
        if fail:
            raise ValueError("secret text with anna@example.se")
        return {"done": 2}

    job(False)
    good = JobRun.objects.get(name="test_job").last_ok_at
    with pytest.raises(ValueError):
        job(True)
    run = JobRun.objects.get(name="test_job")
    assert (run.ok, run.error, run.last_ok_at, run.counts) == (False, "ValueError", good, {"done": 2})


def test_a_dispatcher_silent_too_long_degrades_the_report(client, db):
    dispatch_due_now()
    JobRun.objects.filter(name=DISPATCHER).update(last_ok_at=timezone.now() - dt.timedelta(hours=2))
    status, body, _ = _get(client)
    assert (status, body["status"], body["jobs"][DISPATCHER]["status"]) == (200, "degraded", "degraded")
    assert body["jobs"][DISPATCHER]["last_ok_age_seconds"] >= 7200


@override_settings(HEALTH_OUTBOX_MAX_AGE_SECONDS=3600)
def test_an_e_mail_due_for_longer_than_the_limit_degrades_the_report_with_its_age(client, db):
    dispatch_due_now()
    mail = OutboxEmail.objects.create(to="chef@example.se", subject="Låg poäng", text="x")
    OutboxEmail.objects.filter(pk=mail.pk).update(created_at=timezone.now() - dt.timedelta(hours=2))
    status, body, content = _get(client)
    assert (status, body["status"], body["outbox"]["status"]) == (200, "degraded", "degraded")
    assert 7200 <= body["outbox"]["oldest_due_age_seconds"] < 7300
    assert "chef@example.se" not in content


def test_an_e_mail_waiting_for_its_retry_is_not_due_yet(client, db):
    dispatch_due_now()
    mail = OutboxEmail.objects.create(to="chef@example.se", subject="x", text="x")
    OutboxEmail.objects.filter(pk=mail.pk).update(created_at=timezone.now() - dt.timedelta(hours=2),
                                                  next_attempt_at=timezone.now() + dt.timedelta(minutes=5))
    _, body, _ = _get(client)
    assert body["outbox"]["oldest_due_age_seconds"] is None


@override_settings(CELERY_BROKER_URL="redis://:s3cr3t-pass@127.0.0.1:1/0")
def test_redis_down_is_503_and_names_no_url_or_password(client, db):
    status, body, content = _get(client)
    assert status == 503
    assert body["status"] == "down"
    assert body["redis"]["status"] == "down" and body["redis"]["configured"] is True
    assert "s3cr3t" not in content and "127.0.0.1:1" not in content


def test_redis_up_is_reported_ok(client, db, settings):
    import os

    settings.CELERY_BROKER_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    _, body, _ = _get(client)
    assert body["redis"] == {"status": "ok", "configured": True}


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="SQLite's test database lives in memory: closing its connection would lose it")
@pytest.mark.django_db(transaction=True)
def test_database_down_is_503_and_names_no_password(client):
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update({"PORT": "1", "PASSWORD": "db-s3cr3t"} if connection.vendor == "postgresql"
                                    else {"NAME": "/nonexistent/dir/db.sqlite3"})
    try:
        status, body, content = _get(client)
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
    assert status == 503
    assert body["database"]["status"] == "down" and body["status"] == "down"
    assert "outbox" not in body
    assert "db-s3cr3t" not in content


def test_health_answers_only_get(client, db):
    assert client.post("/health/").status_code == 405


def test_the_apps_that_run_periodic_jobs_do_not_import_operations():
    """operations reads surveys (the outbox's age) and records the jobs' runs through the recorder it installs in
    recruitment.jobs; surveys and retention mark their jobs with `periodic_job` and import nothing of operations."""
    import re
    from pathlib import Path

    from django.conf import settings

    for app in ("surveys", "retention"):
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            assert not re.search(r"^\s*(from|import)\s+operations\b", path.read_text(encoding="utf-8"), re.M), path


def test_a_marked_periodic_job_is_recorded_through_the_installed_recorder(db):
    from recruitment.jobs import periodic_job

    @periodic_job("marked_job")
    def job():
        return {"sent": 2}

    assert job() == {"sent": 2}
    run = JobRun.objects.get(name="marked_job")
    assert run.ok and run.counts == {"sent": 2} and run.last_ok_at is not None
