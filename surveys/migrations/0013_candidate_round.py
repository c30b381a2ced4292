"""Candidate rounds: the candidate invitations of an assignment scheduled together open together.

Existing candidate invitations get one round per assignment. A round with a link already out is
open (its links stay answerable), dated by its latest send, the same value for every invitation.
"""
import uuid

from django.db import migrations, models
from django.db.models import Max

SENT_STATES = ("sent", "reminded", "answered", "expired", "closed")


def rounds_backfill(apps, schema_editor):
    Invitation = apps.get_model("surveys", "Invitation")
    candidates = Invitation.objects.filter(kind="candidate")
    for assignment_id in candidates.values_list("assignment_id", flat=True).distinct():
        rows = candidates.filter(assignment_id=assignment_id)
        opened = None
        if rows.filter(status__in=SENT_STATES).exists():
            opened = rows.aggregate(latest=Max("sent_at"))["latest"] or rows.aggregate(
                latest=Max("updated_at"))["latest"]
        rows.update(candidate_round=uuid.uuid4(), round_opened_at=opened)


class Migration(migrations.Migration):

    dependencies = [
        ("surveys", "0012_invitation_send_columns_removed"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation", name="candidate_round",
            field=models.UUIDField(blank=True, db_index=True, null=True),
        ),
        migrations.AddField(
            model_name="invitation", name="round_opened_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(rounds_backfill, migrations.RunPython.noop),
    ]
