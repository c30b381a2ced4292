"""Reads: the month's invoice basis as it would be (the preview) and the lines it takes."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from assignments.models import (
    CLOSED_STATUSES,
    Assignment,
    BillingKind,
    BillingLine,
    PackageUnit,
    Status,
    StatusChange,
)
from recruitment.periods import month_end

from .models import AssignmentInvoicing, BasisStatus, InvoiceBasis, InvoiceItem, OrganisationInvoicing
from .rules import STARTED_STATUSES, invoiceable_on, package_rule

CENT = Decimal("0.01")


def money(value: Decimal) -> str:
    """An amount as the JSON and CSV carry it: a string with two decimals."""
    return f"{Decimal(value).quantize(CENT):.2f}"


def basis_line(row: dict) -> BasisLine:
    return BasisLine(line_id=row["line_id"], assignment=row["assignment_ref"], text=row["text"],
                     quantity=row["quantity_"], unit_price=row["unit_price_"], amount=row["amount_"].quantize(CENT))


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    first = month.replace(day=1)
    return first, month_end(first.year, first.month)


@dataclass
class BasisLine:
    line_id: int
    assignment: str
    text: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal

    def to_json(self) -> dict:
        return {"assignment": self.assignment, "text": self.text, "quantity": money(self.quantity),
                "unit_price": money(self.unit_price), "amount": money(self.amount)}


@dataclass
class CustomerBasis:
    organisation: str
    cost_centre: str
    reference: str
    lines: list[BasisLine] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))

    def to_json(self) -> dict:
        return {"organisation": self.organisation, "cost_centre": self.cost_centre,
                "lines": [line.to_json() for line in self.lines], "total": money(self.total)}


@dataclass
class Basis:
    month: dt.date
    customers: list[CustomerBasis]
    warnings: list[str]

    @property
    def total(self) -> Decimal:
        return sum((customer.total for customer in self.customers), Decimal("0.00"))

    @property
    def fingerprint(self) -> str:
        """Which lines at which amounts: a confirm applies only the basis that was shown."""
        text = ";".join(f"{line.line_id}:{line.amount}" for customer in self.customers for line in customer.lines)
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    @property
    def line_ids(self) -> list[int]:
        return [line.line_id for customer in self.customers for line in customer.lines]

    def to_json(self) -> dict:
        return {"month": f"{self.month:%Y-%m}", "customers": [c.to_json() for c in self.customers],
                "total": money(self.total), "warnings": self.warnings}

    def rows(self) -> list[list]:
        """One row per line in the documented column layout (FILE_COLUMNS), for the CSV and Excel files."""
        return [[customer.organisation, customer.cost_centre, customer.reference, line.assignment, line.text,
                 line.quantity, line.unit_price, line.amount]
                for customer in self.customers for line in customer.lines]

    def csv_rows(self) -> list[list]:
        return [list(FILE_COLUMNS), *self.rows()]


# The columns of the basis as finance loads it (CSV and Excel alike), in this order.
FILE_COLUMNS = ("organisation", "cost_centre", "reference", "assignment", "text", "quantity", "unit_price", "amount")


# The package whose invoicing rule a line follows: an add-on line's own add-on package, any other line its
# assignment's package (billing.rules.invoiceable_on). Read by the basis and the money page alike.
RULE_FIELDS = {
    "unit": Coalesce(F("addon__unit"), F("assignment__package__unit")),
    "package_line": Coalesce(F("addon__invoicing__package_line"), F("assignment__package__invoicing__package_line")),
    "on_cancel": Coalesce(F("addon__invoicing__on_cancel"), F("assignment__package__invoicing__on_cancel")),
}


# What a basis needs of a line, read as plain values (a month's run reads thousands of lines).
LINE_FIELDS = {
    "line_id": F("id"), "kind_": F("kind"), "text": F("description"), "quantity_": F("quantity"),
    "unit_price_": F("unit_price"), "amount_": F("amount"), "recorded": F("recorded_on"),
    "assignment_ref": F("assignment__reference"), "status": F("assignment__status"),
    "closed": Coalesce(F("assignment__closed_on"), F("assignment__status_changed_on")),
    "organisation": F("assignment__organisation__name"), **RULE_FIELDS,
    "own_cost_centre": F("assignment__invoicing__cost_centre"), "own_reference": F("assignment__invoicing__reference"),
    "org_cost_centre": F("assignment__organisation__invoicing__cost_centre"),
    "org_reference": F("assignment__organisation__invoicing__reference"),
}


def line_rows(lines) -> list[dict]:
    """The lines of a queryset as dicts of LINE_FIELDS, in basis order (assignment, then line)."""
    return list(lines.order_by("assignment__reference", "id").values(assignment_pk=F("assignment_id"), **LINE_FIELDS))


def row_details(row: dict) -> tuple[str, str]:
    """(cost centre, reference person) of a line row: the assignment's own where given, else its organisation's."""
    return (row["own_cost_centre"] or row["org_cost_centre"] or "", row["own_reference"] or row["org_reference"] or "")


def _started(assignment_ids) -> set[int]:
    return set(StatusChange.objects.filter(assignment_id__in=assignment_ids, to_status__in=STARTED_STATUSES)
               .values_list("assignment_id", flat=True).distinct())


def _invoiceable_by(row: dict, last: dt.date, started: set[int]) -> bool:
    package_line, on_cancel = package_rule(unit=row["unit"], package_line=row["package_line"],
                                           on_cancel=row["on_cancel"])
    day = invoiceable_on(kind=row["kind_"], recorded_on=row["recorded"], status=row["status"],
                         closed_on=row["closed"], package_line=package_line, on_cancel=on_cancel,
                         started=row["assignment_pk"] in started)
    return day is not None and day <= last


def basis_preview(*, month: dt.date) -> Basis:
    """What a run of `month` would put in an invoice basis now: every line not yet in a basis that is
    invoiceable on or before the month's last day, grouped per customer and cost centre, with warnings."""
    first, last = month_bounds(month)
    rows = [row for row in line_rows(BillingLine.objects.filter(locked=False, invoice_item__isnull=True))
            if row["amount_"]]
    started = _started({row["assignment_pk"] for row in rows
                        if row["kind_"] == BillingKind.PACKAGE and row["status"] == Status.CANCELLED})
    groups: dict[tuple[str, str], CustomerBasis] = {}
    for row in rows:
        if not _invoiceable_by(row, last, started):
            continue
        cost_centre, reference = row_details(row)
        key = (row["organisation"], cost_centre)
        if key not in groups:
            groups[key] = CustomerBasis(organisation=key[0], cost_centre=cost_centre, reference=reference)
        groups[key].lines.append(basis_line(row))
    customers = [groups[key] for key in sorted(groups, key=lambda k: (k[0].casefold(), k[1]))]
    return Basis(month=first, customers=customers, warnings=_warnings(customers, first, last))


def _warnings(customers: list[CustomerBasis], first: dt.date, last: dt.date) -> list[str]:
    warnings = [_("Kostnadsställe saknas för %(organisation)s.") % {"organisation": c.organisation}
                for c in customers if not c.cost_centre]
    in_month = Q(closed_on__range=(first, last))
    closed = (Assignment.objects.filter(in_month, status__in=CLOSED_STATUSES)
              .exclude(billing_lines__kind=BillingKind.PACKAGE)
              .order_by("reference").values_list("reference", flat=True))
    warnings += [_("%(reference)s är avslutat utan paketrad.") % {"reference": ref} for ref in closed]
    hourly = (Assignment.objects.filter(hours__gt=0, package__unit=PackageUnit.HOUR)
              .filter(in_month | Q(closed_on__isnull=True))
              .exclude(billing_lines__kind__in=[BillingKind.PACKAGE, BillingKind.EXTRA_HOURS])
              .order_by("reference").values_list("reference", flat=True))
    warnings += [_("%(reference)s har timmar men ingen timrad.") % {"reference": ref} for ref in hourly]
    return warnings


def basis_stored(invoice) -> Basis:
    """A confirmed basis as it was locked (its items keep what the lines said then)."""
    groups: dict[tuple[str, str], CustomerBasis] = {}
    for item in invoice.items.order_by("position"):
        key = (item.organisation, item.cost_centre)
        if key not in groups:
            groups[key] = CustomerBasis(organisation=item.organisation, cost_centre=item.cost_centre,
                                        reference=item.reference)
        groups[key].lines.append(BasisLine(
            line_id=item.line_id, assignment=item.assignment_reference, text=item.text, quantity=item.quantity,
            unit_price=item.unit_price, amount=item.amount))
    customers = [groups[key] for key in sorted(groups, key=lambda k: (k[0].casefold(), k[1]))]
    return Basis(month=invoice.month, customers=customers, warnings=[])


def bases_list(*, month: dt.date | None = None):
    """Confirmed bases, newest first, with their totals and line counts (one query)."""
    bases = InvoiceBasis.objects.annotate(total=Sum("items__amount"), lines=Count("items")).select_related(
        "confirmed_by").order_by("-month", "-number")
    return bases.filter(month=month) if month else bases


@dataclass
class LineState:
    line: BillingLine
    state: str  # Swedish, as the page shows it
    basis: InvoiceBasis | None


def assignment_invoicing(assignment: Assignment) -> dict:
    """The assignment's invoicing details (its own, or its organisation's) and each line's invoice state."""
    own = AssignmentInvoicing.objects.filter(assignment=assignment).first()
    org = OrganisationInvoicing.objects.filter(organisation_id=assignment.organisation_id).first()
    items = {item.line_id: item.basis for item in
             InvoiceItem.objects.filter(line__assignment=assignment).select_related("basis")}
    states = []
    for line in assignment.billing_lines.order_by("id"):
        basis = items.get(line.pk)
        if basis is None:
            state = _("Att fakturera")
        elif basis.status == BasisStatus.SENT:
            state = _("Fakturerad")
        else:
            state = _("I fakturaunderlag")
        states.append(LineState(line=line, state=state, basis=basis))
    cost_centre, reference = row_details({
        "own_cost_centre": own and own.cost_centre, "own_reference": own and own.reference,
        "org_cost_centre": org and org.cost_centre, "org_reference": org and org.reference})
    return {"own": own, "organisation": org, "cost_centre": cost_centre, "reference": reference, "lines": states}
