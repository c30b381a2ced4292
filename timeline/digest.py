"""The consultants' reminder digest: at most one e-mail per consultant and day, through the outbox.

On each working day a consultant gets one e-mail listing the steps of their assignments (as lead or
co-consultant) that are due the next working day, and the steps that became late that day (the first
working day after their planned date). No e-mail when there is nothing to tell, none on days the
department is closed, none at all when `TIMELINE_REMINDER_DIGEST` is off. The e-mail is an
`OutboxEmail` queued once per consultant and day (its dedupe key), so a second run the same day adds
nothing; the surveys' dispatcher sends it.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from assignments.models import Consultant
from surveys import emails
from surveys.mail.outbox import outbox_email_queue
from surveys.models import OutboxEmail

from .selectors import STEP_ROW_FIELDS, StepView, open_steps, step_views
from .steps import State
from .workdays import calendar_load

LOOK_BACK_DAYS = 14  # a step that became late today was planned on the last working day: within two weeks


def digest_enabled() -> bool:
    return getattr(settings, "TIMELINE_REMINDER_DIGEST", True)


def digest_key(consultant_id: int, on: dt.date) -> str:
    return f"timeline:digest:{consultant_id}:{on.isoformat()}"


def digest_steps(*, on: dt.date) -> dict[Consultant, dict[str, list[StepView]]]:
    """{consultant: {"due": steps due the next working day, "late": steps that became late on `on`}} for
    active consultants with something to tell; empty on a closed day. Four queries."""
    calendar = calendar_load()
    if not calendar.is_working_day(on):
        return {}
    next_day = calendar.add(on, 1)
    steps = (open_steps(on)
             .filter(planned_on__gte=on - dt.timedelta(days=LOOK_BACK_DAYS), planned_on__lte=next_day)
             .only(*STEP_ROW_FIELDS, "plan__assignment__lead_consultant__email",
                   "plan__assignment__lead_consultant__active")
             .prefetch_related(Prefetch("plan__assignment__co_consultants",
                                        queryset=Consultant.objects.filter(active=True)))
             .order_by("planned_on", "plan__assignment__reference", "position"))
    found: dict[Consultant, dict[str, list[StepView]]] = defaultdict(lambda: {"due": [], "late": []})
    for view in step_views(steps, on=on, calendar=calendar):
        planned = view.plan_step.planned_on
        if view.state == State.LATE and view.days_late == 1:
            kind = "late"
        elif view.state in (State.ON_TIME, State.DUE_SOON) and on < planned <= next_day:
            kind = "due"
        else:
            continue
        assignment = view.plan_step.plan.assignment
        people = [assignment.lead_consultant, *assignment.co_consultants.all()]
        for consultant in {c.pk: c for c in people if c.active and c.email}.values():
            found[consultant][kind].append(view)
    return dict(found)


def _render(consultant: Consultant, *, on: dt.date, due: list[StepView], late: list[StepView]) -> emails.Rendered:
    def row(view: StepView) -> dict:
        assignment = view.plan_step.plan.assignment
        return {"reference": assignment.reference, "role_title": assignment.role_title, "step": view.label,
                "planned": view.plan_step.planned_on,
                "link": emails.site_url(reverse("timeline:plan", kwargs={"reference": assignment.reference}))}

    def rows(views):
        return [row(view) for view in views]
    context = {"name": consultant.name, "on": on, "due": rows(due), "late": rows(late),
               "mine_link": emails.site_url(reverse("assignments:mine"))}
    with translation.override("sv"):
        subject = render_to_string("timeline/email/digest_subject.txt", context)
        text = render_to_string("timeline/email/digest.txt", context)
        html = render_to_string("timeline/email/digest.html", context)
    return emails.Rendered(subject=" ".join(subject.split()), text=text.strip() + "\n", html=html)


def reminder_digests_queue(*, on: dt.date) -> int:
    """Queue the day's digest for every consultant with steps due the next working day or late since
    `on`; returns how many consultants have one queued (a second run the same day queues nothing new)."""
    if not digest_enabled():
        return 0
    found = digest_steps(on=on)
    keys = {consultant.pk: digest_key(consultant.pk, on) for consultant in found}
    queued = set(OutboxEmail.objects.filter(dedupe_key__in=keys.values()).values_list("dedupe_key", flat=True))
    for consultant, kinds in sorted(found.items(), key=lambda item: item[0].pk):
        if keys[consultant.pk] in queued:  # runlocal runs this every minute: render nothing twice
            continue
        outbox_email_queue(to=consultant.email, rendered=_render(consultant, on=on, **kinds),
                           dedupe_key=keys[consultant.pk])
    return len(found)
