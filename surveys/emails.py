"""One place that renders and builds every e-mail the surveys app sends.

Each message is a template triplet under `surveys/email/`: `<name>_subject.txt`,
`<name>.txt` and `<name>.html`, rendered in Swedish unless a language is given (an invitation:
its contact's; `surveys.languages`: English through the English catalogue, easy-to-read Swedish
as Swedish), whatever language the request or the worker has active.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from . import languages, tokens
from .models import Invitation, OutboxEmail, SurveyKind


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class Attachment:
    """A file sent with a stored e-mail (`surveys.mail.outbox.outbox_email_queue`)."""

    name: str
    content: bytes
    mimetype: str


def render(name: str, context: dict, language: str = languages.SWEDISH) -> Rendered:
    with translation.override(languages.chrome_language(language)):
        subject = render_to_string(f"surveys/email/{name}_subject.txt", context)
        text = render_to_string(f"surveys/email/{name}.txt", context)
        html = render_to_string(f"surveys/email/{name}.html", context)
    return Rendered(subject=" ".join(subject.split()), text=text.strip() + "\n", html=html)


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _language_query(language: str) -> str:
    """The query that opens a public survey page in `language` (none for Swedish)."""
    return "" if language == languages.SWEDISH else "?" + urlencode({"lang": language})


def survey_link(token: str, language: str = languages.SWEDISH) -> str:
    return site_url(f"/s/{token}/") + _language_query(language)


def unsubscribe_link(token: str, language: str = languages.SWEDISH) -> str:
    return site_url(reverse("public_surveys:unsubscribe", kwargs={"token": token})) + _language_query(language)


def build(
    *, to: str, rendered: Rendered, headers: dict | None = None, redact_recipient: bool = False,
    connection=None,
) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=rendered.subject, body=rendered.text, from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to], headers=headers or {}, connection=connection,
    )
    message.attach_alternative(rendered.html, "text/html")
    # Read by the embedded e-mail backend (surveys.mail.backend), never sent: candidate addresses must not be kept.
    message.redact_recipient = redact_recipient
    return message


def invitation_recipient(invitation: Invitation) -> str:
    if invitation.kind == SurveyKind.CANDIDATE:
        return invitation.email
    return invitation.contact.email if invitation.contact_id else ""


def invitation_language(invitation: Invitation) -> str:
    """The language of an invitation's e-mail and link: its contact's (a candidate's is Swedish, and
    the candidate can switch on the form: the hire records no language)."""
    if invitation.kind == SurveyKind.CANDIDATE or not invitation.contact_id:
        return languages.SWEDISH
    return languages.language_or_none(invitation.contact.language) or languages.SWEDISH


def invitation_message(*, invitation: Invitation, reminder: bool = False, connection=None) -> EmailMultiAlternatives:
    """The invitation (or its reminder) with the personal link and one-click unsubscribe headers,
    in the recipient's language (`invitation_language`); the link opens the form in it.

    The invitation must have its token salt; the assignment, its lead consultant
    and contact should be loaded with select_related.
    """
    token = tokens.token_for(invitation.token_salt)
    assignment = invitation.assignment
    language = invitation_language(invitation)
    context = {
        "reminder": reminder,
        "link": survey_link(token, language),
        "unsubscribe_link": unsubscribe_link(token, language),
        "consultant": assignment.lead_consultant.name,
        "role_title": assignment.role_title,
        "reference": assignment.reference,
        "organisation": assignment.organisation.name if invitation.kind != SurveyKind.CANDIDATE else "",
        "contact_name": invitation.contact.name if invitation.contact_id else "",
        "expiry_days": settings.SURVEY_EXPIRY_DAYS,
        "expires_at": invitation.expires_at,
        # A candidate's e-mail is Swedish (the hire records no language): it points English readers
        # to the form in English.
        "link_en": survey_link(token, languages.ENGLISH) if invitation.kind == SurveyKind.CANDIDATE else "",
    }
    rendered = render(f"invitation_{invitation.kind}", context, language)
    headers = {
        "List-Unsubscribe": f"<{context['unsubscribe_link']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    candidate = invitation.kind == SurveyKind.CANDIDATE
    message = build(
        to=invitation_recipient(invitation), rendered=rendered, headers=headers,
        redact_recipient=candidate, connection=connection,
    )
    # Read by the embedded e-mail backend: a candidate's link is not stored either (with it, the
    # stored reminders, which go only to the unanswered, would tell who answered).
    message.redact_values = [token] if candidate else []
    # A candidate's reminder goes only to the unanswered: a stored copy (whatever it leaves out)
    # would tell by its assignment and role whose candidates had answered.
    message.keep_local_copy = not (candidate and reminder)
    return message


def outbox_message(*, email: OutboxEmail, connection=None) -> EmailMultiAlternatives:
    rendered = Rendered(subject=email.subject, text=email.text, html=email.html)
    message = build(to=email.to, rendered=rendered, connection=connection)
    if email.attachment_name:
        message.attach(email.attachment_name, bytes(email.attachment or b""),
                       email.attachment_type or "application/octet-stream")
    return message
