"""The survey history import as a background job: the check (the preview) and the write."""
from __future__ import annotations

from assignments.models import ImportJob, ImportJobStatus
from surveys.services.importing import ImportRejected, UnreadableFile, responses_import, responses_parse


def history_check(job: ImportJob, data: bytes, progress) -> tuple[str, dict]:
    try:
        plan = responses_parse(content=data, filename=job.filename, progress=progress)
    except UnreadableFile as exc:
        return ImportJobStatus.REJECTED, {"error_count": 1, "preview": {"unreadable": str(exc), "errors": []}}
    preview = {"errors": [str(e) for e in plan.errors],
               "counts": {str(label): n for label, n in plan.counts_by_kind().items()},
               "new": len(plan.new_rows), "existing": plan.existing_count}
    status = ImportJobStatus.CHECKED if not plan.errors and plan.new_rows else ImportJobStatus.REJECTED
    return status, {"rows": len(plan.rows), "error_count": len(plan.errors), "preview": preview}


def history_write(job: ImportJob, data: bytes, progress) -> tuple[str, dict]:
    """Store the new rows in one transaction; a file that no longer checks writes nothing."""
    try:
        result = responses_import(content=data, filename=job.filename, progress=progress)
    except ImportRejected as exc:
        return ImportJobStatus.REJECTED, {"error_count": len(exc.errors),
                                          "result": {"errors": [str(e) for e in exc.errors]}}
    except UnreadableFile as exc:
        return ImportJobStatus.REJECTED, {"error_count": 1, "result": {"unreadable": str(exc), "errors": []}}
    return ImportJobStatus.DONE, {"result": {"created": result.created, "skipped": result.skipped, "errors": []}}
