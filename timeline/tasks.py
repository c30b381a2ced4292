"""Celery tasks of the timeline: thin wrappers around services."""
from __future__ import annotations

from celery import shared_task

from assignments.services import today

from .digest import reminder_digests_queue


@shared_task(acks_late=True, ignore_result=True)
def reminder_digests() -> int:
    """Queue the day's reminder digests (Celery beat, each morning); the outbox dispatcher sends them."""
    return reminder_digests_queue(on=today())


def reminder_digests_now() -> None:
    """The same run, called in-process by `manage.py runlocal` when there is no broker (a run after the
    day's digests are queued queues nothing)."""
    reminder_digests_queue(on=today())
