"""The hiring manager's status page: its token rules, what it shows (never candidate data), cancel, message."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from assignments.models import Status
from assignments.services import assignment_change_status, hire_add
from orders.models import Order, OrderMessage
from orders.services import order_accept, order_status_link_revoke
from surveys.models import OutboxEmail
from tests.factories import ConsultantFactory

from .conftest import order_confirmed, status_token

pytestmark = pytest.mark.django_db


def status_url(token):
    return reverse("public_orders:status", kwargs={"token": token})


@pytest.fixture
def token(client, answers):
    return order_confirmed(client, answers)


def test_the_page_shows_the_order_its_status_and_what_happens_next(client, token):
    response = client.get(status_url(token))
    page = response.content.decode()
    order = Order.objects.get()
    assert response.status_code == 200
    assert order.assignment.reference in page and "Förskollärare" in page and "Stora paketet" in page
    assert "Inkommen beställning" in page and "Utses inom kort" in page
    assert "utser en rekryteringskonsult" in page
    assert response["X-Robots-Tag"] == "noindex, nofollow" and response["Referrer-Policy"] == "same-origin"
    assert reverse("accessibility") in page


def test_unknown_links_get_the_friendly_page(client, token):
    for bad in ("nonsense", token[:-1], "y" * 300):
        response = client.get(status_url(bad))
        assert response.status_code == 410 and "Länken går inte att använda" in response.content.decode()


def test_a_revoked_link_stops_working_and_a_new_one_replaces_it(client, token, coordinator):
    order = Order.objects.get()
    order_status_link_revoke(order=order)
    assert client.get(status_url(token)).status_code == 410
    assert client.post(reverse("public_orders:cancel", kwargs={"token": token})).status_code == 410
    client.force_login(coordinator)
    client.post(reverse("orders:status_link", kwargs={"pk": order.pk, "action": "ny"}))
    client.logout()
    new = status_token(order.email)
    assert new != token
    assert client.get(status_url(new)).status_code == 200
    assert client.get(status_url(token)).status_code == 410


def test_the_coordinator_revokes_the_link_from_the_order_page(client, token, coordinator):
    order = Order.objects.get()
    client.force_login(coordinator)
    client.post(reverse("orders:status_link", kwargs={"pk": order.pk, "action": "aterkalla"}))
    client.logout()
    assert client.get(status_url(token)).status_code == 410


def test_the_page_shows_the_consultant_and_the_planned_timeline_but_never_candidates(client, token):
    order = Order.objects.get()
    lead = ConsultantFactory(name="Lena Ledare", email="lena@stockholm.se")
    meeting = timezone.localdate() + dt.timedelta(days=5)
    order_accept(order=order, consultant=lead, start_meeting_on=meeting, by=None)
    assignment = order.assignment
    assignment.refresh_from_db()
    assignment_change_status(assignment=assignment, to_status=Status.START_MEETING)
    hire_add(assignment=assignment, name="Kandidat Kalle Hemlig", email="kalle.hemlig@example.se")
    assignment.refresh_from_db()
    assignment.applicants = 87
    assignment.save()
    page = client.get(status_url(token)).content.decode()
    assert "Lena Ledare" in page and "lena@stockholm.se" in page
    assert "Tidplan" in page and "Uppstartsmöte" in page and "Annons publicerad" in page
    assert timezone.localdate().isoformat() in page  # the start meeting reached today: its actual date
    assert "Kalle" not in page and "Hemlig" not in page and "kalle.hemlig" not in page and "87" not in page


def test_the_page_has_a_fixed_number_of_queries(client, token, django_assert_num_queries):
    order = Order.objects.get()
    order_accept(order=order, consultant=ConsultantFactory(), start_meeting_on=timezone.localdate(), by=None)
    client.get(status_url(token))
    # the order with its assignment, consultant and package; the plan steps; the calendar's closed days;
    # the status changes; the session (its messages)
    with django_assert_num_queries(5):
        client.get(status_url(token))


def test_the_customer_cancels_an_order_not_yet_accepted(client, token):
    response = client.post(reverse("public_orders:cancel", kwargs={"token": token}))
    assert response.status_code == 302
    order = Order.objects.get()
    assert order.assignment.status == Status.CANCELLED and order.cancelled_by_customer
    assert OutboxEmail.objects.filter(dedupe_key__startswith="orders:cancelled:").exists()
    page = client.get(status_url(token)).content.decode()
    assert "Beställningen är avbruten." in page and "Avbryt beställningen</button>" not in page


def test_an_accepted_order_cannot_be_cancelled_by_the_customer(client, token):
    order = Order.objects.get()
    order_accept(order=order, consultant=ConsultantFactory(), start_meeting_on=timezone.localdate(), by=None)
    assert "Avbryt beställningen</button>" not in client.get(status_url(token)).content.decode()
    client.post(reverse("public_orders:cancel", kwargs={"token": token}))
    order.assignment.refresh_from_db()
    assert order.assignment.status == Status.REGISTERED


def test_a_message_goes_to_the_consultant_through_the_outbox(client, token, settings):
    url = reverse("public_orders:message", kwargs={"token": token})
    # before acceptance: to the intake address
    client.post(url, {"text": "Kan vi ses på tisdag?"})
    first = OrderMessage.objects.get()
    assert first.sent_to == settings.ORDER_INTAKE_EMAIL
    order = Order.objects.get()
    lead = ConsultantFactory(email="lena@stockholm.se")
    order_accept(order=order, consultant=lead, start_meeting_on=timezone.localdate(), by=None)
    response = client.post(url, {"text": "Vi har en fråga om annonsen."})
    assert response.status_code == 302
    message = OrderMessage.objects.latest("pk")
    assert message.sent_to == "lena@stockholm.se"
    email = OutboxEmail.objects.get(dedupe_key=f"orders:message:{order.pk}:m{message.pk}")
    assert email.to == "lena@stockholm.se" and "Vi har en fråga om annonsen." in email.text


@pytest.mark.parametrize("text", ["", "   ", "x" * 2001])
def test_a_bad_message_is_refused_and_kept(client, token, text):
    response = client.post(reverse("public_orders:message", kwargs={"token": token}), {"text": text})
    assert response.status_code == 400 and "text" in response.context["message_form"].errors
    assert not OrderMessage.objects.exists()
    if text.strip():
        assert text in response.content.decode()
