"""The intake queue: oldest first with age, correct an order, accept it with a consultant, decline it."""
from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from assignments.models import Assignment, Package, Status
from assignments.services import TransitionError, assignment_change_status
from orders.models import Order
from orders.services import order_accept
from surveys.models import OutboxEmail
from tests.factories import ConsultantFactory
from timeline.models import PlanStep
from timeline.selectors import open_steps
from timeline.services import plans_derive

from .conftest import order_confirmed

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_orders(client, answers):
    with time_machine.travel(timezone.now() - dt.timedelta(days=3)):
        order_confirmed(client, {**answers, "role_title": "Äldst"})
    order_confirmed(client, {**answers, "role_title": "Nyast", "email": "other@stockholm.se"})
    return list(Order.objects.order_by("created_at"))


def test_the_queue_lists_incoming_orders_oldest_first_with_their_age(client, coordinator, two_orders):
    client.force_login(coordinator)
    page = client.get(reverse("orders:queue")).content.decode()
    assert page.index("Äldst") < page.index("Nyast")
    assert "3 dagar" in page and "0 dagar" in page
    # a handled order leaves the queue
    assignment_change_status(assignment=two_orders[0].assignment, to_status=Status.CANCELLED)
    assert "Äldst" not in client.get(reverse("orders:queue")).content.decode()


def test_the_queue_has_a_fixed_number_of_queries(client, coordinator, two_orders, django_assert_num_queries):
    client.force_login(coordinator)
    client.get(reverse("orders:queue"))
    with django_assert_num_queries(4):  # session, user, roles, the queue
        client.get(reverse("orders:queue"))


def test_the_detail_page_has_a_fixed_number_of_queries(client, coordinator, two_orders, django_assert_num_queries):
    client.force_login(coordinator)
    url = reverse("orders:detail", kwargs={"pk": two_orders[0].pk})
    client.get(url)
    # session, user, roles, the order, add-ons, messages, the form's choices (organisations, packages,
    # add-ons, consultants)
    with django_assert_num_queries(10):
        client.get(url)


def test_consultants_cannot_see_the_queue(client, consultant_user, two_orders):
    client.force_login(consultant_user)
    assert client.get(reverse("orders:queue")).status_code == 403
    assert client.get(reverse("orders:detail", kwargs={"pk": two_orders[0].pk})).status_code == 403


def test_a_manager_sees_the_queue(client, manager, two_orders):
    client.force_login(manager)
    assert client.get(reverse("orders:queue")).status_code == 200


def test_correcting_an_order_changes_the_assignment_too(client, coordinator, two_orders):
    order = two_orders[0]
    client.force_login(coordinator)
    url = reverse("orders:detail", kwargs={"pk": order.pk})
    form = client.get(url).context["edit_form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    chef = Package.objects.get(code="CHEF")
    data.update(role_title="Biträdande förskolechef", role_level="chef", package=str(chef.pk), addons=[])
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    order.refresh_from_db()
    assignment = order.assignment
    assert order.role_title == assignment.role_title == "Biträdande förskolechef"
    assert assignment.role_level == "chef" and assignment.package == chef
    assert assignment.billing_lines.get().description == chef.name
    assert not order.addons.exists()


def test_a_bad_correction_changes_nothing(client, coordinator, two_orders):
    order = two_orders[0]
    client.force_login(coordinator)
    response = client.post(reverse("orders:detail", kwargs={"pk": order.pk}), {"role_title": ""})
    assert response.status_code == 400
    order.refresh_from_db()
    assert order.role_title == "Äldst"


def test_accepting_registers_the_assignment_lays_the_timeline_and_tells_the_customer(client, coordinator,
                                                                                    two_orders):
    order = two_orders[0]
    lead = ConsultantFactory(name="Lena Ledare")
    client.force_login(coordinator)
    url = reverse("orders:accept", kwargs={"pk": order.pk})
    assert "Lena Ledare" in client.get(url).content.decode()
    meeting = timezone.localdate() + dt.timedelta(days=7)
    response = client.post(url, {"lead_consultant": lead.pk, "start_meeting_on": meeting.isoformat()})
    assert response.status_code == 302
    order.refresh_from_db()
    assignment = order.assignment
    assert response["Location"] == reverse("assignments:detail", kwargs={"reference": assignment.reference})
    assert assignment.status == Status.REGISTERED and assignment.lead_consultant == lead
    assert [c.to_status for c in assignment.status_changes.all()] == [Status.INCOMING, Status.REGISTERED]
    assert order.start_meeting_on == meeting
    first = PlanStep.objects.filter(plan__assignment=assignment).order_by("position").first()
    assert first is not None and first.planned_on >= meeting
    email = OutboxEmail.objects.get(dedupe_key__startswith="orders:accepted:")
    assert email.to == order.email and "Lena Ledare" in email.text and lead.email in email.text
    # accepted once: a second accept is refused and changes nothing
    other = ConsultantFactory()
    client.post(url, {"lead_consultant": other.pk, "start_meeting_on": meeting.isoformat()})
    assignment.refresh_from_db()
    assert assignment.lead_consultant == lead


def test_the_accept_form_proposes_the_wished_consultant(client, coordinator, answers):
    from allocation.models import ConsultantProfile
    wished = ConsultantFactory(name="Önskade Olle")
    # qualified for the package's tests: allocation's proposal then puts the wish first
    ConsultantProfile.objects.create(consultant=wished, test_certified=True)
    order_confirmed(client, {**answers, "wished_consultant": str(wished.pk)})
    order = Order.objects.get()
    client.force_login(coordinator)
    form = client.get(reverse("orders:accept", kwargs={"pk": order.pk})).context["form"]
    assert form["lead_consultant"].value() == wished.pk


@pytest.mark.parametrize(("data", "field"), [
    ({"start_meeting_on": "2099-01-01"}, "lead_consultant"),
    ({"start_meeting_on": "2020-01-01"}, "start_meeting_on"),
    ({"start_meeting_on": "imorgon"}, "start_meeting_on"),
])
def test_a_bad_accept_changes_nothing(client, coordinator, two_orders, data, field):
    order = two_orders[0]
    lead = ConsultantFactory()
    client.force_login(coordinator)
    data = {"lead_consultant": lead.pk, **data} if field != "lead_consultant" else data
    response = client.post(reverse("orders:accept", kwargs={"pk": order.pk}), data)
    assert response.status_code == 400 and field in response.context["form"].errors
    order.assignment.refresh_from_db()
    assert order.assignment.status == Status.INCOMING and order.assignment.lead_consultant is None


def test_declining_cancels_and_emails_the_reason(client, coordinator, two_orders):
    order = two_orders[0]
    client.force_login(coordinator)
    url = reverse("orders:decline", kwargs={"pk": order.pk})
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400 and not OutboxEmail.objects.filter(
        dedupe_key__startswith="orders:declined:").exists()
    client.post(url, {"reason": "Vi har inte kapacitet i vecka 12."})
    order.refresh_from_db()
    assert order.assignment.status == Status.CANCELLED and order.decline_reason == "Vi har inte kapacitet i vecka 12."
    email = OutboxEmail.objects.get(dedupe_key__startswith="orders:declined:")
    assert email.to == order.email and "Vi har inte kapacitet i vecka 12." in email.text


def test_an_incoming_assignment_cannot_be_registered_without_a_lead(two_orders):
    assignment = two_orders[0].assignment
    with pytest.raises(TransitionError, match="ansvarig konsult"):
        assignment_change_status(assignment=assignment, to_status=Status.REGISTERED)
    assert not assignment.can_move_to(Status.SELECTION)
    # a declined order cannot be reinstated without a lead either
    assignment_change_status(assignment=assignment, to_status=Status.CANCELLED)
    with pytest.raises(TransitionError):
        assignment_change_status(assignment=assignment, to_status=Status.REGISTERED)


def test_the_database_refuses_a_working_assignment_without_a_lead(two_orders):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.filter(pk=two_orders[0].assignment_id).update(status=Status.SELECTION)


def test_the_register_lists_incoming_orders_with_their_status(client, coordinator, two_orders):
    client.force_login(coordinator)
    page = client.get(reverse("assignments:list"), {"status": "incoming"}).content.decode()
    assert "Inkommen beställning" in page and two_orders[0].assignment.reference in page
    detail = client.get(reverse("assignments:detail", kwargs={"reference": two_orders[0].assignment.reference}))
    assert detail.status_code == 200
    export = client.get(reverse("assignments:export", kwargs={"fmt": "csv"}))
    assert export.status_code == 200


def test_the_load_view_counts_no_incoming_order(client, coordinator, two_orders):
    client.force_login(coordinator)
    response = client.get(reverse("reference:load"))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert sum(row.open_total for row in rows) == 0


def test_the_timeline_leaves_incoming_orders_alone_until_accepted(two_orders):
    plans_derive()
    assert not PlanStep.objects.filter(plan__assignment=two_orders[0].assignment).exists()
    order = two_orders[0]
    order_accept(order=order, consultant=ConsultantFactory(), start_meeting_on=timezone.localdate(), by=None)
    assert open_steps(timezone.localdate()).filter(plan__assignment=order.assignment).exists()


def test_accepting_shows_the_ranked_proposal_and_records_whether_the_choice_followed_it(client, coordinator,
                                                                                       answers):
    from allocation.models import AllocationDecision
    wished = ConsultantFactory(name="Önskade Olle")
    other = ConsultantFactory(name="Annan Anna")
    order_confirmed(client, {**answers, "wished_consultant": str(wished.pk)})
    order = Order.objects.get()
    client.force_login(coordinator)
    url = reverse("orders:accept", kwargs={"pk": order.pk})
    page = client.get(url)
    proposal = page.context["proposal"]
    assert "Förslag på konsult" in page.content.decode() and proposal
    first = next(p for p in proposal if p.excluded is None)
    assert page.context["form"]["lead_consultant"].value() == first.consultant.pk
    chosen = other if first.consultant != other else wished
    meeting = timezone.localdate() + dt.timedelta(days=7)
    client.post(url, {"lead_consultant": chosen.pk, "start_meeting_on": meeting.isoformat()})
    decision = AllocationDecision.objects.get(assignment=Order.objects.get().assignment)
    assert decision.consultant == chosen and decision.decided_by == coordinator
    assert decision.followed_proposal is False and decision.proposed == first.consultant
