"""Writes for tertial report files: request one, generate it as a background job (with progress), store the PDF."""
from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recruitment.jobs import background_job, run_in_background

from .models import ReportFile, ReportStatus
from .periods import TERTIAL_MONTHS

logger = logging.getLogger(__name__)

GENERATE_JOB = "reporting.report_files.report_generate_job"


class ReportRequestError(ValueError):
    """A bad year or tertial; the message is Swedish."""


def report_request(*, year: int, tertial: int | None, requested_by=None, job: str = GENERATE_JOB) -> ReportFile:
    """Store a queued report and start building it in the background once the transaction commits.

    `job` is the background job (recruitment.jobs) that builds it, called with the report's id:
    the project passes one that adds the sections of the apps above reporting (the plan's goals)."""
    if not 2000 <= int(year) <= 2100:
        raise ReportRequestError(_("Ogiltigt år: %(year)s.") % {"year": year})
    if tertial is not None and tertial not in TERTIAL_MONTHS:
        raise ReportRequestError(_("Tertialet måste vara 1, 2 eller 3."))
    with transaction.atomic():
        report = ReportFile.objects.create(year=year, tertial=tertial, requested_by=requested_by,
                                           step=_("Väntar på att starta"))
        run_in_background(job, report.pk)
    return report


def _set_progress(report_id: int, value: int, step: str = "") -> None:
    ReportFile.objects.filter(pk=report_id, status=ReportStatus.RUNNING).update(
        progress=min(max(value, 0), 100), step=step[:200]
    )


def report_generate(report_id: int, *, render=None) -> ReportFile | None:
    """Build the PDF of a queued report, recording each step's progress on the row; safe to run twice.

    Claims the row with a conditional update (queued -> running); a report that is
    already running or done is left alone. A failure is stored on the row (the
    technical detail in `error`, for the log and the admin) and re-raised. `render` builds the PDF
    bytes (keywords year, tertial, progress); reporting's own report when not given.
    """
    from . import pdf

    render = render or pdf.render_tertial_pdf

    claimed = ReportFile.objects.filter(pk=report_id, status=ReportStatus.QUEUED).update(
        status=ReportStatus.RUNNING, progress=5, step=_("Rapporten har påbörjats"), started_at=timezone.now(),
        error="",
    )
    if not claimed:
        return ReportFile.objects.filter(pk=report_id).first()
    report = ReportFile.objects.get(pk=report_id)
    try:
        content = render(year=report.year, tertial=report.tertial,
                                     progress=lambda value, step: _set_progress(report_id, value, step))
        _set_progress(report_id, 95, _("Sparar filen"))
        name = f"tertialrapport-{report.year}" + (f"-t{report.tertial}" if report.tertial else "") + f"-{report.pk}.pdf"
        report.file.save(name, ContentFile(content), save=False)
    except Exception as exc:  # stored for the list page, then re-raised for the worker's log
        logger.exception("tertial report %s failed", report_id)
        ReportFile.objects.filter(pk=report_id).update(
            status=ReportStatus.FAILED, error=str(exc)[:2000] or exc.__class__.__name__, finished_at=timezone.now(),
            step="",
        )
        raise
    report.status, report.progress, report.step, report.finished_at = ReportStatus.DONE, 100, "", timezone.now()
    report.save(update_fields=["file", "status", "progress", "step", "finished_at"])
    return report


@background_job
def report_generate_job(report_id: int) -> None:
    """The background job of a requested report (see recruitment.jobs)."""
    report_generate(report_id)
