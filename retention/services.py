"""The retention run: every rule applied, what it did recorded as counts (never the data)."""
from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone

from recruitment.jobs import periodic_job

from .models import RetentionRun
from .rules import RULES

log = logging.getLogger(__name__)
JOB = "retention"


@periodic_job(JOB)
def retention_run(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Erase or anonymise what the rules say is due; one transaction per rule, so a rule that fails
    leaves the others done (and is tried again the next day). Returns {rule key: rows}."""
    now = now or timezone.now()
    counts: dict[str, int] = {}
    failed = []
    for rule in RULES:
        try:
            with transaction.atomic():
                counts[rule.key] = rule.run(now)
        except Exception as exc:  # noqa: BLE001 - one rule's failure must not stop the others
            failed.append(rule.key)
            log.error("retention rule %s failed: %s", rule.key, type(exc).__name__)
    RetentionRun.objects.create(ran_at=now, counts=counts)
    if failed:
        raise RuntimeError(f"retention rules failed: {', '.join(failed)}")
    return counts
