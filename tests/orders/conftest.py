"""Helpers of the order service's tests: a valid order as the form posts it, sending and confirming it."""
from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from assignments.models import Package
from surveys.models import OutboxEmail
from tests.factories import OrganisationFactory

LINK = re.compile(r"https?://\S+/bestall/(bekrafta|status)/([A-Za-z0-9_-]+)/")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The rate limits count in the (local-memory) test cache: every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Norrmalms stadsdelsförvaltning", kind="stadsdelsforvaltning")


@pytest.fixture
def answers(organisation):
    return {
        "organisation_name": "norrmalms  stadsdelsförvaltning", "organisation_kind": "",
        "contact_name": "Nina Norrmalm", "email": "nina.norrmalm@stockholm.se", "phone": "08-508 000 00",
        "cost_centre": "4711", "invoice_reference": "Nina N", "role_title": "Förskollärare",
        "role_level": "medarbetare", "sector": "forskola", "positions": "2",
        "package": str(Package.objects.get(code="STORA").pk),
        "addons": [str(Package.objects.get(code="SEARCH").pk)], "wished_start": "",
        "wished_consultant": "", "recruited_before": "yes", "q_need": "En ny avdelning öppnar.",
        "q_profile": "Förskollärarexamen", "other": "", "webbplats": "",
    }


def post_form(client, answers):
    return client.post(reverse("public_orders:form"), answers)


def send(client, answers):
    """Fill in the form, look at the summary and send; returns the summary's POST response."""
    response = post_form(client, answers)
    assert response.status_code == 302, response.content.decode()[:3000]
    return client.post(reverse("public_orders:summary"))


def link_in(email: OutboxEmail, kind: str) -> str:
    found = [m for m in LINK.finditer(email.text) if m.group(1) == kind]
    assert found, email.text
    return found[0].group(2)


def confirm_token(to: str) -> str:
    email = OutboxEmail.objects.filter(to=to, dedupe_key__startswith="orders:confirm:").latest("pk")
    return link_in(email, "bekrafta")


def status_token(to: str) -> str:
    email = OutboxEmail.objects.filter(to=to, dedupe_key__startswith="orders:receipt:").latest("pk")
    return link_in(email, "status")


def order_confirmed(client, answers) -> str:
    """Send an order and confirm it by its link; returns the status link's token."""
    assert send(client, answers).status_code == 302
    token = confirm_token(answers["email"])
    response = client.post(reverse("public_orders:confirm", kwargs={"token": token}))
    assert response.status_code == 302, response.content.decode()[:2000]
    return status_token(answers["email"])
