"""Writes to the register: every change that touches more than one row lives here."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models import DecimalField, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    WITHOUT_LEAD_STATUSES,
    Assignment,
    BillingKind,
    BillingLine,
    Hire,
    OrderAs,
    Package,
    PackagePrice,
    PackageUnit,
    ReferenceCounter,
    Status,
    StatusChange,
)

# Sent after a status change has been committed: surveys listens to schedule or
# cancel invitations, so the register never imports survey code.
assignment_status_changed = Signal()  # kwargs: assignment_id, from_status, to_status
hire_changed = Signal()  # kwargs: hire_id, assignment_id, removed
assignment_registered = Signal()  # kwargs: assignment_id, reference; a registration by hand, in its transaction


class TransitionError(Exception):
    """A status move that the rules do not allow."""


class EditConflict(Exception):
    """Someone else saved the assignment after it was opened for editing."""


def today() -> dt.date:
    return timezone.localdate()


# --- prices -----------------------------------------------------------------

def package_price(*, package: Package, on: dt.date) -> Decimal | None:
    """The package's price valid on a date: the latest price set for that year or earlier."""
    price = (
        PackagePrice.objects.filter(package=package, year__lte=on.year).order_by("-year").values_list(
            "price_sek", flat=True
        ).first()
    )
    return price


def code_price(*, code: str, on: dt.date) -> Decimal | None:
    package = Package.objects.filter(code=code).first()
    return package_price(package=package, on=on) if package else None


# --- references ---------------------------------------------------------------

def reference_next(*, year: int) -> str:
    """Hand out the next reference of a year (`2026-0143`).

    The counter row is locked for the rest of the caller's transaction, so two
    coordinators saving at the same moment get different numbers.
    """
    with transaction.atomic():
        ReferenceCounter.objects.get_or_create(year=year)
        counter = ReferenceCounter.objects.select_for_update().get(year=year)
        counter.last = F("last") + 1
        counter.save(update_fields=["last"])
        counter.refresh_from_db(fields=["last"])
        return f"{year}-{counter.last:04d}"


def reference_seen(*, reference: str) -> None:
    """Keep the counter ahead of imported references such as `2024-0039`."""
    year, _sep, number = reference.partition("-")
    if not (year.isdigit() and number.isdigit() and len(year) == 4):
        return
    ReferenceCounter.objects.get_or_create(year=int(year))
    ReferenceCounter.objects.filter(year=int(year), last__lt=int(number)).update(last=int(number))


# --- billing ------------------------------------------------------------------
# An assignment's invoiced total is the sum of its billing lines. Every write of lines goes through
# these functions (or, in bulk, calls billing_totals_refresh in its transaction), which keep
# Assignment.invoiced_total while they hold the assignment's lock.

TOTALS_CHUNK = 2000  # assignments per UPDATE of the bulk refresh


def _assignment_lock(assignment_id: int) -> None:
    """Lock the assignment's row for the rest of the transaction: billing writes queue behind it."""
    Assignment.objects.select_for_update().filter(pk=assignment_id).values_list("pk", flat=True).get()


def billing_totals_refresh(*, assignment_ids: Iterable[int]) -> None:
    """Set each assignment's invoiced total to the sum of its billing lines, 0 without lines.

    The one definition of the total. The assignments are locked first, in id order (so that two
    callers never deadlock), and summed in a statement after the lock: its snapshot sees the lines
    of every transaction that held the lock before. One UPDATE per chunk, whatever the number of
    lines.
    """
    ids = sorted(set(assignment_ids))
    line_sum = (
        BillingLine.objects.filter(assignment=OuterRef("pk")).order_by().values("assignment")
        .annotate(total=Sum("amount")).values("total")
    )
    money = DecimalField(max_digits=14, decimal_places=2)
    with transaction.atomic():
        for start in range(0, len(ids), TOTALS_CHUNK):
            chunk = ids[start:start + TOTALS_CHUNK]
            list(Assignment.objects.select_for_update().filter(pk__in=chunk).order_by("pk").values_list("pk"))
            Assignment.objects.filter(pk__in=chunk).update(
                invoiced_total=Coalesce(Subquery(line_sum, output_field=money), Value(Decimal("0")),
                                        output_field=money),
            )


def billing_total_refresh(*, assignment: Assignment) -> Decimal:
    """Sum one assignment's lines into its total, and give the instance the new value."""
    billing_totals_refresh(assignment_ids=[assignment.pk])
    assignment.refresh_from_db(fields=["invoiced_total"])
    return assignment.invoiced_total


def billing_package_line_set(
    *, assignment: Assignment, amount: Decimal | None = None, quantity: Decimal | None = None,
    override_reason: str = "",
) -> BillingLine:
    """Create or replace the package line at the price valid on the order date.

    `amount` overrides the catalogue price (a reason is required when it
    differs). For hourly packages `quantity` is the billed hours.
    """
    package = assignment.package
    catalogue = package_price(package=package, on=assignment.ordered_on)
    qty = Decimal(quantity) if quantity is not None else Decimal("1")
    if amount is not None:
        unit_price = (Decimal(amount) / qty).quantize(Decimal("0.01")) if qty else Decimal(amount)
        if qty and unit_price * qty != Decimal(amount):
            # keep the billed total exact when it does not divide evenly
            qty, unit_price = Decimal("1"), Decimal(amount)
    elif catalogue is not None:
        unit_price = catalogue
    else:
        unit_price = Decimal("0")
    if catalogue is not None and unit_price != catalogue and not override_reason:
        override_reason = _("Avvikande pris")
    reason = override_reason if catalogue is None or unit_price != catalogue else ""
    with transaction.atomic():
        _assignment_lock(assignment.pk)
        # the package line itself, not the monthly lines of reported hours (assignments.hours)
        line = _current_lines(assignment).filter(kind=BillingKind.PACKAGE, hours_month__isnull=True).first()
        if line is not None and line.locked:
            if (line.description, line.quantity, line.unit_price) == (package.name, qty, unit_price):
                return line  # invoiced as it stands
            _credit(line)
            line = None
        if line is None:
            line = BillingLine(assignment=assignment, kind=BillingKind.PACKAGE, recorded_on=today())
        line.description = package.name
        line.quantity = qty
        line.unit_price = unit_price
        line.override_reason = reason
        line.save()
        billing_total_refresh(assignment=assignment)
    return line


def _current_lines(assignment: Assignment):
    """The lines that bill something today: not credit lines, and not lines a credit has cancelled."""
    return assignment.billing_lines.exclude(kind=BillingKind.CREDIT).filter(credited_by__isnull=True)


def _credit(line: BillingLine) -> BillingLine:
    """Cancel an invoiced (locked) line with a credit line of the opposite amount; the caller holds the lock."""
    return BillingLine.objects.create(
        assignment_id=line.assignment_id, kind=BillingKind.CREDIT, credits=line, recorded_on=today(),
        description=_("Kreditering: %(line)s") % {"line": line.description},
        quantity=-line.quantity, unit_price=line.unit_price,
    )


def billing_line_credit(*, line: BillingLine) -> BillingLine:
    """Credit an invoiced line: a negative line, invoiced next time; the line itself stays as it was."""
    with transaction.atomic():
        _assignment_lock(line.assignment_id)
        line = BillingLine.objects.get(pk=line.pk)
        if line.kind == BillingKind.CREDIT or line.credited_by.exists():
            raise ValueError(_("Raden är redan krediterad."))
        credit = _credit(line)
        billing_totals_refresh(assignment_ids=[line.assignment_id])
    return credit


ADDON_CODES = {BillingKind.EXTRA_HOURS: "OVRIG", BillingKind.REFERENCES: "REFERENS"}


def addon_packages():
    """The add-on packages a line of kind ADDON can bill: those offered as add-ons (`order_as`) and priced per
    assignment. Per-candidate add-ons are REFERENCES lines and hours EXTRA_HOURS lines, counted as they happen."""
    return Package.objects.filter(order_as=OrderAs.ADDON, unit=PackageUnit.ASSIGNMENT)


def billing_addon_add(*, assignment: Assignment, kind: str, quantity: Decimal,
                      package: Package | None = None) -> BillingLine:
    """Add extra hours (that year's hourly price), digital references (per candidate), or an add-on package
    (`kind` ADDON with `package`, e.g. Searchpaket: its price in the order year)."""
    if kind == BillingKind.ADDON:
        if package is None or not addon_packages().filter(pk=package.pk).exists():
            raise ValueError(_("Välj ett tilläggspaket."))
        price, name = package_price(package=package, on=assignment.ordered_on), package.name
    else:
        package = None
        code = ADDON_CODES[kind]
        price, name = code_price(code=code, on=assignment.ordered_on), code
    if price is None:
        raise ValueError(_("Det finns inget pris för %(code)s år %(year)s.") % {
            "code": name, "year": assignment.ordered_on.year})
    with transaction.atomic():
        _assignment_lock(assignment.pk)
        line = BillingLine.objects.create(
            assignment=assignment, kind=kind, quantity=quantity, unit_price=price, addon=package,
            description=package.name if package else str(BillingKind(kind).label), recorded_on=today(),
        )
        billing_total_refresh(assignment=assignment)
    return line


def billing_line_remove(*, line: BillingLine) -> None:
    """Remove a billing line and take its amount off the assignment's total.

    An invoiced (locked) line is not removed: it is credited, so that history stays as invoiced.
    """
    with transaction.atomic():
        _assignment_lock(line.assignment_id)
        line = BillingLine.objects.get(pk=line.pk)
        if line.kind == BillingKind.CREDIT:
            raise ValueError(_("En kreditering kan inte tas bort."))
        if line.locked:
            if line.credited_by.exists():
                raise ValueError(_("Raden är redan krediterad."))
            _credit(line)
        else:
            line.delete()
        billing_totals_refresh(assignment_ids=[line.assignment_id])


def invoiced_amount(*, assignment: Assignment) -> Decimal:
    """The assignment's invoiced amount as stored (the sum of its lines, kept by the services above)."""
    return Assignment.objects.filter(pk=assignment.pk).values_list("invoiced_total", flat=True).get()


def billing_package_override(*, assignment: Assignment, amount: Decimal, reason: str) -> BillingLine:
    """Bill the package at another price than the catalogue's, with the reason kept on the line."""
    if not reason.strip():
        raise ValueError(_("Ange ett skäl till det avvikande priset."))
    return billing_package_line_set(assignment=assignment, amount=amount, override_reason=reason.strip())


def billing_package_reset(*, assignment: Assignment) -> BillingLine:
    """Back to the catalogue price valid on the order date."""
    return billing_package_line_set(assignment=assignment)


def billing_addon_remove(*, line: BillingLine) -> None:
    """Remove an add-on line; the package line stays (override it instead)."""
    if line.kind == BillingKind.PACKAGE:
        raise ValueError(_("Paketraden kan inte tas bort."))
    billing_line_remove(line=line)


# --- status -------------------------------------------------------------------

def assignment_change_status(
    *, assignment: Assignment, to_status: str, by=None, on: dt.date | None = None,
    require_hire: bool = True,
) -> Assignment:
    """Move an assignment to a new status if the rules allow it, and record the move."""
    on = on or today()
    with transaction.atomic():
        locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
        from_status = locked.status
        if to_status == from_status:
            return locked
        if not locked.can_move_to(to_status):
            raise TransitionError(
                _("Uppdraget kan inte gå från %(a)s till %(b)s.")
                % {"a": Status(from_status).label, "b": Status(to_status).label}
            )
        if locked.lead_consultant_id is None and to_status not in WITHOUT_LEAD_STATUSES:
            raise TransitionError(_("Välj en ansvarig konsult innan uppdraget får status %(b)s.")
                                  % {"b": Status(to_status).label})
        if to_status == Status.CLOSED_HIRED and require_hire and not locked.hires.exists():
            raise TransitionError(_("Registrera minst en tillsättning innan uppdraget avslutas med tillsättning."))
        locked.status = to_status
        locked.status_changed_on = on
        if to_status in (Status.CLOSED_HIRED, Status.CLOSED_NOT_HIRED, Status.CANCELLED):
            locked.closed_on = on
        else:
            locked.closed_on = None
        locked.version += 1  # the row is locked, so a plain increment is safe
        if by is not None:
            locked._history_user = by
        locked.save(update_fields=["status", "status_changed_on", "closed_on", "version", "updated_at"])
        locked.refresh_from_db()
        StatusChange.objects.create(
            assignment=locked, from_status=from_status, to_status=to_status, changed_on=on, changed_by=by,
            announced=True,
        )
        transaction.on_commit(
            lambda: assignment_status_changed.send(
                sender=Assignment, assignment_id=locked.pk, from_status=from_status, to_status=to_status
            )
        )
    return locked


def assignment_change_status_with_hire(
    *, assignment: Assignment, to_status: str, on: dt.date, by=None,
    hire_name: str = "", hire_email: str = "", hire_start_date: dt.date | None = None,
) -> Assignment:
    """Change status; when closing with a hire and a hire is given, add it first (one transaction)."""
    with transaction.atomic():
        if to_status == Status.CLOSED_HIRED and hire_name:
            hire_add(
                assignment=assignment, name=hire_name, email=hire_email, start_date=hire_start_date
            )
        return assignment_change_status(assignment=assignment, to_status=to_status, by=by, on=on)


# --- hires --------------------------------------------------------------------

def hire_add(*, assignment: Assignment, name: str, email: str = "", start_date: dt.date | None = None) -> Hire:
    with transaction.atomic():
        hire = Hire.objects.create(assignment=assignment, name=name, email=email, start_date=start_date)
        transaction.on_commit(
            lambda: hire_changed.send(sender=Hire, hire_id=hire.pk, assignment_id=assignment.pk, removed=False)
        )
    return hire


def hire_update(*, hire: Hire, name: str, email: str, start_date: dt.date | None) -> Hire:
    """Change a hire; once its candidate survey is over, its e-mail is not kept again."""
    with transaction.atomic():
        if Hire.objects.filter(pk=hire.pk, candidate_survey_done=True).exists():
            email = ""
        hire.name, hire.email, hire.start_date = name, email, start_date
        hire.save(update_fields=["name", "email", "start_date"])
        transaction.on_commit(
            lambda: hire_changed.send(sender=Hire, hire_id=hire.pk, assignment_id=hire.assignment_id, removed=False)
        )
    return hire


def hire_remove(*, hire: Hire) -> None:
    with transaction.atomic():
        hire_id, assignment_id = hire.pk, hire.assignment_id
        # Let listeners cancel what depends on the hire before it goes.
        hire_changed.send(sender=Hire, hire_id=hire_id, assignment_id=assignment_id, removed=True)
        hire.delete()


def hire_remove_checked(*, hire: Hire) -> None:
    """Remove a hire, but never the last one of an assignment closed with a hire."""
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().get(pk=hire.assignment_id)
        if assignment.status == Status.CLOSED_HIRED and assignment.hires.count() <= 1:
            raise ValueError(_(
                "Uppdraget är avslutat med tillsättning. Byt status innan den sista tillsättningen tas bort."
            ))
        hire_remove(hire=hire)


# --- create and edit (the browser forms) --------------------------------------

# Fields a coordinator or consultant edits in the assignment form (co_consultants is m2m, set separately).
EDITABLE_FIELDS = [
    "organisation", "contact", "sector", "role_title", "role_level", "lead_consultant", "project",
    "redo_of", "package", "ordered_on", "applicants", "personal_letter", "screening",
    "screened_candidates", "search_used", "hours", "surveys_enabled", "no_survey_reason", "notes",
]


def assignment_create(*, data: dict, co_consultants=(), by=None, status: str = Status.REGISTERED) -> Assignment:
    """Register an assignment: next reference of the order year, and its package line.

    `data` maps EDITABLE_FIELDS to values. The reference counter row stays locked
    until the whole registration commits, so references never collide or skip.
    `status` is the first status: registered, or incoming for an order from the e-service
    (which has no lead consultant yet).
    """
    with transaction.atomic():
        assignment = Assignment(**{k: v for k, v in data.items() if k in EDITABLE_FIELDS}, status=status)
        assignment.reference = reference_next(year=assignment.ordered_on.year)
        assignment.status_changed_on = today()
        if by is not None:
            assignment._history_user = by
        assignment.save()
        if co_consultants:
            assignment.co_consultants.set(co_consultants)
        billing_package_line_set(assignment=assignment)
        StatusChange.objects.create(
            assignment=assignment, from_status="", to_status=assignment.status,
            changed_on=assignment.status_changed_on, changed_by=by,
        )
        if assignment.status == Status.REGISTERED:
            assignment_registered.send(sender=Assignment, assignment_id=assignment.pk,
                                       reference=assignment.reference)
    return assignment


def assignment_update(
    *, assignment: Assignment, data: dict, co_consultants=None, expected_version: int, by=None
) -> Assignment:
    """Save edited fields unless someone saved since `expected_version`.

    Raises EditConflict and writes nothing when the version is stale.
    A new package or order date re-prices the package line from the catalogue.
    """
    with transaction.atomic():
        before = Assignment.objects.filter(pk=assignment.pk).values("package_id", "ordered_on").get()
        for field, value in data.items():
            if field in EDITABLE_FIELDS:
                setattr(assignment, field, value)
        assignment_save_with_version(
            assignment=assignment, expected_version=expected_version, fields=EDITABLE_FIELDS, by=by
        )
        if co_consultants is not None:
            current = set(assignment.co_consultants.values_list("pk", flat=True))
            wanted = {c.pk for c in co_consultants}
            if current != wanted:
                assignment.co_consultants.set(co_consultants)
        if (before["package_id"], before["ordered_on"]) != (assignment.package_id, assignment.ordered_on):
            billing_package_line_set(assignment=assignment)
    return assignment


# --- edit with conflict check -------------------------------------------------

def assignment_save_with_version(*, assignment: Assignment, expected_version: int, fields: list[str], by=None):
    """Save edited fields only if nobody saved since `expected_version` was read."""
    with transaction.atomic():
        current = Assignment.objects.select_for_update().only("version").get(pk=assignment.pk)
        if current.version != expected_version:
            raise EditConflict(
                _("Någon annan har sparat uppdraget medan du redigerade. Ladda om sidan och gör om ändringen.")
            )
        assignment.version = expected_version + 1
        if by is not None:
            assignment._history_user = by
        assignment.save(update_fields=[*fields, "version", "updated_at"])
    return assignment
