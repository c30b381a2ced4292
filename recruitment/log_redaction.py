"""Survey link tokens never reach a log line, an error e-mail or an error report.

A token in a URL is a working key to someone's survey (and, for a candidate, to
their anonymity), so every path that carries one (/s/<token>/, /s/kurs/<token>/,
/s/avregistrera/<token>/) is written with a short hash in its place:
/s/#3f2a9c1e/. The hash lets an operator tell two dead links apart without
being able to open either.

- `RedactTokens` is a logging filter on every handler of the LOGGING setting:
  it rewrites the message, its arguments, a formatted traceback and the
  request attached to a record (which the error e-mail reads).
- `RedactingExceptionReporter` (DEFAULT_EXCEPTION_REPORTER) redacts the error
  report itself: the e-mail body and Django's technical error page.
- `gunicorn_conf.py` gives gunicorn's access log the same treatment.
"""
from __future__ import annotations

import copy
import hashlib
import logging
import re

from django.http import HttpRequest
from django.views.debug import ExceptionReporter

# The public survey URLs that carry a token in their last segment ("tack" carries none), and the order
# service's confirmation and status links (orders/).
TOKEN_PATH = re.compile(r"(/s/(?:kurs/|avregistrera/)?|/bestall/(?:bekrafta|status)/)(?!tack/)([^/?#\s'\"<>\\]+)")


def short_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:8]


def redact(text):
    """The text with every token in a survey path replaced by its short hash; non-text is returned as is."""
    if not isinstance(text, str) or ("/s/" not in text and "/bestall/" not in text):
        return text
    return TOKEN_PATH.sub(lambda m: f"{m.group(1)}#{short_hash(m.group(2))}", text)


def _redact_args(args):
    if isinstance(args, dict):
        return {key: redact(value) for key, value in args.items()}
    if isinstance(args, tuple):
        return tuple(redact(value) for value in args)
    return args


def redacted_request(request):
    """A shallow copy of the request whose path and META carry no token (for the error e-mail)."""
    clean = copy.copy(request)
    for attr in ("path", "path_info"):
        if isinstance(getattr(request, attr, None), str):
            setattr(clean, attr, redact(getattr(request, attr)))
    meta = getattr(request, "META", None)
    if isinstance(meta, dict):
        clean.META = {key: redact(value) for key, value in meta.items()}
    if hasattr(request, "environ"):
        clean.environ = clean.META
    return clean


class RedactTokens(logging.Filter):
    """Rewrite a record so that no survey token is left in it. Never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.msg)
        record.args = _redact_args(record.args)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_text = redact(record.exc_text)
        request = getattr(record, "request", None)
        # Only Django's requests carry a path to redact: the development server's own log
        # (django.server) puts its socket there, which has none (and cannot be copied).
        if isinstance(request, HttpRequest) and not getattr(request, "_tokens_redacted", False):
            record.request = redacted_request(request)
            record.request._tokens_redacted = True
        return True


class RedactingExceptionReporter(ExceptionReporter):
    """Error reports (the admins' e-mail, the technical 500 page) without survey tokens."""

    def get_traceback_text(self):
        return redact(super().get_traceback_text())

    def get_traceback_html(self):
        return redact(super().get_traceback_html())
