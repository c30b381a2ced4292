"""Long work as a background job, with or without a broker.

A job is a function marked with `@background_job` that takes the primary key of the row
recording it (status, progress, error) and is safe to run twice. `run_in_background(path, pk)`
starts it once the current transaction commits, so the job sees the row and the request
answers at once:

- with a broker (`CELERY_BROKER_URL` set): on a Celery worker (`run_job` below);
- without one (the embedded default): in a daemon thread of the web process, which closes
  its database connections when done;
- `BACKGROUND_JOBS = "inline"` (the test settings): in the same thread, right after the commit.

The page that shows the job reads its row and refreshes until it is done or failed; the job
records its own progress and failures on the row (see reporting.report_files for one).
"""
from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable

from celery import shared_task
from django.conf import settings
from django.db import connections, transaction
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

MODES = ("celery", "thread", "inline")


def background_job(fn: Callable[[int], object]) -> Callable[[int], object]:
    """Mark a function as a job that `run_in_background` may start (nothing else may be started by name)."""
    fn.background_job = True
    return fn


def job_mode() -> str:
    """"celery" with a broker, "thread" without; settings.BACKGROUND_JOBS overrides ("auto" = choose)."""
    mode = getattr(settings, "BACKGROUND_JOBS", "auto")
    if mode == "auto":
        return "celery" if settings.CELERY_BROKER_URL else "thread"
    if mode not in MODES:
        raise ValueError(f"BACKGROUND_JOBS must be auto, {', '.join(MODES)}, not {mode!r}")
    return mode


def _job(callable_path: str) -> Callable[[int], object]:
    fn = import_string(callable_path)
    if not getattr(fn, "background_job", False):
        raise ValueError(f"{callable_path} is not a background job")
    return fn


def run_job(callable_path: str, pk: int) -> None:
    """Run the job now in this thread; a failure is logged (the job stores what the user sees)."""
    try:
        _job(callable_path)(pk)
    except Exception:
        logger.exception("background job %s(%s) failed", callable_path, pk)


def _run_in_thread(callable_path: str, pk: int) -> None:
    try:
        run_job(callable_path, pk)
    finally:
        connections.close_all()  # this thread's connections only: they are per thread


@shared_task(name="recruitment.jobs.run_job", acks_late=True)
def run_job_task(callable_path: str, pk: int) -> None:
    _job(callable_path)(pk)  # a failure is re-raised for the worker's log


def run_in_background(callable_path: str, pk: int) -> None:
    """Start the job `callable_path(pk)` after the current transaction commits (at once outside one)."""
    _job(callable_path)  # refuse an unknown or unmarked job in the request, not later in the worker
    mode = job_mode()

    def start() -> None:
        if mode == "celery":
            run_job_task.delay(callable_path, pk)
        elif mode == "thread":
            threading.Thread(target=_run_in_thread, args=(callable_path, pk), daemon=True,
                             name=f"job-{callable_path.rsplit('.', 1)[-1]}-{pk}").start()
        else:
            run_job(callable_path, pk)

    transaction.on_commit(start, robust=True)


# --- periodic jobs -------------------------------------------------------------------------------------------
# A periodic job (the survey dispatcher, the retention run) is marked with `@periodic_job(name)`; its runs are
# recorded for monitoring by the recorder the operations app installs at start-up (`operations.services
# .job_run_record`, read by /health/). The apps that run jobs so need not import operations, which reads them.
_recorder: Callable[[str], Callable[[Callable], Callable]] | None = None


def periodic_job_recorder_set(recorder: Callable[[str], Callable[[Callable], Callable]] | None) -> None:
    """Install the decorator factory that records a periodic job's runs (None: record nothing)."""
    global _recorder
    _recorder = recorder


def periodic_job(name: str) -> Callable[[Callable], Callable]:
    """Mark `job` as the periodic job `name`: each run goes through the installed recorder, if any."""

    def decorate(job: Callable) -> Callable:
        @functools.wraps(job)
        def run(*args, **kwargs):
            recorded = _recorder(name)(job) if _recorder is not None else job
            return recorded(*args, **kwargs)

        return run

    return decorate
