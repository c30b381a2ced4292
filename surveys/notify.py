"""Notifications raised by answering a survey.

`low_score_flagged` is called (on commit) for the LowScoreFlag created when a
response with low scores is stored (one flag per response, listing every low
score): it queues the e-mail to the consultant's manager in the outbox
(`OutboxEmail`, `surveys.mail.outbox`), which the dispatcher sends.
"""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse

from recruitment.roles import GROUP_NAMES, MANAGER

from . import emails
from .mail.outbox import outbox_email_queue
from .models import LowScoreFlag, OutboxEmail


def low_score_recipients(flag: LowScoreFlag) -> list[str]:
    """The lead consultant's unit manager; failing that, every user in the manager role."""
    unit = flag.assignment.lead_consultant.unit
    if unit is not None and unit.manager is not None and unit.manager.email:
        return [unit.manager.email]
    users = get_user_model().objects.filter(groups__name=GROUP_NAMES[MANAGER], is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def low_score_flagged(flag_id: int) -> list[OutboxEmail]:
    """Queue the e-mail about a flagged low score (once per response and recipient)."""
    flag = LowScoreFlag.objects.select_related(
        "assignment__lead_consultant__unit__manager", "assignment__organisation").get(pk=flag_id)
    assignment = flag.assignment
    rendered = emails.render("low_score", {
        "reference": assignment.reference,
        "role_title": assignment.role_title,
        "organisation": assignment.organisation.name,
        "consultant": assignment.lead_consultant.name,
        "reason": flag.reason,
        "link": emails.site_url(reverse("surveys:flag_detail", kwargs={"pk": flag.pk})),
    })
    return [
        outbox_email_queue(to=address, rendered=rendered,
                           dedupe_key=f"low_score:response:{flag.response_id}:{address.lower()}")
        for address in low_score_recipients(flag)
    ]
