"""Production settings: refuse to start with unsafe values; secure defaults (README "Privacy and security")."""
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import DEBUG, SECRET_KEY, env

if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production (set DEBUG=0).")
if not SECRET_KEY or SECRET_KEY.startswith("insecure") or len(SECRET_KEY) < 40:
    raise ImproperlyConfigured("Set SECRET_KEY to a long random value in production.")

# Commands that create published log-ins (seed_demo) refuse to run here unless told explicitly.
IS_PRODUCTION = True

# Staff users with a local password (break-glass administrators) log in with a second factor.
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=True)

SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
LANGUAGE_COOKIE_SECURE = env.bool("LANGUAGE_COOKIE_SECURE", default=True)
# The TLS-terminating proxy must set X-Forwarded-Proto; a plain-HTTP request is redirected to HTTPS.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HSTS for a year; the header is sent on HTTPS answers only. includeSubDomains covers the hosts
# below the application's own host name (not its siblings in the city's domain). Preloading is
# a decision for the whole registrable domain, so it is off unless the operator turns it on.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# A session ends after a working day without activity (every request renews it) and when
# the browser closes, whichever comes first.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=9 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Keep each worker's database connection between requests (a new PostgreSQL
# connection per request costs more than the answer page itself). A connection that
# broke (database restarted) fails one request and is then replaced.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=300)  # noqa: F405

# Logs as one JSON object per line (time, level, logger, message, request_id) for the city's log
# collection; LOG_FORMAT=text keeps the plain format.
if env("LOG_FORMAT", default="json") == "json":
    LOGGING["formatters"] = {  # noqa: F405
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    }
    LOGGING["handlers"]["console"]["formatter"] = "json"  # noqa: F405
