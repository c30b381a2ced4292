"""The retention run, played by someone with database access afterwards: once an order is due (its orderer's
data 24 months after the assignment ended, or the whole order when it never counted) or a staff note is due,
is the name, e-mail or phone left in any text column of any table (history, messages, the outbox, the
assignment made from the order and its plan)? Each search is every column of every table (`_text_hits`), as
the register's erasure is checked. The e-mails are really sent by the dispatcher first, as in production."""
from __future__ import annotations

import datetime as dt

import time_machine

from retention.services import retention_run
from surveys.models import OutboxEmail, OutboxStatus
from surveys.tasks import dispatch_due_now
from tests.retention.test_rules import NOW, _order
from tests.retention.test_subject import _text_hits

# The orderer becomes (or already is) a contact person of the customer: that register has its own rule
# (inactive and no assignment for RETENTION_CONTACT_YEARS), so these columns may still hold them.
CONTACT_REGISTER = {f"assignments_{table}.{column}" for table in ("contact", "historicalcontact")
                    for column in ("name", "email", "phone")}


def _at(day: dt.date, hour: int = 12):
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=dt.UTC), tick=False)


def _sent_on(day: dt.date) -> None:
    with _at(day, 13):
        dispatch_due_now()
    assert not OutboxEmail.objects.exclude(status=OutboxStatus.SENT).exists()


def _hits(*terms: str) -> set[str]:
    return {hit for term in terms for hit in _text_hits(term)}


def test_an_erased_orderer_is_left_nowhere_but_the_contact_register(db, django_capture_on_commit_callbacks):
    """Orderer "Jan Jul" sent an order (start-meeting answers, free text and invoice reference naming him), wrote
    on the status page, and the order was declined, with a reason naming him. 24
    months after the assignment ended the orders rule runs: nothing of his is left outside the contact register
    (the order, its history, its messages, the outbox's receipts, the assignment, the decline reason)."""
    from orders.models import Order
    from orders.services import order_confirm, order_decline, order_message_send
    from tests.factories import UserFactory

    day = dt.date(2025, 1, 10)
    with django_capture_on_commit_callbacks(execute=True):
        order = _order(day, "jan@stockholm.se", "Jan Jul")
        with _at(day, 11):
            order_confirm(order=order)
        order = Order.objects.get(pk=order.pk)
        order_message_send(order=order, text="Hälsningar Jan Jul")
        with _at(dt.date(2025, 6, 14)):  # the assignment ends (cancelled) on the decline
            order_decline(order=Order.objects.get(pk=order.pk), reason="Jan Jul har redan en pågående rekrytering",
                          by=UserFactory())
    _sent_on(day)
    assert _hits("Jan Jul", "jan@stockholm.se", "08-508 000 00") - CONTACT_REGISTER
    with time_machine.travel(NOW, tick=False):
        retention_run(now=NOW)
    assert _hits("Jan Jul", "jan@stockholm.se", "08-508 000 00") - CONTACT_REGISTER == set()


def test_an_order_that_never_counted_is_gone_from_every_table_when_it_is_deleted(
        db, django_capture_on_commit_callbacks):
    """"Gun Gran" sent an order and never confirmed her address: the order is deleted 30 days on (history too).
    Her confirmation e-mail (name, address, her start-meeting text) must not stay in the outbox until the
    outbox's own 90 days: the deletion empties the order's e-mails too."""
    day = dt.date(2027, 5, 10)
    with django_capture_on_commit_callbacks(execute=True):
        _order(day, "gun@example.se", "Gun Gran")
    _sent_on(day)
    assert _hits("Gun Gran", "gun@example.se") == {"orders_order.contact_name", "orders_order.email",
                                                   "orders_order.invoice_reference", "orders_order.other",
                                                   "orders_order.start_meeting", "orders_historicalorder.email",
                                                   "orders_historicalorder.contact_name",
                                                   "orders_historicalorder.invoice_reference",
                                                   "orders_historicalorder.other",
                                                   "orders_historicalorder.start_meeting",
                                                   "surveys_outboxemail.to", "surveys_outboxemail.text",
                                                   "surveys_outboxemail.html"}
    with time_machine.travel(NOW, tick=False):
        assert retention_run(now=NOW)["orders_unconfirmed"] == 1
    assert _hits("Gun Gran", "gun@example.se") == set()
    assert OutboxEmail.objects.filter(status=OutboxStatus.SENT).count() == 1  # the row stays, as the outbox's rule


def test_a_staff_note_edited_twice_and_a_follow_up_note_are_gone_from_every_table(db, coordinator):
    """A logged customer contact's note naming "Greta Gran" is edited (two history rows) and a low score's
    follow-up note names her: five years on, no table holds her name."""
    from followup.models import ContactKind, CustomerContact
    from surveys.models import LowScoreFlag
    from surveys.services.followup import low_score_flag_follow_up
    from tests.factories import AssignmentFactory, OrganisationFactory, ResponseFactory

    organisation = OrganisationFactory()
    with _at(dt.date(2022, 6, 1)):
        entry = CustomerContact.objects.create(organisation=organisation, held_on=dt.date(2022, 6, 1),
                                               kind=ContactKind.MEETING, note="Greta Gran vill byta konsult")
        entry.note = "Greta Gran vill byta konsult, ring henne"
        entry.save()
        assignment = AssignmentFactory(organisation=organisation)
        flag = LowScoreFlag.objects.create(assignment=assignment, reason="1",
                                           response=ResponseFactory(kind="customer", assignment=assignment))
        low_score_flag_follow_up(flag=flag, by=coordinator, note="Samtal med Greta Gran")
    assert _hits("Greta Gran")
    with time_machine.travel(NOW, tick=False):
        retention_run(now=NOW)
    assert _hits("Greta Gran") == set()


def test_an_accepted_orders_plan_and_assignment_keep_nothing_of_the_orderer(db, django_capture_on_commit_callbacks):
    """The order is accepted (the plan laid from the start meeting, the acceptance e-mailed) and the assignment
    cancelled later: 24 months on, the assignment, its history and its plan hold nothing of "Kim Kal"."""
    from assignments.models import Status
    from assignments.services import assignment_change_status
    from orders.models import Order
    from orders.services import order_accept, order_confirm
    from tests.factories import ConsultantFactory, UserFactory

    day = dt.date(2025, 1, 10)
    with django_capture_on_commit_callbacks(execute=True):
        order = _order(day, "kim@stockholm.se", "Kim Kal")
        with _at(day, 11):
            order_confirm(order=order)
            order = order_accept(order=Order.objects.get(pk=order.pk), consultant=ConsultantFactory(),
                                 start_meeting_on=dt.date(2025, 1, 20), by=UserFactory())
        with _at(dt.date(2025, 6, 14)):
            assignment_change_status(assignment=order.assignment, to_status=Status.CANCELLED)
    _sent_on(day)
    with time_machine.travel(NOW, tick=False):
        assert retention_run(now=NOW)["orders"] == 1
    assert _hits("Kim Kal", "kim@stockholm.se", "08-508 000 00") - CONTACT_REGISTER == set()


def test_an_order_left_waiting_for_address_approval_is_deleted_like_one_never_confirmed(db):
    """ROUTE (closed): "Ola Ovan" confirms an address outside the allowed domains and the order waits for a
    coordinator's approval (AWAITING_APPROVAL); nobody approves or rejects it. It was kept for ever (name,
    e-mail, phone, free text, history). Decided: an order left waiting for approval
    RETENTION_ORDER_UNCONFIRMED_DAYS after its confirmation never counted, like one never confirmed, and is
    deleted (the intake queue showed its age all along, and the retention page lists it as due)."""
    from orders.models import Order, OrderState
    from orders.services import order_confirm

    day = dt.date(2027, 4, 1)
    order = _order(day, "ola@example.se", "Ola Ovan")
    with _at(day, 11):
        order_confirm(order=order)
    assert Order.objects.get(pk=order.pk).state == OrderState.AWAITING_APPROVAL
    with time_machine.travel(NOW, tick=False):
        retention_run(now=NOW)
    assert _hits("Ola Ovan", "ola@example.se") == set()
