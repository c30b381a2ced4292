"""No survey token, and no path that carries one, reaches a log record or an error e-mail.

Dead links, bad posts, refused forms (CSRF) and a crash inside the answer view are all
logged by Django with the request path; each is written with a short hash instead.
"""
import logging
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from recruitment.log_redaction import redact, short_hash
from surveys.models import InvitationStatus

from .helpers import invitation_with_token

DEAD = "dEaDtOkEnDeAdToKeNdEaDtOkEnDeAdToKeN_-1234567"


def _record_texts(record: logging.LogRecord) -> list[str]:
    texts = [record.getMessage(), str(record.msg), repr(record.args), logging.Formatter().format(record)]
    request = getattr(record, "request", None)
    if request is not None:
        texts += [request.path, request.path_info, request.get_full_path(), repr(sorted(request.META.items()))]
    return texts


def _assert_nowhere(token, caplog):
    assert caplog.records, "the scenario logged nothing; the test would prove nothing"
    for record in caplog.records:
        for text in _record_texts(record):
            assert token not in text, (record.name, text)
    for message in mail.outbox:
        parts = [message.subject, message.body] + [content for content, _type in getattr(message, "alternatives", [])]
        assert not any(token in part for part in parts)


@pytest.fixture
def admins(settings):
    settings.ADMINS = [("Drift", "drift@example.se")]
    settings.MANAGERS = settings.ADMINS


@pytest.mark.django_db
def test_a_dead_link_is_logged_with_a_hash_not_its_token(client, caplog, admins):
    for path in (reverse("public_surveys:answer", args=[DEAD]), reverse("public_surveys:training", args=[DEAD])):
        with caplog.at_level(logging.INFO):
            assert client.get(path).status_code == 410
            assert client.post(path, {"nps": "10"}).status_code == 410
    _assert_nowhere(DEAD, caplog)
    assert any(f"/s/#{short_hash(DEAD)}/" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_a_bad_method_and_a_bad_post_on_a_live_link_log_no_token(client, caplog, admins):
    _invitation, token = invitation_with_token()
    with caplog.at_level(logging.INFO):
        assert client.put(reverse("public_surveys:answer", args=[token])).status_code == 405
        assert client.post(reverse("public_surveys:answer", args=[token]), {"nps": "elva"}).status_code == 200
        assert client.put(reverse("public_surveys:unsubscribe", args=[token])).status_code in (200, 405)
        assert client.get(reverse("public_surveys:answer", args=[token]) + "x/").status_code == 404
    _assert_nowhere(token, caplog)


@pytest.mark.django_db
def test_a_refused_form_csrf_logs_no_token(caplog, admins):
    _invitation, token = invitation_with_token()
    browser = Client(enforce_csrf_checks=True)
    with caplog.at_level(logging.INFO):
        response = browser.post(reverse("public_surveys:answer", args=[token]), {"nps": "10"},
                                HTTP_REFERER=f"https://evil.example/s/{token}/", secure=True)
    assert response.status_code == 403
    _assert_nowhere(token, caplog)
    assert any(r.name == "django.security.csrf" for r in caplog.records)


@pytest.mark.django_db
def test_a_crash_in_the_answer_view_mails_the_admins_without_the_token(caplog, admins):
    _invitation, token = invitation_with_token(status=InvitationStatus.SENT)
    browser = Client(raise_request_exception=False)
    boom = RuntimeError(f"kraschade för /s/{token}/")
    with mock.patch("surveys.views.answering.response_submit", side_effect=boom), caplog.at_level(logging.INFO):
        response = browser.post(reverse("public_surveys:answer", args=[token]), {"nps": "10"},
                                HTTP_REFERER=f"https://rekrytering.example.se/s/{token}/")
    assert response.status_code == 500
    assert len(mail.outbox) == 1, "the admins get the error e-mail"
    assert "Internal Server Error" in mail.outbox[0].subject
    _assert_nowhere(token, caplog)


def test_redaction_keeps_untokenised_paths():
    assert redact("GET /s/tack/ and /uppdrag/2025-0001/") == "GET /s/tack/ and /uppdrag/2025-0001/"
    assert redact(f"/s/avregistrera/{DEAD}/") == f"/s/avregistrera/#{short_hash(DEAD)}/"
    assert redact(f"/s/kurs/{DEAD}/?a=1") == f"/s/kurs/#{short_hash(DEAD)}/?a=1"


def test_gunicorn_access_log_lines_carry_no_token():
    import datetime as dt

    from gunicorn.config import Config

    from recruitment.gunicorn_logging import RedactingGunicornLogger

    config = Config()
    config.set("accesslog", "-")
    logger = RedactingGunicornLogger(config)
    response = mock.Mock(status="410 Gone", headers=[], sent=10)
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": f"/s/{DEAD}/", "SERVER_PROTOCOL": "HTTP/1.1",
               "PATH_INFO": f"/s/{DEAD}/", "HTTP_REFERER": f"https://x.example/s/kurs/{DEAD}/"}
    atoms = logger.atoms(response, [], environ, dt.timedelta(seconds=1))
    assert not any(DEAD in str(value) for value in atoms.values())
    assert f"/s/#{short_hash(DEAD)}/" in atoms["r"]


def test_the_development_servers_log_line_is_redacted_and_passes_with_its_socket():
    """`make run` logs each request on django.server with the connection's socket as `request`:
    the filter redacts the line and leaves the socket alone (copying a socket raises)."""
    import socket

    from recruitment.log_redaction import RedactTokens

    token = "Abc123tokenXyz789Abc123tokenXyz7"
    with socket.socket() as connection:
        record = logging.LogRecord("django.server", logging.INFO, __file__, 1, '"%s" %s %s',
                                   (f"GET /s/{token}/ HTTP/1.1", "200", "1234"), None)
        record.request = connection
        assert RedactTokens().filter(record) is True
        assert record.request is connection
        assert token not in record.getMessage() and "/s/#" in record.getMessage()
