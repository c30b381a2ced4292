"""gunicorn's logger without survey tokens (see recruitment/log_redaction.py).

Used by gunicorn.conf.py: the access log, when turned on, writes token paths,
referers and every other atom with the token replaced by a short hash, and the
error log's handlers carry the same filter as Django's.
"""
from __future__ import annotations

from gunicorn.glogging import Logger

from .log_redaction import RedactTokens, redact


class RedactingGunicornLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.addFilter(RedactTokens())

    def atoms(self, resp, req, environ, request_time):
        return {key: redact(value) for key, value in super().atoms(resp, req, environ, request_time).items()}
