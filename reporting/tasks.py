"""Celery tasks of reporting: thin wrappers around services.

Reports are started through recruitment.jobs.run_in_background (its generic task on a
worker, a thread without a broker); this task stays for work already queued under its name.
"""
from celery import shared_task

from .report_files import report_generate


@shared_task(acks_late=True)
def generate_tertial_report(report_id: int) -> str | None:
    report = report_generate(report_id)
    return report.status if report else None
