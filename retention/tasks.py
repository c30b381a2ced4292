"""The daily retention job: Celery beat, or `runlocal`'s in-process loop without a broker."""
from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.utils import timezone

from .models import RetentionRun
from .services import retention_run


@shared_task(acks_late=True, ignore_result=True)
def retention_daily() -> dict:
    return retention_run()


def retention_now() -> dict | None:
    """The same run for runlocal's loop (every minute): at most once a day."""
    last = RetentionRun.objects.order_by("-ran_at").values_list("ran_at", flat=True).first()
    if last is not None and timezone.now() - last < dt.timedelta(hours=23):
        return None
    return retention_run()
