"""Client errors (4xx) are logged as one line: a refused page is not a fault of the server.

Django's request logger attaches the exception (PermissionDenied, Http404 …) to the warning
it writes for a 403 or 404, so every ordinary refusal put a traceback in the server log.
"""
from __future__ import annotations

import logging


class ClientErrorsWithoutTraceback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
