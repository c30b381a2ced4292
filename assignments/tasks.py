"""Celery tasks of the register: thin wrappers around services."""
from celery import shared_task

from .importing.background import register_check, register_write
from .importing.jobs import import_job_run
from .models import ImportJobStatus


@shared_task(acks_late=True, ignore_result=True)
def check_register_import(job_id: int) -> None:
    import_job_run(job_id, queued=ImportJobStatus.CHECK_QUEUED, running=ImportJobStatus.CHECKING,
                   work=register_check)


@shared_task(acks_late=True, ignore_result=True)
def write_register_import(job_id: int) -> None:
    import_job_run(job_id, queued=ImportJobStatus.WRITE_QUEUED, running=ImportJobStatus.WRITING,
                   work=register_write)
