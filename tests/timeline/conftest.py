"""The surveys' loopback SMTP server, for the reminder digest sent through the outbox."""
from tests.surveys.conftest import smtp_port, smtp_server, smtp_settings  # noqa: F401  (fixtures)
