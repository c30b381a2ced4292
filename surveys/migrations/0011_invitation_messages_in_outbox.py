"""Every invitation e-mail becomes an outbox row: the send columns move from Invitation to OutboxEmail.

One row per existing invitation message, written from the invitation's current columns (no live
app code: the states are spelled out here). The invitation keeps its own state (`status`).
"""
import django.db.models.deletion
from django.db import migrations, models

BATCH = 1000


def _row(OutboxEmail, inv, purpose, status, **fields):
    return OutboxEmail(invitation_id=inv.pk, purpose=purpose, status=status, **fields)


def invitation_messages(apps, schema_editor):
    Invitation = apps.get_model("surveys", "Invitation")
    OutboxEmail = apps.get_model("surveys", "OutboxEmail")
    rows = []
    for inv in Invitation.objects.order_by("pk").iterator(chunk_size=BATCH):
        state = {"attempts": inv.attempts, "next_attempt_at": inv.next_attempt_at, "last_error": inv.last_error}
        if inv.sent_at is None:  # the first message has not gone out
            if inv.status == "sending":
                rows.append(_row(OutboxEmail, inv, "invitation", "sending", claimed_at=inv.claimed_at,
                                 claim_key=inv.claim_key, **state))
            elif inv.status == "failed":
                rows.append(_row(OutboxEmail, inv, "invitation", "failed", **state))
            elif inv.attempts or inv.last_error or inv.next_attempt_at:
                rows.append(_row(OutboxEmail, inv, "invitation", "queued", **state))
            # a scheduled, held, skipped or cancelled invitation with no attempt yet needs no row
        else:
            rows.append(_row(OutboxEmail, inv, "invitation", "sent", sent_at=inv.sent_at))
            if inv.reminded_at is not None:  # its reminder was claimed: sent, or failed for good
                failed = bool(inv.last_error) and inv.kind != "candidate"
                rows.append(_row(OutboxEmail, inv, "reminder", "failed" if failed else "sent",
                                 sent_at=None if failed else inv.reminded_at, **(state if failed else {})))
            elif inv.attempts or inv.last_error or inv.next_attempt_at:  # a reminder waiting for its retry
                rows.append(_row(OutboxEmail, inv, "reminder", "queued", **state))
        if len(rows) >= BATCH:
            OutboxEmail.objects.bulk_create(rows)
            rows = []
    OutboxEmail.objects.bulk_create(rows)


class Migration(migrations.Migration):

    dependencies = [
        ("surveys", "0010_outboxemail_claim_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboxemail",
            name="purpose",
            field=models.CharField(
                choices=[("email", "E-post"), ("invitation", "Inbjudan"), ("reminder", "Påminnelse")],
                default="email", max_length=20),
        ),
        migrations.AddField(
            model_name="outboxemail",
            name="invitation",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE,
                                    related_name="messages", to="surveys.invitation"),
        ),
        migrations.AlterField(
            model_name="outboxemail", name="to", field=models.EmailField(blank=True, max_length=254, verbose_name="till"),
        ),
        migrations.AlterField(
            model_name="outboxemail", name="subject",
            field=models.CharField(blank=True, max_length=300, verbose_name="ämne"),
        ),
        migrations.AlterField(
            model_name="outboxemail", name="text", field=models.TextField(blank=True, verbose_name="text"),
        ),
        migrations.AddConstraint(
            model_name="outboxemail",
            constraint=models.UniqueConstraint(condition=models.Q(("invitation__isnull", False)),
                                               fields=("invitation", "purpose"),
                                               name="surveys_one_message_per_invitation_and_purpose"),
        ),
        migrations.RunPython(invitation_messages, migrations.RunPython.noop),
    ]
