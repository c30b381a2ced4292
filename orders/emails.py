"""Every e-mail of the order service, queued through the one outbox (surveys/mail/outbox.py).

Each message is a subject and a text template under `orders/email/`; the HTML part is the same text
in the shared layout. The dedupe key makes each message queued once.
"""
from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from surveys import emails
from surveys.mail.outbox import outbox_email_queue

from .models import Order


def status_link(token: str) -> str:
    return emails.site_url(reverse("public_orders:status", kwargs={"token": token}))


def confirm_link(token: str) -> str:
    return emails.site_url(reverse("public_orders:confirm", kwargs={"token": token}))


def render(name: str, context: dict) -> emails.Rendered:
    with translation.override("sv"):
        subject = render_to_string(f"orders/email/{name}_subject.txt", context)
        text = render_to_string(f"orders/email/{name}.txt", context).strip() + "\n"
        html = render_to_string("orders/email/_base.html", {"subject": subject, "text": text})
    return emails.Rendered(subject=" ".join(subject.split()), text=text, html=html)


def queue(*, name: str, order: Order, to: str, key: str, **context) -> None:
    outbox_email_queue(to=to, rendered=render(name, {"order": order, **context}),
                       dedupe_key=f"orders:{name}:{order.pk}:{key}")
