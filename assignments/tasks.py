"""Background jobs of the register: thin wrappers around services (started by recruitment.jobs)."""
from recruitment.jobs import background_job

from .importing.background import register_check, register_write
from .importing.jobs import import_job_run
from .models import ImportJobStatus


@background_job
def check_register_import(job_id: int) -> None:
    import_job_run(job_id, queued=ImportJobStatus.CHECK_QUEUED, running=ImportJobStatus.CHECKING,
                   work=register_check)


@background_job
def write_register_import(job_id: int) -> None:
    import_job_run(job_id, queued=ImportJobStatus.WRITE_QUEUED, running=ImportJobStatus.WRITING,
                   work=register_write)
