"""The tokens in clear go (0006 stored their hashes); the hash becomes required and unique."""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("timeline", "0006_calendar_feed_token_hash"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="calendarfeed",
            name="token",
        ),
        migrations.AlterField(
            model_name="calendarfeed",
            name="token_hash",
            field=models.CharField(max_length=64, unique=True),
        ),
    ]
