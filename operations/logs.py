"""A request id on every log line of a request, and the JSON log format of production settings.

`RequestIdMiddleware` takes the id a proxy sent in `X-Request-ID` (when it is a plain token) or
makes one, keeps it for the request's log records and returns it in the response's
`X-Request-ID`, so a user's report, the proxy's log and ours can be matched.
`RequestIdFilter` puts it on each record as `request_id` ("-" outside a request).
"""
from __future__ import annotations

import contextvars
import logging
import re
import uuid

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_VALID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
HEADER = "X-Request-ID"


def current_request_id() -> str:
    return _request_id.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(HEADER, "")
        request_id = given if _VALID.match(given) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True
