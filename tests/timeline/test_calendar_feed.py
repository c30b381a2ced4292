"""The consultant's iCalendar feed of planned steps: parsed by a real iCalendar library; revocable."""
import datetime as dt

import pytest
import time_machine
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
    client.post(reverse("timeline:calendar"), {"action": "renew"})
    return reverse("timeline_feed", args=[CalendarFeed.objects.get(revoked_at__isnull=True).token])


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
