"""Recording periodic jobs' runs for monitoring (`/health/`)."""
from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from django.utils import timezone

from .models import JobRun

log = logging.getLogger(__name__)

def _counts(result) -> dict:
    if hasattr(result, "as_dict"):
        result = result.as_dict()
    if not isinstance(result, dict):
        return {}
    return {str(k): v for k, v in result.items() if isinstance(v, int) and not isinstance(v, bool)}


def job_run_record(name: str) -> Callable:
    """Decorate a periodic job so that its start, end, success and counts are kept in `JobRun`.

    A failure of the bookkeeping itself never stops the job; a failure of the job is recorded
    (the exception's class only) and raised again.
    """

    def decorate(job: Callable) -> Callable:
        @functools.wraps(job)
        def run(*args, **kwargs):
            started = timezone.now()
            _save(name, started_at=started, finished_at=None)
            try:
                result = job(*args, **kwargs)
            except Exception as exc:
                _save(name, started_at=started, finished_at=timezone.now(), ok=False, error=type(exc).__name__)
                raise
            now = timezone.now()
            _save(name, started_at=started, finished_at=now, ok=True, error="", counts=_counts(result), last_ok_at=now)
            return result

        return run

    return decorate


def _save(name: str, **fields) -> None:
    try:
        JobRun.objects.update_or_create(name=name, defaults=fields)
    except Exception as exc:  # noqa: BLE001 - monitoring must not break the job it watches
        log.warning("could not record the run of %s: %s", name, type(exc).__name__)
