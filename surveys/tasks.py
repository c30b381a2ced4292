"""Celery tasks: thin wrappers around the dispatch services."""
from __future__ import annotations

from celery import shared_task

from .services.dispatch import outbox_dispatch


@shared_task(acks_late=True, ignore_result=True)
def dispatch_due() -> dict:
    """Send due invitations, reminders and stored e-mails; expire old links. Run by Celery beat."""
    return outbox_dispatch().as_dict()


def dispatch_due_now() -> None:
    """The same run, called in-process by `manage.py runlocal` when there is no broker."""
    outbox_dispatch()
