"""Sending one message over a reused SMTP connection, and what kind of failure it was."""
from __future__ import annotations

import logging
import re
import smtplib

from django.utils.translation import gettext as _

log = logging.getLogger(__name__)


class SendError(Exception):
    def __init__(self, message: str, *, recipient_rejected: bool, connection_lost: bool):
        super().__init__(message)
        self.recipient_rejected = recipient_rejected
        self.connection_lost = connection_lost


def send(message, connection) -> None:
    """Send one message over an open (reused) connection; raise SendError telling what failed.

    The error text is stored on the outbox row and logged, so the recipient's address (which
    servers often repeat in their answer) is taken out: a candidate's address must not stay.
    """
    try:
        _send(message, connection)
    except SendError as exc:
        text = str(exc)
        for address in message.recipients():
            text = re.sub(re.escape(address), "[mottagaren]", text, flags=re.IGNORECASE)
        raise SendError(text, recipient_rejected=exc.recipient_rejected, connection_lost=exc.connection_lost)


def _send(message, connection) -> None:
    try:
        try:
            connection.open()
            connection.send_messages([message])
        except smtplib.SMTPServerDisconnected:
            # the server dropped an idle connection: reconnect once
            close_quietly(connection)
            connection.open()
            connection.send_messages([message])
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _msg in exc.recipients.values()]
        detail = "; ".join(f"{code} {msg.decode(errors='replace') if isinstance(msg, bytes) else msg}"
                           for code, msg in exc.recipients.values())
        raise SendError(_("Mottagaren avvisades: %(detail)s") % {"detail": detail},
                         recipient_rejected=all(500 <= c < 600 for c in codes), connection_lost=False)
    except smtplib.SMTPResponseException as exc:
        text = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        raise SendError(_("SMTP-fel %(code)s: %(text)s") % {"code": exc.smtp_code, "text": text},
                         recipient_rejected=False, connection_lost=False)
    except OSError as exc:  # refused, timed out, disconnected: the server is not there
        close_quietly(connection)
        raise SendError(_("Kunde inte nå e-postservern: %(error)s") % {"error": exc or type(exc).__name__},
                         recipient_rejected=False, connection_lost=True)


def close_quietly(connection) -> None:
    try:
        connection.close()
    except Exception:  # a broken connection may fail to close
        log.debug("closing the mail connection failed", exc_info=True)
