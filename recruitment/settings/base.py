"""Settings shared by every environment, read from environment variables.

Defaults give the embedded first run: SQLite, no broker (Celery tasks run
eagerly), e-mail stored in the database outbox and shown on a local page.
"""
import datetime as dt
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False) if (BASE_DIR / ".env").exists() else None

DEBUG = env.bool("DEBUG", default=env.bool("DJANGO_DEBUG", default=True))
# True only in recruitment/settings/production.py: commands that must not run there check it.
IS_PRODUCTION = False
SECRET_KEY = env("SECRET_KEY", default="insecure-dev-key-change-me")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "axes",
    "django_celery_beat",
    "assignments",
    "surveys",
    "reporting",
    "goals",
    "timeline",
    "billing",
    "allocation",
    "orders",
    "operations",
    "accounts",
    "retention",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "reviews",
    "customerpack",
    "followup",
]

MIDDLEWARE = [
    "operations.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # the staff's language from the switch's cookie only, not Accept-Language (README "Languages")
    "recruitment.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "recruitment.urls"
WSGI_APPLICATION = "recruitment.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "recruitment.context_processors.roles",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("TEST", {})
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # No JIT: a report query of filtered aggregates over a few thousand rows crosses PostgreSQL's JIT cost
    # threshold, and compiling it then takes longer than running it (365 ms of a 640 ms query, issue 12 §7).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "accounts.oidc.CityLoginBackend",  # the city log-in; inert unless OIDC_* below are set
]
# A password-reset link (accounts/passwords.py) works once and for a day.
PASSWORD_RESET_TIMEOUT = 24 * 3600
# Staff with a local password must pass a TOTP second factor (accounts/two_factor.py); production: on.
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=False)
OTP_TOTP_ISSUER = "SF Rekrytering"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# Lock a user name from one address only: colleagues behind the city's proxy share an
# address, and one of them mistyping must not lock out the others.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "recruitment.client_ip.client_ip"
# The client's address behind reverse proxies (README): the header they set, e.g.
# X-Forwarded-For, and how many proxies append to it. Empty: the connection's address.
TRUSTED_PROXY_HEADER = env("TRUSTED_PROXY_HEADER", default="")
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("Engelska"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The language switch's cookie (recruitment/language.py): read by the server only, sent on top-level
# navigation; a year long, so the choice survives log-outs.
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Strict content security policy: no inline script or style, nothing from a CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# E-mail: SMTP when EMAIL_URL is given (smtp://user:pass@host:port), otherwise
# messages stay in the database outbox and are shown on the local outbox page.
EMAIL_URL = env("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = env("EMAIL_BACKEND", default="surveys.mail.backend.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="SF Rekrytering <rekrytering@example.se>")
# The base of the links in e-mails. Without an explicit SITE_URL the links follow the address the
# local server runs on: `make run HOST=… PORT=…` passes RUN_HOST/RUN_PORT, and `runlocal` sets it
# from the address it actually binds.
SITE_URL_EXPLICIT = bool(env("SITE_URL", default=""))
SITE_URL = env("SITE_URL", default="") or "http://{}:{}".format(
    env("RUN_HOST", default="127.0.0.1"), env("RUN_PORT", default="8000"))
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# Celery: with no broker configured tasks run eagerly in-process.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=env("REDIS_URL", default=""))
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# A prefix for every key Celery writes in Redis, so that two deployments (or a test run) can share one
# Redis database without seeing each other's queues.
CELERY_BROKER_TRANSPORT_OPTIONS = {"global_keyprefix": env("CELERY_KEY_PREFIX", default="")}
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_RESULT_BACKEND = None
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {}
# The worker keeps the LOGGING setting (and its token redaction) instead of replacing the root handlers.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Long work (PDF reports, imports) runs as a background job (recruitment/jobs.py): "auto" = on a Celery
# worker with a broker, in a thread of the web process without one; "thread" or "celery" to force one.
BACKGROUND_JOBS = env("BACKGROUND_JOBS", default="auto")

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://")
}
# django-ratelimit counts in the default cache. The embedded run (one process) may use the local-memory
# cache; a deployment with several processes sets CACHE_URL to Redis, whose increments are atomic
# (Django's own Redis backend is merely not on the library's list).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")

# Domain settings (documented in README).
SURVEY_REMINDER_DAYS = env.int("SURVEY_REMINDER_DAYS", default=7)
SURVEY_EXPIRY_DAYS = env.int("SURVEY_EXPIRY_DAYS", default=30)
# A candidate round's links open together once each of its first e-mails is sent, failed for good or
# skipped, or at the latest this long (days) after its first send attempt; a timedelta here.
SURVEY_CANDIDATE_ROUND_WAIT = dt.timedelta(days=env.float("SURVEY_CANDIDATE_ROUND_WAIT", default=3))
SURVEY_MANAGER_QUIET_DAYS = env.int("SURVEY_MANAGER_QUIET_DAYS", default=30)
SURVEY_SIX_MONTH_DELAY_MONTHS = env.int("SURVEY_SIX_MONTH_DELAY_MONTHS", default=6)
# The periodic repair schedules surveys that closings of at most this many days ago should have
# and do not (scheduling on commit failed); older history is never surveyed.
SURVEY_REPAIR_DAYS = env.int("SURVEY_REPAIR_DAYS", default=14)
REPORT_SATISFIED_MIN = env.int("REPORT_SATISFIED_MIN", default=8)
REPORT_FTE_DENOMINATOR = env("REPORT_FTE_DENOMINATOR", default="all")  # all | consultants
REPORT_MIN_CANDIDATE_GROUP = 5
# A mean, share or NPS from fewer answers than this is marked as uncertain, in words, with its count.
REPORT_UNCERTAIN_BELOW = env.int("REPORT_UNCERTAIN_BELOW", default=30)

# Limits of every file import (recruitment/tables.py): the uploaded file, what an .xlsx unpacks
# to and how densely it is packed (a zip bomb), and the data rows read.
IMPORT_MAX_UPLOAD_BYTES = env.int("IMPORT_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)
IMPORT_MAX_UNPACKED_BYTES = env.int("IMPORT_MAX_UNPACKED_BYTES", default=200 * 1024 * 1024)
IMPORT_MAX_COMPRESSION_RATIO = env.int("IMPORT_MAX_COMPRESSION_RATIO", default=100)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=100_000)

# No survey token reaches a log line or an error e-mail: every handler rewrites token paths
# (/s/<token>/) to a short hash (recruitment/log_redaction.py). Django's own loggers are
# configured here too, so none of its default handlers logs around the filter.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redact_tokens": {"()": "recruitment.log_redaction.RedactTokens"},
        "request_id": {"()": "operations.logs.RequestIdFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "client_errors_one_line": {"()": "recruitment.log_quiet.ClientErrorsWithoutTraceback"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id", "redact_tokens"]},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler", "level": "ERROR",
            "filters": ["redact_tokens", "require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
    "loggers": {
        "django": {"handlers": ["mail_admins"], "level": "INFO", "propagate": True},
        # The loggers that write request paths redact at the source, before any handler.
        "django.request": {"filters": ["redact_tokens", "client_errors_one_line"]},
        "django.security.csrf": {"filters": ["redact_tokens"]},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False,
                          "filters": ["redact_tokens"]},
    },
}
# Error reports (the admins' e-mail, the technical 500 page) without survey tokens.
DEFAULT_EXCEPTION_REPORTER = "recruitment.log_redaction.RedactingExceptionReporter"

# Periodic jobs run in-process by `manage.py runlocal` when there is no Celery beat.
LOCAL_PERIODIC_TASKS: list[str] = env.list(
    "LOCAL_PERIODIC_TASKS", default=["surveys.tasks.dispatch_due_now", "timeline.tasks.reminder_digests_now",
                                     "retention.tasks.retention_now"])
LOCAL_PERIODIC_SECONDS = env.int("LOCAL_PERIODIC_SECONDS", default=60)

# Survey dispatch (the outbox): Celery beat runs it every few minutes.
SURVEY_SEND_MAX_ATTEMPTS = env.int("SURVEY_SEND_MAX_ATTEMPTS", default=5)
SURVEY_DISPATCH_SECONDS = env.int("SURVEY_DISPATCH_SECONDS", default=180)
SURVEY_DISPATCH_PARALLEL = env.int("SURVEY_DISPATCH_PARALLEL", default=4)  # dispatchers for a large backlog

# Monitoring (`/health/`, operations/health.py): the oldest due e-mail may wait this long (seconds)
# before the report says "degraded"; each periodic job may go this long without a good run.
HEALTH_OUTBOX_MAX_AGE_SECONDS = env.int("HEALTH_OUTBOX_MAX_AGE_SECONDS", default=3600)
HEALTH_JOBS: dict[str, int] = {
    "survey_dispatcher": env.int("HEALTH_DISPATCHER_MAX_AGE_SECONDS", default=max(900, 5 * SURVEY_DISPATCH_SECONDS)),
    "retention": env.int("HEALTH_RETENTION_MAX_AGE_SECONDS", default=26 * 3600),
}

# Retention of personal data (retention/rules.py, README "Retention"): a daily run erases or anonymises
# what is due and records the counts.
RETENTION_HIRE_MONTHS = env.int("RETENTION_HIRE_MONTHS", default=24)
RETENTION_CONTACT_YEARS = env.int("RETENTION_CONTACT_YEARS", default=3)
RETENTION_COMMENT_YEARS = env.int("RETENTION_COMMENT_YEARS", default=5)
RETENTION_OUTBOX_DAYS = env.int("RETENTION_OUTBOX_DAYS", default=90)
RETENTION_LOGIN_DAYS = env.int("RETENTION_LOGIN_DAYS", default=90)
RETENTION_IMPORT_FILE_DAYS = env.int("RETENTION_IMPORT_FILE_DAYS", default=30)
RETENTION_ORDER_UNCONFIRMED_DAYS = env.int("RETENTION_ORDER_UNCONFIRMED_DAYS", default=30)
RETENTION_ORDER_MONTHS = env.int("RETENTION_ORDER_MONTHS", default=24)
CELERY_BEAT_SCHEDULE["retention-daily"] = {
    "task": "retention.tasks.retention_daily",
    "schedule": crontab(hour=env.int("RETENTION_HOUR", default=2), minute=15),
}
CELERY_BEAT_SCHEDULE["surveys-dispatch-due"] = {
    "task": "surveys.tasks.dispatch_due", "schedule": float(SURVEY_DISPATCH_SECONDS),
}

# Templates included on an assignment's page by the apps built on the register
# (each receives `assignment` and `request`); the register itself imports none of them.
ASSIGNMENT_DETAIL_PANELS: list[str] = [
    "timeline/assignment_panel.html", "billing/assignment_panel.html", "surveys/assignment_panel.html",
    "allocation/assignment_panel.html",
]
ASSIGNMENT_DETAIL_PANELS += ["followup/assignment_panel.html"]
# The same for an organisation's page (each receives `organisation` (the page's `object`) and `request`).
ORGANISATION_DETAIL_PANELS: list[str] = ["billing/organisation_panel.html"]
ORGANISATION_DETAIL_PANELS += ["followup/organisation_panel.html"]
# Templates included on the load view by the apps built on the register (each receives `request`).
LOAD_VIEW_PANELS: list[str] = ["allocation/load_panel.html"]
# Allocation: the share of a consultant's working time that goes to assignments (overridable per
# consultant), how many weeks ahead the capacity bars show, and the lead time (calendar days) of an
# assignment without a plan whose package has no standard lead time.
ALLOCATION_ASSIGNMENT_SHARE = env.float("ALLOCATION_ASSIGNMENT_SHARE", default=0.70)
ALLOCATION_WEEKS = env.int("ALLOCATION_WEEKS", default=8)
ALLOCATION_DEFAULT_LEAD_DAYS = env.int("ALLOCATION_DEFAULT_LEAD_DAYS", default=60)
# The same for a volume project's page (each receives `project` and `request`).
PROJECT_DETAIL_PANELS: list[str] = ["timeline/project_panel.html"]
PROJECT_DETAIL_PANELS += ["followup/project_panel.html"]
TIMELINE_DUE_SOON_WORKING_DAYS = env.int("TIMELINE_DUE_SOON_WORKING_DAYS", default=3)
# The consultants' daily reminder digest (steps due the next working day, steps late since today);
# off with TIMELINE_REMINDER_DIGEST=0. Celery beat queues it each working morning; the dispatcher sends it.
TIMELINE_REMINDER_DIGEST = env.bool("TIMELINE_REMINDER_DIGEST", default=True)
CELERY_BEAT_SCHEDULE["timeline-reminder-digests"] = {
    "task": "timeline.tasks.reminder_digests",
    "schedule": crontab(hour=env.int("TIMELINE_REMINDER_DIGEST_HOUR", default=6), minute=30),
}

# The public order form (orders/, README "Orders"). Addresses in these domains (or their subdomains) count
# once confirmed; any other address also needs a coordinator's approval.
ORDER_ALLOWED_EMAIL_DOMAINS: list[str] = env.list("ORDER_ALLOWED_EMAIL_DOMAINS", default=[
    "stockholm.se", "edu.stockholm.se", "stockholmshem.se", "svenskabostader.se", "familjebostader.se",
    "micasa.se", "sisab.se", "stokab.se", "stockholmvattenochavfall.se", "stockholmshamnar.se",
    "stockholmparkering.se", "kulturhusetstadsteatern.se", "stockholmsstadshus.se", "stockholmbusinessregion.se",
])
ORDER_CONFIRM_HOURS = env.int("ORDER_CONFIRM_HOURS", default=72)  # how long the confirmation link works
# Orders sent per address and per client address (django-ratelimit rates: "5/h", "20/d", ...).
ORDER_RATE_PER_ADDRESS = env("ORDER_RATE_PER_ADDRESS", default="5/h")
ORDER_RATE_PER_IP = env("ORDER_RATE_PER_IP", default="20/h")
# Where a customer's message goes while the order has no consultant yet.
ORDER_INTAKE_EMAIL = env("ORDER_INTAKE_EMAIL", default="rekrytering@example.se")

# Dashboard pages of apps built above reporting (dotted paths of reporting.dashboard.pages.Page objects).
DASHBOARD_EXTRA_PAGES: list[str] = ["orders.dashboard.ORDERS_PAGE"]

# Swedish page for a refused form instead of Django's English CSRF page.
CSRF_FAILURE_VIEW = "recruitment.views.csrf_failure"
# Swedish page when django-axes locks out a user (its default answer is English plain text).
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# City log-in with OpenID Connect (accounts/oidc.py, README "Accounts"): on when OIDC_RP_CLIENT_ID and
# OIDC_OP_AUTHORIZATION_ENDPOINT are set; `manage.py check` names what else is missing. Local accounts stay.
OIDC_OP_ISSUER = env("OIDC_OP_ISSUER", default="")  # when set, the ID token's `iss` must be exactly this
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_OP_END_SESSION_ENDPOINT = env("OIDC_OP_END_SESSION_ENDPOINT", default="")
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", default="")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", default="openid email profile")
OIDC_USE_PKCE = env.bool("OIDC_USE_PKCE", default=True)
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT", default=10)  # seconds for each call to the provider
OIDC_GROUPS_CLAIM = env("OIDC_GROUPS_CLAIM", default="groups")
OIDC_GROUP_ROLES = env("OIDC_GROUP_ROLES", default="")  # "<group>=coordinator,<group>=manager,<group>=consultant"
OIDC_NO_ROLE_CONTACT = env("OIDC_NO_ROLE_CONTACT", default="din chef eller systemförvaltaren")
OIDC_STORE_ID_TOKEN = True  # for the provider's end-session call (id_token_hint)
OIDC_AUTHENTICATION_CALLBACK_URL = "city_login_callback"
LOGIN_REDIRECT_URL_FAILURE = "login"
# The city log-in's return address is not a password guess: django-axes leaves it alone (a refused
# log-in there must not lock out every colleague behind the same proxy address).
AXES_WHITELIST_CALLABLE = "accounts.oidc.axes_skips_city_login"
