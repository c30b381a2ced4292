"""The register import as a background job: the check (a dry run, the preview) and the write."""
from __future__ import annotations

import datetime as dt

from ..models import ImportJob, ImportJobStatus
from . import assignments_import


def register_check(job: ImportJob, data: bytes, progress) -> tuple[str, dict]:
    report = assignments_import(file=data, filename=job.filename, dry_run=True, by=job.requested_by,
                                create_consultants=bool(job.options.get("create_consultants")), progress=progress)
    status = ImportJobStatus.CHECKED if report.ok else ImportJobStatus.REJECTED
    return status, {"rows": report.rows, "error_count": len(report.errors), "preview": report.as_json()}


def register_write(job: ImportJob, data: bytes, progress) -> tuple[str, dict]:
    """Write the file in one transaction; a file that no longer checks (the register changed) writes nothing."""
    until = job.options.get("invoiced_until")
    report = assignments_import(file=data, filename=job.filename, dry_run=False, by=job.requested_by,
                                create_consultants=bool(job.options.get("create_consultants")), progress=progress,
                                invoiced_until=dt.date.fromisoformat(until) if until else None)
    status = ImportJobStatus.DONE if report.ok else ImportJobStatus.REJECTED
    return status, {"rows": report.rows, "error_count": len(report.errors), "result": report.as_json()}
