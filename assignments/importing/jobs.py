"""Background file imports: the upload is stored as a job, checked by a task (the preview), and
written by a second task after the person confirms. No web request reads or writes the rows.

The app that owns an import (the register here, the survey history in surveys) gives the work:
a function (job, data, progress) -> (status, fields) run by `import_job_run`, wrapped in a
`@background_job` (assignments/tasks.py, surveys/tasks.py) that `recruitment.jobs.run_in_background`
starts like every long job of the product: on a Celery worker with a broker, in a thread of the
web process without one, inline after the commit in tests. The job row records state, progress,
row and error counts and the outcome; the pages poll it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import uuid
from collections.abc import Callable
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recruitment.jobs import run_in_background

from ..models import ImportJob, ImportJobStatus

logger = logging.getLogger(__name__)

CONFIRM_WITHIN = dt.timedelta(hours=1)  # a preview older than this must be uploaded again

Progress = Callable[[int], None]
Work = Callable[[ImportJob, bytes, Progress], tuple[str, dict]]


class ImportJobUnavailable(Exception):
    """No checked job of this person waits for confirmation (unknown, already confirmed, expired)."""


def import_job_sweep() -> None:
    """Remove the files of previews nobody confirmed in time (the job rows stay, as a record)."""
    stale = ImportJob.objects.filter(status=ImportJobStatus.CHECKED,
                                     finished_at__lt=timezone.now() - CONFIRM_WITHIN).exclude(file="")
    for job in stale:
        job.file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(file="")


def import_job_create(*, kind: str, data: bytes, filename: str, options: dict, user, task: str) -> ImportJob:
    """Store the upload as a job and start its check (`task`: a background job's dotted path) after the commit."""
    import_job_sweep()
    job = ImportJob(kind=kind, filename=Path(filename).name[:255], sha256=hashlib.sha256(data).hexdigest(),
                    options=options, requested_by=user)
    job.file.save(f"{uuid.uuid4().hex}{Path(filename).suffix.lower()[:5]}", ContentFile(data), save=False)
    with transaction.atomic():
        job.save()
        run_in_background(task, job.pk)
    return job


def import_job_confirm(*, job_id, user, task: str) -> ImportJob:
    """Queue the write of a checked job of `user` (exactly the previewed file); ImportJobUnavailable otherwise."""
    try:
        pk = int(job_id)
    except (TypeError, ValueError):
        raise ImportJobUnavailable from None
    fresh_since = timezone.now() - CONFIRM_WITHIN
    with transaction.atomic():
        claimed = ImportJob.objects.filter(pk=pk, requested_by=user, status=ImportJobStatus.CHECKED,
                                           finished_at__gte=fresh_since).update(
            status=ImportJobStatus.WRITE_QUEUED, progress=0, started_at=None, finished_at=None)
        if not claimed:
            raise ImportJobUnavailable
        run_in_background(task, pk)
    return ImportJob.objects.get(pk=pk)


def _set_progress(job_id: int, running: str, value: int) -> None:
    ImportJob.objects.filter(pk=job_id, status=running).update(progress=min(max(int(value), 0), 99))


def import_job_run(job_id: int, *, queued: str, running: str, work: Work) -> ImportJob | None:
    """Run one phase of a job; safe to run twice (the row is claimed queued -> running).

    A failure is stored on the row with a Swedish message (the work writes in one transaction,
    so nothing is kept); the exception goes to the log, without the file's content.
    """
    claimed = ImportJob.objects.filter(pk=job_id, status=queued).update(
        status=running, progress=5, started_at=timezone.now(), error="")
    if not claimed:
        return ImportJob.objects.filter(pk=job_id).first()
    job = ImportJob.objects.get(pk=job_id)
    try:
        with job.file.open("rb") as handle:
            data = handle.read()
        if hashlib.sha256(data).hexdigest() != job.sha256:
            status, fields = ImportJobStatus.FAILED, {"error": _(
                "Den uppladdade filen har ändrats sedan den laddades upp. Ingenting har sparats. "
                "Ladda upp filen igen.")}
        else:
            status, fields = work(job, data, lambda value: _set_progress(job_id, running, value))
    except Exception:
        logger.exception("import job %s (%s) failed", job_id, job.kind)
        status, fields = ImportJobStatus.FAILED, {"error": _(
            "Importen kunde inte slutföras på grund av ett oväntat fel. Ingenting har sparats. "
            "Försök igen eller kontakta systemförvaltningen.")}
    ImportJob.objects.filter(pk=job_id).update(status=status, progress=100, finished_at=timezone.now(), **fields)
    if status in (ImportJobStatus.DONE, ImportJobStatus.REJECTED, ImportJobStatus.FAILED):
        job.file.delete(save=False)  # nothing more will read it
    return ImportJob.objects.get(pk=job_id)
