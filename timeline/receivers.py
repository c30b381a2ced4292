"""The timeline listens to the register; the register knows nothing of it."""
from django.dispatch import receiver

from assignments.importing import assignments_imported

from .services import plans_derive


@receiver(assignments_imported)
def _derive_plans_for_imported(sender, references, planned=None, **kwargs):
    """Plans for imported assignments without one, using the file's planned dates where it has them."""
    plans_derive(references=references, planned=planned)
