"""Billing listens to the register's import; the register knows nothing of it."""
from django.dispatch import receiver

from assignments.importing import assignments_imported

from .services import invoice_opening_record


@receiver(assignments_imported)
def _mark_old_lines_invoiced(sender, references, invoiced_until=None, **kwargs):
    if invoiced_until is not None:
        invoice_opening_record(references=references, until=invoiced_until)
