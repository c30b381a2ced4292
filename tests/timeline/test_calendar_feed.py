"""The consultant's iCalendar feed of planned steps: parsed by a real iCalendar library; revocable."""
import datetime as dt
import hashlib

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from icalendar import Calendar

from recruitment.roles import user_consultant
from tests.factories import AssignmentFactory
from timeline.models import CalendarFeed
from timeline.services import plan_lay

from .helpers import status_change

pytestmark = pytest.mark.django_db
D = dt.date


def feed_url(client):
    """Make a new address; the page that answers is the only place it is shown."""
    response = client.post(reverse("timeline:calendar"), {"action": "renew"})
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    url = response.context["new_feed_url"]
    assert url in response.content.decode()
    return url.removeprefix("http://testserver")


@time_machine.travel(dt.datetime(2025, 3, 12, 10, 0), tick=False)
def test_the_feed_lists_the_steps_not_yet_done(client, consultant_user):
    mine = AssignmentFactory(reference="2025-0101", role_title="Rektor", status="start_meeting",
                             lead_consultant=user_consultant(consultant_user))
    plan_lay(assignment=mine, start_on=D(2025, 3, 3))
    status_change(mine, "start_meeting", D(2025, 3, 10))
    plan_lay(assignment=AssignmentFactory(), start_on=D(2025, 3, 3))  # someone else's
    client.force_login(consultant_user)
    url = feed_url(client)
    client.logout()
    response = client.get(url)  # no log-in: Outlook has none
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 8  # the start meeting is done
    first = events[0]
    assert str(first["summary"]) == "2025-0101 Rektor: Annons publicerad"
    assert first.decoded("dtstart") == D(2025, 3, 17)


def test_a_revoked_or_renewed_url_stops_working(client, consultant_user):
    client.force_login(consultant_user)
    old = feed_url(client)
    assert client.get(old).status_code == 200
    new = feed_url(client)  # a new address revokes the old one
    assert client.get(old).status_code == 404 and client.get(new).status_code == 200
    client.post(reverse("timeline:calendar"), {"action": "revoke"})
    assert client.get(new).status_code == 404
    assert client.get(reverse("timeline_feed", args=["gissning"])).status_code == 404


def test_only_consultants_have_a_feed_page(client, manager):
    client.force_login(manager)
    assert client.get(reverse("timeline:calendar")).status_code == 403


def test_only_the_hash_of_the_token_is_stored_and_the_address_is_shown_once(client, consultant_user):
    client.force_login(consultant_user)
    url = feed_url(client)
    token = url.rstrip("/").rsplit("/", 1)[1]
    feed = CalendarFeed.objects.get(revoked_at__isnull=True)
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM timeline_calendarfeed")
        assert not any(token in str(value) for row in cursor.fetchall() for value in row)
    page = client.get(reverse("timeline:calendar")).content.decode()
    assert token not in page and "Du har en kalenderadress" in page
    assert client.get(url).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_migration_hashes_existing_tokens_and_their_urls_keep_working(client, consultant_user):
    from django.db.migrations.executor import MigrationExecutor

    consultant = user_consultant(consultant_user)
    executor = MigrationExecutor(connection)
    executor.migrate([("timeline", "0005_calendar_feed")])
    try:
        old = executor.loader.project_state([("timeline", "0005_calendar_feed")]).apps
        old.get_model("timeline", "CalendarFeed").objects.create(consultant_id=consultant.pk, token="gammal-hemlighet")
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    feed = CalendarFeed.objects.get()
    assert feed.token_hash == hashlib.sha256(b"gammal-hemlighet").hexdigest()
    assert client.get(reverse("timeline_feed", args=["gammal-hemlighet"])).status_code == 200
    client.force_login(consultant_user)
    client.post(reverse("timeline:calendar"), {"action": "revoke"})
    assert client.get(reverse("timeline_feed", args=["gammal-hemlighet"])).status_code == 404
