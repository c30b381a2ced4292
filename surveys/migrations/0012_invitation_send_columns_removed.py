"""The send columns of Invitation go: they live on its outbox rows (0011 moved them).

Its own migration, so that the rows 0011 wrote are committed before the table is altered.
"""
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("surveys", "0011_invitation_messages_in_outbox"),
    ]

    operations = [
        migrations.RemoveField(model_name="invitation", name="attempts"),
        migrations.RemoveField(model_name="invitation", name="next_attempt_at"),
        migrations.RemoveField(model_name="invitation", name="last_error"),
        migrations.RemoveField(model_name="invitation", name="claimed_at"),
        migrations.RemoveField(model_name="invitation", name="claim_key"),
    ]
