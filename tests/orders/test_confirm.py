"""Confirmation by the e-mailed link, domain approval, and the order becoming an incoming assignment."""
from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from assignments.models import Assignment, Contact, Organisation, Status
from orders.models import Order, OrderState
from orders.services import email_allowed
from surveys.models import OutboxEmail

from .conftest import confirm_token, send, status_token

pytestmark = pytest.mark.django_db


def confirm_url(token):
    return reverse("public_orders:confirm", kwargs={"token": token})


def test_only_a_confirmed_order_counts(client, answers):
    send(client, answers)
    order = Order.objects.get()
    assert order.state == OrderState.PENDING and not Assignment.objects.exists()
    token = confirm_token(answers["email"])
    # opening the link (a mail scanner does) confirms nothing: the page asks for a click
    page = client.get(confirm_url(token))
    assert page.status_code == 200 and "Bekräfta beställningen" in page.content.decode()
    assert not Assignment.objects.exists()
    response = client.post(confirm_url(token))
    order.refresh_from_db()
    assert order.state == OrderState.RECEIVED and order.confirmed_at is not None
    assignment = order.assignment
    assert assignment.status == Status.INCOMING and assignment.lead_consultant is None
    assert assignment.organisation.name == "Norrmalms stadsdelsförvaltning"
    assert assignment.contact.email == "nina.norrmalm@stockholm.se"
    assert (assignment.role_title, assignment.role_level, assignment.sector) == ("Förskollärare", "medarbetare",
                                                                                 "forskola")
    assert assignment.package.code == "STORA" and assignment.ordered_on == timezone.localdate()
    assert assignment.status_changes.get().to_status == Status.INCOMING
    assert not Assignment.objects.open().exists()  # an incoming order is no work started
    # the receipt: reference, what happens next, the personal status link (to which the page goes)
    receipt = OutboxEmail.objects.get(dedupe_key__startswith="orders:receipt:")
    assert assignment.reference in receipt.subject and assignment.reference in receipt.text
    assert "Det här händer nu" in receipt.text
    token = status_token(answers["email"])
    assert response["Location"] == reverse("public_orders:status", kwargs={"token": token})
    assert order.status_hash and order.status_hash != token


def test_a_used_link_gets_the_friendly_page(client, answers):
    send(client, answers)
    token = confirm_token(answers["email"])
    client.post(confirm_url(token))
    for method in (client.get, client.post):
        response = method(confirm_url(token))
        assert response.status_code == 410 and "Länken går inte att använda" in response.content.decode()
    assert Assignment.objects.count() == 1


def test_an_unknown_link_gets_the_friendly_page(client, answers):
    send(client, answers)
    for token in ("nonsense", "x" * 500, confirm_token(answers["email"])[:-2]):
        response = client.get(confirm_url(token))
        assert response.status_code == 410 and "Länken går inte att använda" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_an_expired_link_gets_the_friendly_page_and_confirms_nothing(client, answers):
    send(client, answers)
    token = confirm_token(answers["email"])
    with time_machine.travel(timezone.now() + dt.timedelta(hours=73)):
        assert client.post(confirm_url(token)).status_code == 410
    assert Order.objects.get().state == OrderState.PENDING and not Assignment.objects.exists()


def test_the_allowed_domains_and_their_subdomains():
    assert email_allowed("a@stockholm.se") and email_allowed("a@edu.stockholm.se")
    assert email_allowed("a@Stockholmshem.SE")
    assert not email_allowed("a@gmail.com") and not email_allowed("a@notstockholm.se")
    assert not email_allowed("a@stockholm.se.evil.example")


@override_settings(ORDER_ALLOWED_EMAIL_DOMAINS=["stockholm.se"])
def test_an_address_outside_the_domains_waits_for_a_coordinator(client, answers, coordinator):
    answers = {**answers, "email": "nina@gmail.com"}
    send(client, answers)
    response = client.post(confirm_url(confirm_token("nina@gmail.com")))
    assert response.status_code == 200 and "godkänner beställningen" in response.content.decode()
    order = Order.objects.get()
    assert order.state == OrderState.AWAITING_APPROVAL and not Assignment.objects.exists()
    assert not OutboxEmail.objects.filter(dedupe_key__startswith="orders:receipt:").exists()

    client.force_login(coordinator)
    assert order.role_title in client.get(reverse("orders:queue")).content.decode()
    client.post(reverse("orders:approve_address", kwargs={"pk": order.pk}))
    order.refresh_from_db()
    assert order.state == OrderState.RECEIVED and order.approved_by == coordinator
    assert order.assignment.status == Status.INCOMING
    assert status_token("nina@gmail.com")


@override_settings(ORDER_ALLOWED_EMAIL_DOMAINS=["stockholm.se"])
def test_a_coordinator_may_refuse_an_outside_address_with_a_reason(client, answers, coordinator):
    send(client, {**answers, "email": "nina@gmail.com"})
    client.post(confirm_url(confirm_token("nina@gmail.com")))
    order = Order.objects.get()
    client.force_login(coordinator)
    url = reverse("orders:reject_address", kwargs={"pk": order.pk})
    assert client.post(url, {"reason": ""}).status_code == 400
    client.post(url, {"reason": "Adressen hör inte till organisationen."})
    order.refresh_from_db()
    assert order.state == OrderState.REJECTED and not Assignment.objects.exists()
    email = OutboxEmail.objects.get(dedupe_key__startswith="orders:declined:")
    assert email.to == "nina@gmail.com" and "Adressen hör inte till organisationen." in email.text


def test_a_new_organisation_is_made_inactive_and_flagged(client, answers):
    send(client, {**answers, "organisation_name": "Stadsarkivet", "organisation_kind": "fackforvaltning"})
    client.post(confirm_url(confirm_token(answers["email"])))
    order = Order.objects.get()
    assert order.new_organisation
    organisation = Organisation.objects.get(name="Stadsarkivet")
    assert not organisation.active and organisation.kind == "fackforvaltning"
    assert order.assignment.organisation == organisation


def test_a_known_contact_is_reused(client, answers, organisation):
    known = Contact.objects.create(organisation=organisation, name="Nina N", email="Nina.Norrmalm@stockholm.se")
    send(client, answers)
    client.post(confirm_url(confirm_token(answers["email"])))
    assert Order.objects.get().assignment.contact == known
