"""The curious user: another unit's review and its PDF, the pack's files and e-mail, /health/, the password
reset's answer for a known and an unknown address."""
from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from surveys.models import OutboxEmail
from tests.factories import UserFactory


def _review(user, name="reviews:pdf"):
    return reverse(name, kwargs={"pk": user.consultant.pk, "year": 2025, "half": 1})


@pytest.mark.parametrize("who", ["kalle", "jonas", "kim"])
def test_another_consultant_another_units_manager_or_a_coordinator_cannot_get_a_review_pdf(client, people, who):
    client.force_login(getattr(people, who))
    assert client.get(_review(people.karin)).status_code == 403
    assert client.post(_review(people.karin, "reviews:detail"), {"consultant_notes": "x"}).status_code == 403


def test_a_review_pdf_opens_for_the_consultant_and_the_head(client, people):
    for who in (people.karin, people.head):
        client.force_login(who)
        response = client.get(_review(people.karin))
        assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")


def test_a_guessed_review_of_a_consultant_that_does_not_exist_is_not_found(client, people):
    client.force_login(people.maria)
    assert client.get(reverse("reviews:pdf", kwargs={"pk": 999999, "year": 2025, "half": 1})).status_code == 404


def _pack_query(world):
    return f"?organisation={world.parent.pk}&year=2025"


@pytest.mark.parametrize("name", ["customerpack:pack", "customerpack:pdf", "customerpack:xlsx"])
def test_a_consultant_gets_no_customer_pack_or_its_files(client, world, consultant_user, name):
    client.force_login(consultant_user)
    assert client.get(reverse(name) + _pack_query(world)).status_code == 403


def test_a_consultant_or_manager_posting_to_the_pack_e_mail_queues_nothing(client, world, consultant_user, manager):
    data = {"organisation": world.parent.pk, "year": 2025, "contact": world.hr.pk}
    for user in (consultant_user, manager):
        client.force_login(user)
        assert client.post(reverse("customerpack:email"), data).status_code == 403
    assert not OutboxEmail.objects.exists()


def test_a_coordinator_cannot_send_a_pack_to_another_organisations_contact(client, world, coordinator):
    """The contact posted belongs to the parent; the organisation posted is another customer: refused, and
    the parent's figures go nowhere."""
    client.force_login(coordinator)
    client.post(reverse("customerpack:email"), {"organisation": world.other.pk, "year": 2025,
                                                "contact": world.hr.pk})
    assert not OutboxEmail.objects.exists()


def test_health_names_no_database_redis_host_user_or_address(client, db, settings):
    settings.CELERY_BROKER_URL = "redis://:hemligt@127.0.0.1:1/13"
    body = client.get("/health/").content.decode()
    for secret in ("hemligt", "127.0.0.1", "postgres", "redis://", "@", settings.SECRET_KEY[:12]):
        assert secret not in body, secret
    assert set(json.loads(body)) <= {"status", "checks", "time", "version", "database", "redis", "outbox", "jobs"}


def test_the_password_reset_answers_a_known_and_an_unknown_address_alike(
        client, db, django_capture_on_commit_callbacks):
    """Same status, same redirect, same page after it; and no e-mail is built or sent inside the request for
    an address with an account (the work that would make it slower is a background job started after the
    answer), so the answer's timing does not tell the two apart. No wall-clock timing here (a timed unit
    test flakes on a loaded machine): what is asserted is that the request does the same work."""
    from django.core import mail

    anna = UserFactory(username="anna", email="anna@example.se")
    anna.set_password("Gammalt-lösen-2026")
    anna.save()
    answers = []
    for email in ("anna@example.se", "nobody@example.se"):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            response = client.post("/konto/glomt-losenord/", {"email": email})
        answers.append((response.status_code, response["Location"]))
        assert mail.outbox == []  # nothing sent during the request
        assert len(callbacks) == (1 if email.startswith("anna") else 0)  # the job starts after the answer
    assert set(answers) == {(302, "/konto/glomt-losenord/skickat/")}
    # the same page but for the CSRF token of the language switch's form, masked afresh on every response
    token = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
    pages = [token.sub(b"", client.get("/konto/glomt-losenord/skickat/").content) for _ in range(2)]
    assert pages[0] == pages[1]
