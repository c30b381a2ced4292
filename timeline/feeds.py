"""The consultant's iCalendar feed: their open planned steps as all-day events, at a secret URL they
can revoke (a new URL revokes the old one). The database keeps the token's SHA-256 hash only."""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from icalendar import Calendar, Event

from assignments.models import WORKING_STATUSES, Assignment

from .models import CalendarFeed, PlanStep
from .selectors import step_views
from .steps import State


def feed_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_feed_renew(*, consultant) -> str:
    """Revoke the consultant's live URL (if any) and make a new one; returns its token, which is not
    stored and cannot be shown again."""
    calendar_feed_revoke(consultant=consultant)
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.create(consultant=consultant, token_hash=feed_token_hash(token))
    return token


def calendar_feed_revoke(*, consultant) -> int:
    return CalendarFeed.objects.filter(consultant=consultant, revoked_at__isnull=True).update(
        revoked_at=timezone.now())


def calendar_feed_live(*, token: str) -> CalendarFeed | None:
    return CalendarFeed.objects.select_related("consultant").filter(
        token_hash=feed_token_hash(token), revoked_at__isnull=True).first()


def calendar_feed_ics(*, consultant, on: dt.date) -> bytes:
    """The consultant's (lead or co-consultant) steps not yet done in open assignments."""
    mine = Assignment.objects.for_consultant(consultant).filter(status__in=WORKING_STATUSES).values("pk")
    steps = (PlanStep.objects.filter(plan__assignment__in=mine)
             .select_related("plan__assignment").order_by("planned_on", "pk"))
    cal = Calendar()
    cal.add("prodid", "-//SF Rekrytering//Tidplan//SV")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Tidplan – SF Rekrytering")
    stamp = timezone.now()
    for view in step_views(steps, on=on):
        if view.state in (State.DONE, State.DONE_LATE):
            continue
        assignment = view.plan_step.plan.assignment
        event = Event()
        event.add("uid", f"planstep-{view.plan_step.pk}@rekrytering")
        event.add("dtstamp", stamp)
        event.add("dtstart", view.plan_step.planned_on)
        event.add("dtend", view.plan_step.planned_on + dt.timedelta(days=1))
        event.add("summary", f"{assignment.reference} {assignment.role_title}: {view.label}")
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
