"""The public order form: what it offers, every bad input, the summary, the honeypot, the rate limits."""
from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from assignments.models import Package
from orders.models import Order
from surveys.models import OutboxEmail
from tests.factories import ConsultantFactory

from .conftest import post_form, send

pytestmark = pytest.mark.django_db


def test_the_form_offers_the_years_packages_with_what_they_include_and_their_price(client, answers):
    response = client.get(reverse("public_orders:form"))
    page = response.content.decode()
    assert response.status_code == 200
    stora = Package.objects.get(code="STORA")
    assert stora.description and stora.description[:40] in page
    assert "Stora paketet" in page and " kr " in page
    assert "Vilket paket passar?" in page
    assert "Searchpaket" in page  # an add-on
    assert "KBR" not in page and "Kompetensbaserad" not in page  # a course is not ordered here
    assert "Varför behöver ni rekrytera" in page  # the start-meeting questions
    assert reverse("accessibility") in page


def test_a_valid_order_goes_to_the_summary_and_nothing_is_stored_yet(client, answers):
    response = post_form(client, answers)
    assert response.status_code == 302 and response["Location"] == reverse("public_orders:summary")
    summary = client.get(reverse("public_orders:summary")).content.decode()
    assert "Norrmalms stadsdelsförvaltning" in summary and "Förskollärare" in summary and "Searchpaket" in summary
    assert "En ny avdelning öppnar." in summary
    assert not Order.objects.exists() and not OutboxEmail.objects.exists()


def test_going_back_from_the_summary_keeps_every_answer(client, answers):
    post_form(client, answers)
    page = client.get(reverse("public_orders:form")).content.decode()
    for typed in ("Nina Norrmalm", "nina.norrmalm@stockholm.se", "08-508 000 00", "4711", "Förskollärarexamen"):
        assert typed in page
    search = Package.objects.get(code="SEARCH").pk
    assert f'value="{search}"' in page and "checked" in page


BAD = [
    ("email", "nina.stockholm.se", "email"),
    ("email", "a" * 250 + "@stockholm.se", "email"),
    ("phone", "ring mig", "phone"),
    ("phone", "12", "phone"),
    ("contact_name", "", "contact_name"),
    ("contact_name", "N" * 201, "contact_name"),
    ("organisation_name", "", "organisation_name"),
    ("cost_centre", "", "cost_centre"),
    ("cost_centre", "9" * 101, "cost_centre"),
    ("role_title", "", "role_title"),
    ("role_level", "direktor", "role_level"),
    ("sector", "", "sector"),
    ("positions", "0", "positions"),
    ("positions", "201", "positions"),
    ("positions", "två", "positions"),
    ("package", "999999", "package"),
    ("recruited_before", "", "recruited_before"),
    ("wished_start", "2020-01-01", "wished_start"),
    ("wished_start", "31/12", "wished_start"),
    ("q_need", "x" * 2001, "q_need"),
    ("other", "x" * 2001, "other"),
]


@pytest.mark.parametrize(("field", "value", "error_field"), BAD, ids=[f"{f}={v[:12]}" for f, v, _e in BAD])
def test_every_bad_input_gets_a_swedish_message_and_keeps_what_was_typed(client, answers, field, value,
                                                                         error_field):
    response = post_form(client, {**answers, field: value})
    assert response.status_code == 400
    form = response.context["form"]
    assert error_field in form.errors
    message = " ".join(form.errors[error_field])
    assert any(word in message for word in ("Ange", "Välj", "måste", "Skriv", "Säkerställ", "Startdatumet",
                                            "giltig", "kan inte", "heltal", "Kontrollera")), message
    assert not any(word in message for word in ("This field", "Enter", "Select", "Ensure")), message
    page = response.content.decode()
    assert "Rätta följande" in page
    assert "Nina Norrmalm" in page or field == "contact_name"
    assert "Förskollärarexamen" in page
    assert not Order.objects.exists()


def test_an_organisation_missing_from_the_register_needs_its_kind_and_is_then_allowed(client, answers):
    response = post_form(client, {**answers, "organisation_name": "Nya förvaltningen"})
    assert response.status_code == 400
    assert "finns inte i vårt register" in " ".join(response.context["form"].errors["organisation_kind"])
    assert post_form(client, {**answers, "organisation_name": "Nya förvaltningen",
                              "organisation_kind": "fackforvaltning"}).status_code == 302
    assert "ny i vårt register" in client.get(reverse("public_orders:summary")).content.decode()


def test_a_package_chosen_again_as_an_addon_is_refused(client, answers):
    response = post_form(client, {**answers, "addons": [answers["package"]]})
    assert response.status_code == 400 and "addons" in response.context["form"].errors


def test_an_inactive_consultant_cannot_be_wished(client, answers):
    gone = ConsultantFactory(active=False)
    response = post_form(client, {**answers, "wished_consultant": str(gone.pk)})
    assert response.status_code == 400 and "wished_consultant" in response.context["form"].errors
    active = ConsultantFactory()
    assert post_form(client, {**answers, "wished_consultant": str(active.pk)}).status_code == 302


def test_the_honeypot_stores_nothing_and_sends_nothing(client, answers):
    response = post_form(client, {**answers, "webbplats": "http://spam.example"})
    assert response.status_code == 302 and response["Location"] == reverse("public_orders:sent")
    assert client.get(reverse("public_orders:summary"))["Location"] == reverse("public_orders:form")
    assert not Order.objects.exists() and not OutboxEmail.objects.exists()


def test_the_honeypot_is_hidden_from_people(client):
    page = client.get(reverse("public_orders:form")).content.decode()
    assert 'class="order-hp" aria-hidden="true"' in page and 'tabindex="-1"' in page


def test_sending_stores_a_pending_order_and_queues_the_confirmation(client, answers):
    response = send(client, answers)
    assert response.status_code == 302 and response["Location"] == reverse("public_orders:sent")
    order = Order.objects.get()
    assert order.state == "pending" and order.assignment is None
    assert order.organisation.name == "Norrmalms stadsdelsförvaltning" and not order.new_organisation
    assert order.positions == 2 and order.start_meeting == {"need": "En ny avdelning öppnar.",
                                                            "profile": "Förskollärarexamen"}
    assert [a.code for a in order.addons.all()] == ["SEARCH"]
    email = OutboxEmail.objects.get()
    assert email.to == "nina.norrmalm@stockholm.se" and "Bekräfta" in email.subject
    assert "/bestall/bekrafta/" in email.text and "/bestall/bekrafta/" in email.html
    assert order.confirm_hash not in email.text  # the link carries the token, the database its hash
    assert order.confirm_expires_at > timezone.now() + dt.timedelta(hours=71)
    # the draft is gone: a second send needs the form again
    assert client.post(reverse("public_orders:summary"))["Location"] == reverse("public_orders:form")


@override_settings(ORDER_RATE_PER_ADDRESS="2/h", ORDER_RATE_PER_IP="100/h")
def test_orders_are_limited_per_address(client, answers):
    assert send(client, answers).status_code == 302
    assert send(client, answers).status_code == 302
    response = send(client, answers)
    assert response.status_code == 429 and "För många beställningar" in response.content.decode()
    assert Order.objects.count() == 2
    # another address from the same client is still let through, and the refused answers are kept
    assert "Nina Norrmalm" in client.get(reverse("public_orders:form")).content.decode()
    assert send(client, {**answers, "email": "other@stockholm.se"}).status_code == 302


@override_settings(ORDER_RATE_PER_ADDRESS="100/h", ORDER_RATE_PER_IP="2/h")
def test_orders_are_limited_per_client_address(client, answers):
    for n in range(2):
        assert send(client, {**answers, "email": f"person{n}@stockholm.se"}).status_code == 302
    assert send(client, {**answers, "email": "person9@stockholm.se"}).status_code == 429
    other = client.__class__(REMOTE_ADDR="10.1.2.3")
    assert send(other, {**answers, "email": "person9@stockholm.se"}).status_code == 302
    assert Order.objects.count() == 3


def test_the_organisation_typeahead_answers_only_names(client, organisation):
    response = client.get(reverse("public_orders:suggest_organisations"), {"q": "norrm"})
    assert response.json() == {"results": ["Norrmalms stadsdelsförvaltning"]}
    assert client.get(reverse("public_orders:suggest_organisations"), {"q": ""}).json() == {"results": []}


def test_the_form_page_has_a_fixed_number_of_queries(client, answers, django_assert_num_queries):
    ConsultantFactory.create_batch(3)
    # the guide's packages and add-ons; the form's packages, add-ons and consultants: whatever their number
    with django_assert_num_queries(5):
        client.get(reverse("public_orders:form"))
