"""Writes: confirming a month's invoice basis, reopening it, marking it sent, and old data's opening basis.

Every run takes one lock (a transaction-level advisory lock on PostgreSQL; SQLite runs one writer at a
time) and then the lock of each assignment whose lines it takes, the same lock the register's billing
services hold while they change a line. So a line cannot change between the preview and the lock, and
two runs cannot take the same line: the second waits, then finds it in the first one's basis (and the
database's unique line per item refuses it in any case).
"""
from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from assignments.models import FINAL_STATUSES, Assignment, BillingLine
from recruitment.roles import MANAGER, has_role

from .models import AssignmentInvoicing, BasisStatus, InvoiceBasis, InvoiceItem, OrganisationInvoicing
from .selectors import Basis, CustomerBasis, basis_line, basis_preview, line_rows, row_details

RUN_LOCK = 0x5F1B11  # the advisory lock every run of the invoice basis takes
CHUNK = 2000  # references or lines per query


class BasisError(Exception):
    """A change to an invoice basis that its state does not allow; the message is for the user."""


def _run_lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [RUN_LOCK])


def _next_number(month: dt.date) -> int:
    return (InvoiceBasis.objects.filter(month=month).aggregate(n=Max("number"))["n"] or 0) + 1


def _lock_items(invoice: InvoiceBasis, basis: Basis) -> None:
    """Write the basis's lines as the invoice's items, numbered in basis order, and lock the lines."""
    items, position = [], 0
    for customer in basis.customers:
        for line in customer.lines:
            position += 1
            items.append(InvoiceItem(
                basis=invoice, line_id=line.line_id, position=position, organisation=customer.organisation,
                cost_centre=customer.cost_centre, reference=customer.reference, assignment_reference=line.assignment,
                text=line.text, quantity=line.quantity, unit_price=line.unit_price, amount=line.amount))
    InvoiceItem.objects.bulk_create(items, batch_size=1000)
    ids = basis.line_ids
    for start in range(0, len(ids), CHUNK):
        BillingLine.objects.filter(pk__in=ids[start:start + CHUNK]).update(locked=True)


def invoice_basis_confirm(*, month: dt.date, by=None, expected: str | None = None,
                          ) -> tuple[InvoiceBasis | None, Basis]:
    """Lock every line the month's preview holds into a new numbered basis of the month.

    Returns the basis (None when there was nothing new) and what it holds; running the same month
    again adds only lines that have become invoiceable since. With `expected` (the fingerprint of the
    preview a person saw) nothing is locked unless the basis is still exactly that.
    """
    with transaction.atomic():
        _run_lock()
        first_look = basis_preview(month=month)
        assignment_ids = sorted(BillingLine.objects.filter(pk__in=first_look.line_ids)
                                .values_list("assignment_id", flat=True).distinct())
        list(Assignment.objects.select_for_update().filter(pk__in=assignment_ids).order_by("pk")
             .values_list("pk", flat=True))
        basis = basis_preview(month=month)  # read again under the locks: what is locked is what was shown
        ids = basis.line_ids
        if not ids:  # also a confirm sent twice: the first took everything
            return None, basis
        if expected is not None and basis.fingerprint != expected:
            raise BasisError(_("Underlaget har ändrats sedan du förhandsgranskade det: granska det igen och bekräfta."))
        invoice = InvoiceBasis.objects.create(month=basis.month, number=_next_number(basis.month), confirmed_by=by)
        _lock_items(invoice, basis)
    return invoice, basis


def invoice_basis_reopen(*, basis: InvoiceBasis, by, reason: str) -> InvoiceBasis:
    """A manager takes a confirmed basis back: its lines are to invoice again (and editable)."""
    if not has_role(by, MANAGER):
        raise BasisError(_("Bara en chef kan öppna ett fakturaunderlag igen."))
    if not reason.strip():
        raise BasisError(_("Ange ett skäl till att underlaget öppnas igen."))
    with transaction.atomic():
        _run_lock()
        basis = InvoiceBasis.objects.select_for_update().get(pk=basis.pk)
        if basis.status != BasisStatus.CONFIRMED:
            raise BasisError(_("Underlaget är skickat till ekonomi och kan inte öppnas igen.")
                             if basis.status == BasisStatus.SENT else _("Underlaget är redan återöppnat."))
        line_ids = list(basis.items.values_list("line_id", flat=True))
        basis.items.all().delete()
        BillingLine.objects.filter(pk__in=line_ids).update(locked=False)
        basis.status = BasisStatus.REOPENED
        basis.reopen_reason = reason.strip()
        basis._change_reason = reason.strip()
        basis.save()
    return basis


def invoice_basis_mark_sent(*, basis: InvoiceBasis, by=None) -> InvoiceBasis:
    """Finance has the basis: its lines are invoiced, and it can no longer be reopened."""
    with transaction.atomic():
        basis = InvoiceBasis.objects.select_for_update().get(pk=basis.pk)
        if basis.status != BasisStatus.CONFIRMED:
            raise BasisError(_("Bara ett bekräftat underlag kan markeras som skickat."))
        basis.status = BasisStatus.SENT
        basis.sent_at = timezone.now()
        basis.save()
    return basis


def invoice_opening_record(*, references, until: dt.date) -> InvoiceBasis | None:
    """Old data: the lines of the given assignments closed or cancelled on or before `until`, not yet in a
    basis, are recorded as invoiced (an opening basis of that month, marked sent), so the first run
    invoices only what is new."""
    with transaction.atomic():
        _run_lock()
        references = sorted(set(references))
        rows = []
        for start in range(0, len(references), CHUNK):
            rows += line_rows(BillingLine.objects.filter(
                assignment__reference__in=references[start:start + CHUNK], assignment__status__in=FINAL_STATUSES,
                assignment__closed_on__lte=until, locked=False, invoice_item__isnull=True))
        if not rows:
            return None
        month = until.replace(day=1)
        basis = InvoiceBasis.objects.create(month=month, number=_next_number(month), opening=True,
                                            status=BasisStatus.SENT, sent_at=timezone.now())
        customers: dict[tuple[str, str], CustomerBasis] = {}
        for row in rows:
            cost_centre, reference = row_details(row)
            customer = customers.setdefault((row["organisation"], cost_centre), CustomerBasis(
                organisation=row["organisation"], cost_centre=cost_centre, reference=reference))
            customer.lines.append(basis_line(row))
        _lock_items(basis, Basis(month=month, customers=list(customers.values()), warnings=[]))
    return basis


def organisation_invoicing_set(*, organisation, cost_centre: str, reference: str,
                               organisation_number: str) -> None:
    """An organisation's invoicing details (with history)."""
    OrganisationInvoicing.objects.update_or_create(organisation=organisation, defaults={
        "cost_centre": cost_centre.strip(), "reference": reference.strip(),
        "organisation_number": organisation_number.strip()})


def assignment_invoicing_set(*, assignment, cost_centre: str, reference: str) -> None:
    """The assignment's own cost centre and reference; both empty removes the override."""
    if not cost_centre.strip() and not reference.strip():
        AssignmentInvoicing.objects.filter(assignment=assignment).delete()
        return
    AssignmentInvoicing.objects.update_or_create(assignment=assignment, defaults={
        "cost_centre": cost_centre.strip(), "reference": reference.strip()})


def assignment_invoicing_from_order(*, assignment, cost_centre: str, reference: str) -> None:
    """The cost centre and reference a customer gave in an order become the assignment's own, each only where
    it differs from the organisation's (an equal value is no override; the organisation's later changes apply)."""
    org = OrganisationInvoicing.objects.filter(organisation_id=assignment.organisation_id).first()
    cost_centre, reference = (cost_centre or "").strip(), (reference or "").strip()
    if org is not None and cost_centre == org.cost_centre.strip():
        cost_centre = ""
    if org is not None and reference == org.reference.strip():
        reference = ""
    assignment_invoicing_set(assignment=assignment, cost_centre=cost_centre, reference=reference)
