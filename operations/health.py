"""The health report for the load balancer and monitoring (`/health/`), without secrets.

`health_report()` checks the database (a query), Redis when a broker or cache uses it (a PING),
the outbox (how long the oldest due e-mail has waited) and the last runs of the periodic jobs.
Only the database and Redis decide whether this process can serve ("down", HTTP 503); a stuck
outbox or a job that has not run makes the report "degraded" (HTTP 200), so that a load balancer
does not take a healthy web server out because the mail worker stopped. Errors are reported by
the exception's class name only: never a URL, password or message text.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.utils import timezone

from surveys.mail.outbox import oldest_due_at

from .models import JobRun

OK, DEGRADED, DOWN = "ok", "degraded", "down"


def redis_urls() -> list[str]:
    """The Redis URLs this deployment uses (broker, cache), without duplicates; empty when none."""
    candidates = [getattr(settings, "CELERY_BROKER_URL", "") or ""]
    cache = settings.CACHES.get("default", {})
    if "redis" in cache.get("BACKEND", "").lower():
        location = cache.get("LOCATION", "")
        candidates += location if isinstance(location, list | tuple) else [location]
    urls = []
    for url in candidates:
        if url.startswith(("redis://", "rediss://", "unix://")) and url not in urls:
            urls.append(url)
    return urls


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return {"status": OK}
    except Exception as exc:  # noqa: BLE001 - reported, never raised
        return {"status": DOWN, "error": type(exc).__name__}


def _redis() -> dict:
    urls = redis_urls()
    if not urls:
        return {"status": OK, "configured": False}
    import redis

    for url in urls:
        try:
            client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
            try:
                client.ping()
            finally:
                client.close()
        except Exception as exc:  # noqa: BLE001
            return {"status": DOWN, "configured": True, "error": type(exc).__name__}
    return {"status": OK, "configured": True}


def _age(now: dt.datetime, at: dt.datetime | None) -> int | None:
    return None if at is None else max(0, int((now - at).total_seconds()))


def _outbox(now: dt.datetime) -> dict:
    try:
        age = _age(now, oldest_due_at(now=now))
    except Exception as exc:  # noqa: BLE001
        return {"status": DEGRADED, "error": type(exc).__name__}
    limit = settings.HEALTH_OUTBOX_MAX_AGE_SECONDS
    return {"status": DEGRADED if age is not None and age > limit else OK,
            "oldest_due_age_seconds": age, "max_age_seconds": limit}


def _jobs(now: dt.datetime) -> dict:
    expected = settings.HEALTH_JOBS  # {job name: the longest acceptable gap since its last good run, seconds}
    try:
        runs = {run.name: run for run in JobRun.objects.filter(name__in=list(expected))}
    except Exception as exc:  # noqa: BLE001
        return {name: {"status": DEGRADED, "error": type(exc).__name__} for name in expected}
    report = {}
    for name, max_gap in expected.items():
        run = runs.get(name)
        if run is None:
            report[name] = {"status": DEGRADED, "last_run": None, "last_ok": None}
            continue
        age = _age(now, run.last_ok_at)
        report[name] = {
            "status": OK if age is not None and age <= max_gap else DEGRADED,
            "last_run": run.started_at.isoformat(),
            "last_ok": run.last_ok_at.isoformat() if run.last_ok_at else None,
            "last_ok_age_seconds": age,
            "max_age_seconds": max_gap,
            **({"error": run.error} if run.error and not run.ok else {}),
        }
    return report


@dataclass(frozen=True)
class HealthReport:
    status: str
    checks: dict

    @property
    def http_status(self) -> int:
        return 503 if self.status == DOWN else 200

    def to_json(self) -> dict:
        return {"status": self.status, **self.checks}


def health_report(*, now: dt.datetime | None = None) -> HealthReport:
    now = now or timezone.now()
    checks = {"database": _database(), "redis": _redis()}
    if checks["database"]["status"] == OK:
        checks["outbox"] = _outbox(now)
        checks["jobs"] = _jobs(now)
    statuses = [checks["database"]["status"], checks["redis"]["status"], checks.get("outbox", {}).get("status", OK),
                *(job["status"] for job in checks.get("jobs", {}).values())]
    status = DOWN if DOWN in statuses else DEGRADED if DEGRADED in statuses else OK
    return HealthReport(status=status, checks=checks)


__all__ = ["HealthReport", "health_report", "redis_urls"]
