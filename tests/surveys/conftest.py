"""Fixtures for the survey dispatch tests: a real SMTP server on loopback."""
from __future__ import annotations

import email
import email.policy
import socket
import threading
import time
from collections import Counter

import pytest
from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Collector:
    """aiosmtpd handler that keeps every message and can reject chosen recipients with 550."""

    def __init__(self):
        self.received: list[tuple[list[str], bytes]] = []  # (envelope recipients, raw message)
        self.reject: set[str] = set()
        self._lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.reject:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.received.append((list(envelope.rcpt_tos), envelope.original_content))
        return "250 Message accepted for delivery"

    @property
    def messages(self) -> list[email.message.EmailMessage]:
        with self._lock:
            raw = [content for _rcpt, content in self.received]
        return [email.message_from_bytes(content, policy=email.policy.default) for content in raw]

    def per_recipient(self) -> Counter:
        """How many messages each envelope recipient got."""
        with self._lock:
            return Counter(address.lower() for rcpt, _content in self.received for address in rcpt)

    def wait_for(self, count: int, timeout: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.received) >= count:
                return True
            time.sleep(0.05)
        return len(self.received) >= count


class SmtpServer:
    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.collector = Collector()
        self.controller: Controller | None = None

    def start(self):
        self.controller = Controller(self.collector, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_port():
    return free_port()


@pytest.fixture
def smtp_settings(settings, smtp_port):
    """Django sends over real SMTP to 127.0.0.1:<smtp_port> (the server may or may not be up)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = "https://rekrytering.example.se"
    return settings


@pytest.fixture
def smtp_server(smtp_settings, smtp_port):
    server = SmtpServer(smtp_port).start()
    yield server
    server.stop()
