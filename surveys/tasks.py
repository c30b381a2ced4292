"""Celery tasks: thin wrappers around the dispatch services."""
from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings

from assignments.importing.jobs import import_job_run
from assignments.models import ImportJobStatus
from recruitment.jobs import background_job, periodic_job

from .services.dispatch import outbox_dispatch, outbox_helpers_wanted
from .services.import_jobs import history_check, history_write
from .services.repair import invitations_repair

log = logging.getLogger(__name__)
DISPATCHER = "survey_dispatcher"  # the periodic job's name in /health/ (HEALTH_JOBS)


def _repair() -> None:
    """The repair before a dispatch; its failure is logged and the dispatch goes on."""
    try:
        invitations_repair()
    except Exception as exc:  # noqa: BLE001 - mail must still go out
        log.error("survey repair failed: %s", type(exc).__name__)


@shared_task(acks_late=True, ignore_result=True)
@periodic_job(DISPATCHER)
def dispatch_due(fan_out: bool = True) -> dict:
    """Repair missing surveys, then send due invitations, reminders and stored e-mails; expire
    old links. Run by Celery beat.

    With a large backlog it first queues a few more runs of itself for the
    other worker processes: dispatchers claim disjoint rows, so they share the
    work without sending anything twice.
    """
    if fan_out:
        _repair()  # once per beat, not in the helper runs
    if fan_out and not dispatch_due.app.conf.task_always_eager:
        for _ in range(outbox_helpers_wanted(parallel=getattr(settings, "SURVEY_DISPATCH_PARALLEL", 4))):
            dispatch_due.apply_async(kwargs={"fan_out": False})
    return outbox_dispatch().as_dict()


@periodic_job(DISPATCHER)
def dispatch_due_now() -> dict:
    """The same run, called in-process by `manage.py runlocal` when there is no broker."""
    _repair()
    return outbox_dispatch().as_dict()


@background_job
def check_history_import(job_id: int) -> None:
    import_job_run(job_id, queued=ImportJobStatus.CHECK_QUEUED, running=ImportJobStatus.CHECKING,
                   work=history_check)


@background_job
def write_history_import(job_id: int) -> None:
    import_job_run(job_id, queued=ImportJobStatus.WRITE_QUEUED, running=ImportJobStatus.WRITING,
                   work=history_write)
