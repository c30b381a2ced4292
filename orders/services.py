"""Writes of the order service: send, confirm, approve, receive as an assignment, accept, decline, cancel.

Every e-mail goes through the outbox (orders/emails.py) in the same transaction as the change it tells
about, so a message is queued exactly when its change commits.
"""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assignments.models import BillingKind, Contact, Organisation, OrganisationKind, Status
from assignments.services import (
    addon_packages,
    assignment_change_status,
    assignment_create,
    assignment_update,
    billing_addon_add,
    billing_addon_remove,
)
from billing.services import assignment_invoicing_from_order
from surveys.emails import site_url
from timeline.services import plan_lay

from . import emails
from .models import Order, OrderMessage, OrderState
from .tokens import token_new


class OrderError(Exception):
    """A step the order's state does not allow; the message is Swedish and shown to the person."""


def email_allowed(email: str) -> bool:
    """Whether an address is in one of ORDER_ALLOWED_EMAIL_DOMAINS (or a subdomain of one)."""
    domain = email.rpartition("@")[2].strip().lower()
    allowed = [d.strip().lower().lstrip("@") for d in settings.ORDER_ALLOWED_EMAIL_DOMAINS if d.strip()]
    return any(domain == d or domain.endswith("." + d) for d in allowed)


# --- the customer's side -------------------------------------------------------------------

ANSWER_FIELDS = [
    "organisation", "organisation_name", "organisation_kind", "contact_name", "email", "phone", "cost_centre",
    "invoice_reference", "role_title", "role_level", "sector", "positions", "package", "wished_start",
    "wished_consultant", "recruited_before", "start_meeting", "other",
]


@transaction.atomic
def order_submit(*, data: dict) -> Order:
    """Store an order as pending and e-mail its confirmation link. `data`: the form's cleaned answers
    (ANSWER_FIELDS and `addons`)."""
    token, token_hash = token_new()
    order = Order(**{f: data.get(f) for f in ANSWER_FIELDS if f in data})
    order.organisation_kind = order.organisation_kind or ""
    order.new_organisation = order.organisation is None
    order.confirm_hash = token_hash
    order.confirm_expires_at = timezone.now() + dt.timedelta(hours=settings.ORDER_CONFIRM_HOURS)
    order.save()
    order.addons.set(data.get("addons") or [])
    emails.queue(name="confirm", order=order, to=order.email, key="1", link=emails.confirm_link(token),
                 hours=settings.ORDER_CONFIRM_HOURS)
    return order


def _locked(order: Order) -> Order:
    return Order.objects.select_for_update().get(pk=order.pk)


@transaction.atomic
def order_confirm(*, order: Order) -> tuple[Order, str | None]:
    """The customer opened the confirmation link: the address is theirs. Returns the order and, when it
    became an assignment at once (an allowed address), its status link's token."""
    order = _locked(order)
    if order.state != OrderState.PENDING or order.confirm_expires_at <= timezone.now():
        raise OrderError(_("Länken går inte längre att använda."))
    order.confirmed_at = timezone.now()
    if not email_allowed(order.email):
        order.state = OrderState.AWAITING_APPROVAL
        order.save(update_fields=["state", "confirmed_at"])
        return order, None
    order.save(update_fields=["confirmed_at"])
    token = _receive(order)
    return order, token


def _organisation_for(order: Order) -> Organisation:
    """The register's organisation, or the new one the customer named (inactive until a coordinator has
    checked it: it is not offered to the next customer)."""
    if order.organisation_id:
        return order.organisation
    found = Organisation.objects.filter(name__iexact=order.organisation_name).first()
    if found is not None:
        return found
    return Organisation.objects.create(name=order.organisation_name, active=False,
                                       kind=order.organisation_kind or OrganisationKind.ADMINISTRATION)


def _contact_for(order: Order, organisation: Organisation) -> Contact:
    contact = Contact.objects.filter(email__iexact=order.email).first()
    if contact is None:
        contact = Contact.objects.create(organisation=organisation, name=order.contact_name, email=order.email,
                                         phone=order.phone)
    return contact


def _invoicing_follow(order: Order, assignment) -> None:
    """The order's cost centre and invoice reference are the assignment's invoicing details (where they differ
    from its organisation's)."""
    assignment_invoicing_from_order(assignment=assignment, cost_centre=order.cost_centre,
                                    reference=order.invoice_reference)


def _addons_follow(order: Order, assignment) -> None:
    """The order's add-on packages priced per assignment (Searchpaket) are add-on lines on the assignment, made
    when the order becomes one as its package line is, priced from the order year's list and invoiced by the
    add-on package's own rule. Per-candidate add-ons (digital references) are billed as the consultant
    records them, when the number of candidates is known."""
    wanted = {package.pk: package for package in addon_packages().filter(addon_orders=order)}
    current = {line.addon_id: line for line in assignment.billing_lines.filter(
        kind=BillingKind.ADDON, credited_by__isnull=True)}
    for pk in wanted.keys() - current.keys():
        billing_addon_add(assignment=assignment, kind=BillingKind.ADDON, quantity=1, package=wanted[pk])
    for pk in current.keys() - wanted.keys():
        billing_addon_remove(line=current[pk])


def _receive(order: Order, by=None) -> str:
    """The order counts: it becomes an incoming assignment, and the customer gets the receipt with a
    personal status link. Call with the order locked."""
    organisation = _organisation_for(order)
    note = _("Beställd via e-tjänsten. Antal tjänster: %(n)s.") % {"n": order.positions}
    assignment = assignment_create(status=Status.INCOMING, by=by, data={
        "organisation": organisation, "contact": _contact_for(order, organisation), "sector": order.sector,
        "role_title": order.role_title, "role_level": order.role_level, "package": order.package,
        "ordered_on": timezone.localdate(), "notes": note,
    })
    _invoicing_follow(order, assignment)
    _addons_follow(order, assignment)
    token, token_hash = token_new()
    order.state, order.assignment, order.organisation = OrderState.RECEIVED, assignment, organisation
    order.status_hash, order.status_revoked_at = token_hash, None
    order.save(update_fields=["state", "assignment", "organisation", "status_hash", "status_revoked_at"])
    emails.queue(name="receipt", order=order, to=order.email, key="1", link=emails.status_link(token))
    return token


@transaction.atomic
def order_cancel(*, order: Order) -> Order:
    """The customer withdraws an order that has not been accepted."""
    order = _locked(order)
    if order.assignment is None or order.assignment.status != Status.INCOMING:
        raise OrderError(_("Beställningen är redan mottagen av en konsult och kan inte avbrytas här. "
                           "Skicka ett meddelande till konsulten i stället."))
    assignment_change_status(assignment=order.assignment, to_status=Status.CANCELLED)
    order.cancelled_by_customer = True
    order.save(update_fields=["cancelled_by_customer"])
    emails.queue(name="cancelled", order=order, to=settings.ORDER_INTAKE_EMAIL, key="1")
    return order


@transaction.atomic
def order_message_send(*, order: Order, text: str) -> OrderMessage:
    """Store the customer's message on the order and e-mail it to the lead consultant (to the intake
    address while there is none)."""
    text = text.strip()
    if not text:
        raise OrderError(_("Skriv ett meddelande."))
    assignment = order.assignment
    lead = assignment.lead_consultant if assignment.lead_consultant_id else None
    to = lead.email if lead is not None and lead.active else settings.ORDER_INTAKE_EMAIL
    message = OrderMessage.objects.create(order=order, text=text, sent_to=to)
    link = site_url(reverse("assignments:detail", kwargs={"reference": assignment.reference}))
    emails.queue(name="message", order=order, to=to, key=f"m{message.pk}", text=text, assignment_link=link)
    return message


# --- the coordinators' side ----------------------------------------------------------------

@transaction.atomic
def order_address_approve(*, order: Order, by) -> Order:
    """A coordinator approves an address outside the allowed domains: the order counts from now."""
    order = _locked(order)
    if order.state != OrderState.AWAITING_APPROVAL:
        raise OrderError(_("Beställningen väntar inte på godkännande."))
    order.approved_by = by
    order.save(update_fields=["approved_by"])
    _receive(order, by=by)
    return order


@transaction.atomic
def order_address_reject(*, order: Order, reason: str, by) -> Order:
    order = _locked(order)
    if order.state != OrderState.AWAITING_APPROVAL:
        raise OrderError(_("Beställningen väntar inte på godkännande."))
    order.state, order.decline_reason, order.approved_by = OrderState.REJECTED, reason.strip(), by
    order.save(update_fields=["state", "decline_reason", "approved_by"])
    emails.queue(name="declined", order=order, to=order.email, key="address", reason=order.decline_reason)
    return order


def _incoming(order: Order) -> Order:
    order = _locked(order)
    if order.assignment_id is None or order.assignment.status != Status.INCOMING:
        raise OrderError(_("Beställningen är redan behandlad."))
    return order


ASSIGNMENT_FIELDS = ["organisation", "sector", "role_title", "role_level", "package"]


@transaction.atomic
def order_update(*, order: Order, data: dict, by) -> Order:
    """Correct or complete an incoming order; the assignment follows the answers it was made from."""
    order = _incoming(order)
    for field, value in data.items():
        if field in ANSWER_FIELDS:
            setattr(order, field, value)
    order.save()
    if "addons" in data:
        order.addons.set(data["addons"])
    assignment = order.assignment
    assignment_update(assignment=assignment, data={f: getattr(order, f) for f in ASSIGNMENT_FIELDS},
                      expected_version=assignment.version, by=by)
    if {"cost_centre", "invoice_reference", "organisation"} & set(data):
        _invoicing_follow(order, assignment)
    if "addons" in data:
        _addons_follow(order, assignment)
    return order


@transaction.atomic
def order_accept(*, order: Order, consultant, start_meeting_on: dt.date, by) -> Order:
    """Accept an incoming order: its lead consultant and planned start meeting; it becomes registered, its
    timeline is laid from the start meeting (when the package has a standard timeline), and the customer
    is told who the consultant is."""
    order = _incoming(order)
    assignment = order.assignment
    assignment.lead_consultant = consultant
    assignment_update(assignment=assignment, data={"lead_consultant": consultant},
                      expected_version=assignment.version, by=by)
    assignment = assignment_change_status(assignment=assignment, to_status=Status.REGISTERED, by=by)
    if order.new_organisation and not assignment.organisation.active:
        Organisation.objects.filter(pk=assignment.organisation_id).update(active=True)
    try:
        plan_lay(assignment=assignment, start_on=start_meeting_on, by=by)
    except ValidationError:
        pass  # a package without a standard timeline: the consultant plans by hand
    order.start_meeting_on = start_meeting_on
    order.save(update_fields=["start_meeting_on"])
    emails.queue(name="accepted", order=order, to=order.email, key="1", consultant=consultant)
    return order


@transaction.atomic
def order_decline(*, order: Order, reason: str, by) -> Order:
    """Decline an incoming order; the reason is e-mailed to the customer."""
    reason = reason.strip()
    if not reason:
        raise OrderError(_("Ange ett skäl. Det skickas till kunden."))
    order = _incoming(order)
    assignment_change_status(assignment=order.assignment, to_status=Status.CANCELLED, by=by)
    order.decline_reason = reason
    order.save(update_fields=["decline_reason"])
    emails.queue(name="declined", order=order, to=order.email, key="1", reason=reason)
    return order


@transaction.atomic
def order_status_link_revoke(*, order: Order, by=None) -> None:
    Order.objects.filter(pk=order.pk).update(status_revoked_at=timezone.now())


@transaction.atomic
def order_status_link_renew(*, order: Order, by=None) -> str:
    """A new status link replaces the old one (which stops working) and is e-mailed to the customer."""
    order = _locked(order)
    if order.assignment_id is None:
        raise OrderError(_("Beställningen har ingen statuslänk."))
    token, token_hash = token_new()
    order.status_hash, order.status_revoked_at = token_hash, None
    order.save(update_fields=["status_hash", "status_revoked_at"])
    emails.queue(name="receipt", order=order, to=order.email, key=token_hash[:16], link=emails.status_link(token))
    return token
