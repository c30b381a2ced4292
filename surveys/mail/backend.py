"""E-mail backend for the embedded default (no EMAIL_URL): every message is stored
in the LocalMail table and shown on the local outbox page ("Utkorg").

Messages marked `redact_recipient` (candidate surveys) are stored without the
recipient's address: candidate addresses must not outlive the survey. Their
`redact_values` (the candidate's link token) are not stored either. Messages
marked `keep_local_copy = False` (a candidate's reminder, which goes only to
those who have not answered) are not stored at all.
"""
from __future__ import annotations

from django.core.mail.backends.base import BaseEmailBackend
from django.utils.translation import gettext as _

REDACTED = "[dold adress]"


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        from ..models import LocalMail

        rows = []
        for message in email_messages:
            if not getattr(message, "keep_local_copy", True):
                continue
            html = ""
            for content, mimetype in getattr(message, "alternatives", []) or []:
                if mimetype == "text/html":
                    html = content
            redact = getattr(message, "redact_recipient", False)
            recipients = message.recipients()
            to = _("[kandidatens adress sparas inte]") if redact else ", ".join(recipients)
            text, headers = str(message.body), dict(message.extra_headers or {})
            for value in getattr(message, "redact_values", []) or []:
                hidden = _("[länken sparas inte]")
                text, html = text.replace(value, hidden), html.replace(value, hidden)
                headers = {key: str(header).replace(value, hidden) for key, header in headers.items()}
            rows.append(LocalMail(
                to=to[:500], from_email=str(message.from_email)[:300], subject=str(message.subject)[:300],
                text=text, html=html, headers=headers,
            ))
        LocalMail.objects.bulk_create(rows)
        return len(email_messages)
