"""The timeline listens to the register; the register knows nothing of it."""
from django.dispatch import receiver

from assignments.importing import assignments_imported
from assignments.services import assignment_registered

from .services import plans_derive


@receiver(assignments_imported)
def _derive_plans_for_imported(sender, references, planned=None, **kwargs):
    """Plans for imported assignments without one, using the file's planned dates where it has them."""
    plans_derive(references=references, planned=planned)


@receiver(assignment_registered)
def _draft_plan_for_registered(sender, reference, **kwargs):
    """An assignment registered by hand gets its plan as a draft at once: laid from the standard timeline at
    its order date and marked as derived, as an imported one's is, until the consultant lays it at the start
    meeting. So it is in the late-steps view, the digest and the capacity from the day it is registered."""
    plans_derive(references=[reference])
