"""Celery tasks of reporting: thin wrappers around services."""
from celery import shared_task

from .report_services import report_generate


@shared_task(acks_late=True)
def generate_tertial_report(report_id: int) -> str | None:
    report = report_generate(report_id)
    return report.status if report else None
