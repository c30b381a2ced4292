"""Calendar feed tokens stored hashed: each existing token is replaced by its SHA-256 hash.

Existing feed URLs keep working (the feed is looked up by the hash of the token in its URL), but no
page can show them again. A consultant who wants a URL that was never stored in clear, or who has lost
theirs, makes a new one on Mina uppdrag → Tidplanen i din kalender ("Skapa en ny adress", which revokes
the old) or revokes it there; `CalendarFeed.objects.update(revoked_at=now())` revokes every one at once.
"""
import hashlib

from django.db import migrations, models


def hash_tokens(apps, schema_editor):
    CalendarFeed = apps.get_model("timeline", "CalendarFeed")
    for feed in CalendarFeed.objects.only("pk", "token"):
        CalendarFeed.objects.filter(pk=feed.pk).update(token_hash=hashlib.sha256(feed.token.encode()).hexdigest())


class Migration(migrations.Migration):

    dependencies = [
        ("timeline", "0005_calendar_feed"),
    ]

    operations = [
        migrations.AddField(
            model_name="calendarfeed",
            name="token_hash",
            field=models.CharField(max_length=64, null=True),
        ),
        # One-way: the tokens in clear are gone (a reverse migration leaves the hashes, which stop working).
        migrations.RunPython(hash_tokens, migrations.RunPython.noop),
    ]
