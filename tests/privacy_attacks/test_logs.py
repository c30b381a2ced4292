"""No new code logs an e-mail address, a name, a reset token or a candidate's answer: every log record of
sending a pack, a register extract and erasure, a password reset and a review is read (caplog, DEBUG)."""
from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

from django.conf import settings

from customerpack.selectors import period_for
from customerpack.services import pack_email
from retention.subject import subject_erase
from surveys.models import Answer
from tests.factories import HireFactory, ResponseFactory, UserFactory

NEW_APPS = ("customerpack", "reviews", "retention", "accounts", "operations")


def _records(caplog) -> str:
    return "\n".join(f"{r.name} {r.getMessage()} {r.args!r} {getattr(r, 'request', '')!r}" for r in caplog.records)


def test_sending_a_pack_and_erasing_its_contact_logs_no_address_name_or_answer(world, coordinator, caplog):
    caplog.set_level(logging.DEBUG)
    response = ResponseFactory(kind="candidate", submitted_on=dt.date(2025, 5, 1), assignment=None,
                               answers={"overall": 8})
    Answer.objects.create(response=response, question_key="comment_free", value_text="Hanna HR ljög om lönen.")
    HireFactory(name="Hanna HR", email="hanna.privat@example.se")
    pack_email(organisation=world.parent, period=period_for(year=2025, tertial=None), contact=world.hr,
               by=coordinator)
    subject_erase("Hanna HR", by=coordinator)
    logged = _records(caplog).lower()
    for secret in ("hanna", "stadshus.example.se", "privat@example.se", "ljög"):
        assert secret not in logged, secret


def test_a_password_reset_request_and_page_views_log_no_address_or_token(client, db, caplog, coordinator,
                                                                            django_capture_on_commit_callbacks):
    caplog.set_level(logging.DEBUG)
    anna = UserFactory(username="anna", email="anna@example.se")
    anna.set_password("Gammalt-lösen-2026")
    anna.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/konto/glomt-losenord/", {"email": "anna@example.se"})
    client.force_login(coordinator)
    client.post("/gallring/registerutdrag/", {"term": "anna@example.se", "action": "show"})
    logged = _records(caplog)
    assert "anna@example.se" not in logged
    assert not re.search(r"/konto/nytt-losenord/[^/\s]+/[^/\s]+-[0-9a-f]{20,}", logged)


def test_the_new_apps_source_has_no_log_call_with_an_address_name_term_token_or_answer():
    """A grep over the new apps: no logging call passes a variable named like personal data."""
    pattern = re.compile(r"\blog(?:ger)?\.\w+\((?P<args>[^)]*)\)", re.S)
    personal = re.compile(r"\b(email|e_mail|term|token|answer|answers|value_text|comment|contact|full_name)\b"
                          r"|\.(name|get_full_name|email|username)\b")
    found = []
    for app in NEW_APPS:
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            for call in pattern.finditer(path.read_text()):
                if personal.search(call.group("args").split(",", 1)[-1]):
                    found.append(f"{path.name}: {call.group(0)}")
    assert found == []
