"""recruitment.jobs: background jobs on Celery with a broker, in a thread without one."""
import threading

import pytest
from django.db import transaction

from recruitment import jobs

CALLS = []


@jobs.background_job
def remember(pk: int) -> None:
    CALLS.append((pk, threading.current_thread().name))


def not_a_job(pk: int) -> None:
    CALLS.append(pk)


@pytest.fixture(autouse=True)
def _calls():
    CALLS.clear()


def test_the_mode_follows_the_broker(settings):
    settings.BACKGROUND_JOBS = "auto"
    settings.CELERY_BROKER_URL = ""
    assert jobs.job_mode() == "thread"
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/7"
    assert jobs.job_mode() == "celery"
    settings.BACKGROUND_JOBS = "sometimes"
    with pytest.raises(ValueError):
        jobs.job_mode()


def test_only_a_marked_job_can_be_started_by_name():
    with pytest.raises(ValueError):
        jobs.run_in_background("tests.test_jobs.not_a_job", 1)
    with pytest.raises(ValueError):
        jobs.run_job_task("os.remove", 1)  # what a worker would run from a forged message
    assert CALLS == []


@pytest.mark.django_db
def test_with_a_broker_the_job_is_queued_after_the_commit(settings, monkeypatch, django_capture_on_commit_callbacks):
    settings.BACKGROUND_JOBS = "celery"
    queued = []
    monkeypatch.setattr(jobs.run_job_task, "delay", lambda *args: queued.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            jobs.run_in_background("tests.test_jobs.remember", 7)
        assert queued == []  # not before the commit
    assert queued == [("tests.test_jobs.remember", 7)]
    assert CALLS == []  # on the worker, not here


@pytest.mark.django_db(transaction=True)
def test_without_a_broker_the_job_runs_in_a_daemon_thread(settings):
    settings.BACKGROUND_JOBS = "thread"
    jobs.run_in_background("tests.test_jobs.remember", 3)  # no transaction: starts at once
    thread = next((t for t in threading.enumerate() if t.name == "job-remember-3"), None)
    if thread is not None:
        assert thread.daemon
        thread.join(30)
    assert CALLS == [(3, "job-remember-3")]
