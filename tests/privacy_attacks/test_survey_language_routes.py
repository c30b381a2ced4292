"""The survey languages, attacked: can anything the server writes (a row, a log line, a header) tell which
language a candidate answered in, and so single them out; is a staff-written translation rendered escaped;
do crafted `?lang=` values, cookies or the staff switch's `next` do anything bad?"""
from __future__ import annotations

import logging
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recruitment.log_redaction import RedactTokens
from surveys.models import Question, Response, SpentToken, SurveyVersion
from tests.surveys.test_answering import candidate_data
from tests.surveys.test_languages import candidate_links, url

pytestmark = pytest.mark.django_db

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.I)


def _writes(queries) -> list[str]:
    """The write statements, with ids, dates and hashes made alike (so two flows can be compared)."""
    writes = [q["sql"] for q in queries if WRITE.match(q["sql"])]
    return [re.sub(r"\d+", "N", re.sub(r"'[0-9a-f]{16,}'", "'H'", sql)) for sql in writes]


def test_an_english_answer_with_a_switch_on_the_way_writes_what_a_swedish_one_writes(client, caplog):
    """Two candidates of one assignment: one answers in Swedish, the other opens the English link, switches
    mid-form (to easy Swedish and back to English) and answers. Every SQL write of the two flows is the same
    statement with the same values (ids, times and hashes aside), and no log record names the language."""
    swedish, english = candidate_links(2).values()
    caplog.set_level(logging.DEBUG)
    with CaptureQueriesContext(connection) as sv:
        assert client.get(url(swedish)).status_code == 200
        assert client.post(url(swedish), candidate_data()).status_code == 302
    client.cookies.clear()
    with CaptureQueriesContext(connection) as en:
        assert client.get(url(english, "en")).status_code == 200
        assert client.post(url(english, "en"), {"ad_clear": "nej", "_lang": "sv-easy"}).status_code == 200
        assert client.post(url(english, "sv-easy"), {"ad_clear": "nej", "_lang": "en"}).status_code == 200
        assert client.post(url(english, "en"), candidate_data()).status_code == 302
    assert _writes(en.captured_queries) == _writes(sv.captured_queries) != []
    assert Response.objects.count() == 2 and SpentToken.objects.count() == 2
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.args!r}" for r in caplog.records)
    assert "lang" not in logged.lower() and "english" not in logged.lower() and "sv-easy" not in logged


def test_a_dead_link_opened_in_english_logs_neither_the_token_nor_the_language(client, caplog):
    """A used link opened with ?lang=en gives the 410 page; Django logs the client error with the path: the
    line carries the token's short hash (as for every dead link) and nothing of the language."""
    (token,) = candidate_links(1).values()
    assert client.post(url(token), candidate_data()).status_code == 302
    caplog.set_level(logging.DEBUG)
    assert client.get(url(token, "en")).status_code == 410
    lines = []
    for record in caplog.records:
        RedactTokens().filter(record)  # as every handler does
        lines.append(f"{record.getMessage()} {record.args!r}")
    logged = "\n".join(lines)
    assert "/s/#" in logged  # the client error was logged, with the token's hash
    assert token not in logged and "lang" not in logged.lower()


def test_the_access_log_writes_the_path_without_its_query():
    """gunicorn's access log (when on) writes %(U)s, the path without the query: no ?lang= beside a token's
    hash and the client's address and time."""
    text = (Path(settings.BASE_DIR) / "gunicorn.conf.py").read_text()
    fmt = re.search(r"access_log_format = (.+)", text).group(1)
    assert "%(U)s" in fmt and not re.search(r"%\((q|r|\{[^}]*\}i)\)s", fmt)


XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.mark.parametrize("language", ["en", "sv-easy"])
def test_a_staff_written_translation_is_rendered_escaped(client, coordinator, language):
    """Every translated text of the candidate survey (title, intro, stem, question text, choice labels) set to
    markup by a coordinator: the form in that language (and the staff preview) shows it escaped."""
    (token,) = candidate_links(1).values()
    suffix = "_en" if language == "en" else "_easy"
    version = SurveyVersion.objects.filter(kind="candidate").order_by("-year").first()
    SurveyVersion.objects.filter(kind="candidate").update(
        **{f"title{suffix}": XSS, f"intro{suffix}": XSS, f"stem{suffix}": XSS})
    Question.objects.filter(version__kind="candidate").update(**{f"text{suffix}": XSS})
    for question in Question.objects.filter(version__kind="candidate").exclude(choices=[]):
        setattr(question, f"choices{suffix}", [XSS for _ in question.choices])
        question.save()
    pages = [client.get(url(token, language)).content.decode()]
    client.force_login(coordinator)
    pages.append(client.get(reverse("surveys:version_preview", args=[version.pk]) + f"?lang={language}")
                 .content.decode())
    for page in pages:
        assert "&lt;script&gt;" in page
        assert "<script>alert" not in page and "<img src=x" not in page


CRAFTED = ["en\r\nSet-Cookie: x=1", "../../admin", "EN", "en;", "<script>", "javascript:alert(1)", "sv-easy\x00",
           "%0d%0aLocation:%20//evil.example", "x" * 5000]


@pytest.mark.parametrize("value", CRAFTED)
def test_a_crafted_language_in_the_query_the_cookie_or_the_switch_gives_swedish_and_no_echo(client, value):
    """An unknown ?lang=, language cookie or switch field: a 200 in Swedish, a cookie (if any) holding only a
    known language, no header carrying the value, no redirect anywhere."""
    (token,) = candidate_links(1).values()
    client.cookies["sfr_enkatsprak"] = value.replace("\r", "").replace("\n", "").replace(";", "")
    responses = [client.get(url(token), {"lang": value}),
                 client.post(url(token) + "?lang=en", {"ad_clear": "nej", "_lang": value}),
                 client.get(reverse("public_surveys:thanks"), {"lang": value}),
                 client.get(reverse("public_surveys:unsubscribe", args=[token]), {"lang": value})]
    for response in responses:
        assert response.status_code in (200, 410), response.status_code
        headers = "\n".join(f"{k}: {v}" for k, v in response.headers.items())
        assert "evil" not in headers and "Set-Cookie: x" not in headers and "<script>" not in headers
        assert response.headers.get("Content-Language") in ("sv", "en")
        assert "Location" not in response.headers
        cookie = response.cookies.get("sfr_enkatsprak")
        assert cookie is None or cookie.value in ("sv", "en", "sv-easy")
    assert not Response.objects.exists()  # the POST with a bad switch value is a (refused) submission, not stored


@pytest.mark.parametrize("next_url", ["//evil.example/", "https://evil.example/", "/\\evil.example/",
                                      "\\\\evil.example", "javascript:alert(1)", "http:/evil.example",
                                      " //evil.example", "/%2F%2Fevil.example", "https:evil.example"])
def test_the_staff_language_switch_does_not_redirect_off_site(client, coordinator, next_url):
    """Django's set_language at /sprak/ with a crafted `next` (POST or GET) or Referer: the redirect stays on
    this site."""
    client.force_login(coordinator)
    for response in (client.post("/sprak/", {"language": "en", "next": next_url}, HTTP_REFERER=next_url),
                     client.get("/sprak/", {"next": next_url}, HTTP_REFERER=next_url)):
        location = response.headers.get("Location", "")
        assert response.status_code in (302, 204), response.status_code
        # a path on this site ("/%2F%2Fevil.example" is one), never another host or a scheme
        assert location.startswith("/") and not location.startswith(("//", "/\\")), location
        assert urlsplit(location).netloc == "" and urlsplit(location).scheme == "", location


def test_other_query_parameters_copied_into_the_switch_links_are_escaped(client):
    """The switch's links keep the page's query (`_query_with`): a crafted parameter comes back url-encoded
    inside an escaped href, never as markup."""
    (token,) = candidate_links(1).values()
    page = client.get(url(token), {"lang": "en", "q": '"><script>alert(1)</script>'}).content.decode()
    assert "<script>alert(1)" not in page and 'q=%22%3E%3Cscript%3E' in page
