import datetime as dt

from assignments.models import StatusChange


def status_change(assignment, status, on: dt.date, previous: str = "registered"):
    StatusChange.objects.create(assignment=assignment, from_status=previous, to_status=status, changed_on=on)
    assignment.status, assignment.status_changed_on = status, on
    assignment.save(update_fields=["status", "status_changed_on"])
