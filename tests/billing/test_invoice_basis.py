"""The monthly invoice basis: which lines a month takes, locking, credits, reopening, warnings."""
import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from assignments import services
from assignments.models import BillingKind, BillingLine, Package, PackageUnit, Status, StatusChange
from billing.models import (
    AssignmentInvoicing,
    BasisStatus,
    CancellationRule,
    InvoiceBasis,
    InvoiceItem,
    OrganisationInvoicing,
    PackageInvoicing,
)
from billing.selectors import basis_preview
from billing.services import BasisError, invoice_basis_confirm, invoice_basis_mark_sent, invoice_basis_reopen
from recruitment.roles import COORDINATOR, MANAGER
from tests.factories import AssignmentFactory, UserFactory, package

MAY = dt.date(2025, 5, 1)
pytestmark = pytest.mark.django_db


def closed(on=dt.date(2025, 5, 20), status=Status.CLOSED_HIRED, **kwargs):
    assignment = AssignmentFactory(status=status, closed_on=on, status_changed_on=on, **kwargs)
    services.billing_package_line_set(assignment=assignment)
    return assignment


def amounts(basis) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for customer in basis.customers:
        for line in customer.lines:
            out[line.assignment] = out.get(line.assignment, Decimal(0)) + line.amount
    return out


def stora_price() -> Decimal:
    return services.package_price(package=package("STORA"), on=dt.date(2025, 3, 1))


def test_a_closed_assignment_is_invoiced_in_its_closing_month_and_an_open_one_is_not():
    may = closed()
    june = closed(on=dt.date(2025, 6, 2))
    april = closed(on=dt.date(2025, 4, 30))  # not invoiced before: the May run takes it too
    open_one = AssignmentFactory(status=Status.SELECTION)
    services.billing_package_line_set(assignment=open_one)
    preview = basis_preview(month=MAY)
    assert amounts(preview) == {may.reference: stora_price(), april.reference: stora_price()}
    assert june.reference not in amounts(preview)
    assert not InvoiceItem.objects.exists() and not BillingLine.objects.filter(locked=True).exists()


def test_confirming_locks_the_lines_and_a_second_run_adds_only_what_is_new():
    first = closed()
    basis, shown = invoice_basis_confirm(month=MAY)
    assert basis.number == 1 and basis.status == BasisStatus.CONFIRMED
    assert list(basis.items.values_list("assignment_reference", "amount")) == [(first.reference, stora_price())]
    assert BillingLine.objects.get(assignment=first).locked
    again, nothing = invoice_basis_confirm(month=MAY)
    assert again is None and nothing.customers == [] and nothing.total == 0
    second = closed(on=dt.date(2025, 5, 28))
    third_run, shown = invoice_basis_confirm(month=MAY)
    assert third_run.number == 2 and amounts(shown) == {second.reference: stora_price()}


def test_a_locked_line_is_changed_by_a_credit_and_a_new_line_both_invoiced_next_time():
    assignment = closed()
    invoice_basis_confirm(month=MAY)
    with time_machine.travel(dt.datetime(2025, 6, 3, 12, tzinfo=dt.UTC)):
        services.billing_package_override(assignment=assignment, amount=Decimal("20000"), reason="Rabatt")
    lines = list(BillingLine.objects.filter(assignment=assignment).order_by("id"))
    original, credit, new = lines
    assert (original.locked, original.unit_price) == (True, stora_price())  # history stays as invoiced
    assert credit.kind == BillingKind.CREDIT and credit.credits == original and credit.amount == -stora_price()
    assert new.amount == Decimal("20000.00") and not new.locked
    assert services.invoiced_amount(assignment=assignment) == Decimal("20000.00")
    june = basis_preview(month=dt.date(2025, 6, 1))
    assert sorted(line.amount for c in june.customers for line in c.lines) == [-stora_price(), Decimal("20000.00")]


def test_removing_an_invoiced_add_on_credits_it_instead():
    assignment = closed()
    with time_machine.travel(dt.datetime(2025, 5, 5, 12, tzinfo=dt.UTC)):
        extra = services.billing_addon_add(assignment=assignment, kind=BillingKind.EXTRA_HOURS, quantity=Decimal(2))
    invoice_basis_confirm(month=MAY)
    services.billing_addon_remove(line=BillingLine.objects.get(pk=extra.pk))
    assert BillingLine.objects.filter(pk=extra.pk, locked=True).exists()
    assert BillingLine.objects.get(credits=extra).amount == -extra.amount
    with pytest.raises(ValueError):
        services.billing_addon_remove(line=BillingLine.objects.get(pk=extra.pk))  # credited once only


def test_add_ons_are_invoiced_in_the_month_they_are_recorded():
    assignment = AssignmentFactory(status=Status.INTERVIEWS)
    with time_machine.travel(dt.datetime(2025, 5, 5, 12, tzinfo=dt.UTC)):
        services.billing_addon_add(assignment=assignment, kind=BillingKind.REFERENCES, quantity=Decimal(3))
    with time_machine.travel(dt.datetime(2025, 6, 5, 12, tzinfo=dt.UTC)):
        services.billing_addon_add(assignment=assignment, kind=BillingKind.EXTRA_HOURS, quantity=Decimal(1))
    may = basis_preview(month=MAY)
    assert [line.text for c in may.customers for line in c.lines] == ["Digitala referenser"]


def test_an_hourly_package_is_invoiced_monthly_by_its_hours():
    hourly = Package.objects.filter(unit=PackageUnit.HOUR).first()
    assert PackageInvoicing.objects.get(package=hourly).package_line == "monthly"  # seeded
    assignment = AssignmentFactory(status=Status.SELECTION, package=hourly)
    with time_machine.travel(dt.datetime(2025, 5, 12, 12, tzinfo=dt.UTC)):
        services.billing_package_line_set(assignment=assignment, quantity=Decimal(10))
    assert assignment.reference in amounts(basis_preview(month=MAY))
    assert assignment.reference not in amounts(basis_preview(month=dt.date(2025, 4, 1)))


@pytest.mark.parametrize(("rule", "started", "invoiced"), [
    (CancellationRule.NOTHING, True, False),
    (CancellationRule.IF_STARTED, False, False),
    (CancellationRule.IF_STARTED, True, True),
    (CancellationRule.FULL, False, True),
])
def test_a_cancelled_assignment_follows_its_packages_cancellation_rule(rule, started, invoiced):
    PackageInvoicing.objects.filter(package=package("STORA")).update(on_cancel=rule)
    assignment = closed(status=Status.CANCELLED)
    if started:
        StatusChange.objects.create(assignment=assignment, from_status=Status.REGISTERED,
                                    to_status=Status.AD_PUBLISHED, changed_on=dt.date(2025, 4, 1))
    assert (assignment.reference in amounts(basis_preview(month=MAY))) is invoiced


def test_lines_are_grouped_per_customer_and_cost_centre_the_assignments_own_first():
    one = closed()
    two = closed(organisation=one.organisation)
    OrganisationInvoicing.objects.create(organisation=one.organisation, cost_centre="1234", reference="Eva")
    AssignmentInvoicing.objects.create(assignment=two, cost_centre="9999")
    preview = basis_preview(month=MAY)
    assert [(c.organisation, c.cost_centre, [line.assignment for line in c.lines]) for c in preview.customers] == [
        (one.organisation.name, "1234", [one.reference]), (one.organisation.name, "9999", [two.reference])]
    assert preview.customers[0].reference == "Eva"
    assert preview.warnings == []


def test_warnings_name_what_is_missing():
    no_cost_centre = closed()
    no_package_line = AssignmentFactory(status=Status.CLOSED_NOT_HIRED, closed_on=dt.date(2025, 5, 3))
    hourly = Package.objects.filter(unit=PackageUnit.HOUR).first()
    no_hour_line = AssignmentFactory(status=Status.SELECTION, package=hourly, hours=Decimal(12))
    warnings = basis_preview(month=MAY).warnings
    assert f"Kostnadsställe saknas för {no_cost_centre.organisation.name}." in warnings
    assert f"{no_package_line.reference} är avslutat utan paketrad." in warnings
    assert f"{no_hour_line.reference} har timmar men ingen timrad." in warnings


def test_only_a_manager_reopens_a_basis_with_a_reason_and_not_once_it_is_sent():
    assignment = closed()
    basis, _ = invoice_basis_confirm(month=MAY)
    coordinator, manager = UserFactory(roles=[COORDINATOR]), UserFactory(roles=[MANAGER])
    with pytest.raises(BasisError, match="chef"):
        invoice_basis_reopen(basis=basis, by=coordinator, reason="Fel pris")
    with pytest.raises(BasisError, match="skäl"):
        invoice_basis_reopen(basis=basis, by=manager, reason=" ")
    invoice_basis_reopen(basis=basis, by=manager, reason="Fel kostnadsställe")
    basis.refresh_from_db()
    assert basis.status == BasisStatus.REOPENED and basis.reopen_reason == "Fel kostnadsställe"
    assert not BillingLine.objects.get(assignment=assignment).locked
    again, shown = invoice_basis_confirm(month=MAY)
    assert amounts(shown) == {assignment.reference: stora_price()}
    invoice_basis_mark_sent(basis=again)
    with pytest.raises(BasisError, match="skickat"):
        invoice_basis_reopen(basis=again, by=manager, reason="För sent")
    assert InvoiceBasis.objects.get(pk=again.pk).items.count() == 1


def test_the_admin_neither_changes_nor_deletes_an_invoiced_line(admin_client):
    assignment = closed()
    invoice_basis_confirm(month=MAY)
    line = BillingLine.objects.get(assignment=assignment)
    form = {"assignment": assignment.pk, "kind": BillingKind.OTHER, "description": "Ändrad", "quantity": "1",
            "unit_price": "1", "override_reason": ""}
    admin_client.post(reverse("admin:assignments_billingline_change", args=[line.pk]), form)
    assert admin_client.post(reverse("admin:assignments_billingline_delete", args=[line.pk]),
                             {"post": "yes"}).status_code == 403
    line.refresh_from_db()
    assert (line.description, line.unit_price, line.locked) == (package("STORA").name, stora_price(), True)


def test_the_demo_history_counts_as_invoiced_up_to_last_month():
    from goals.demo import seed_everything
    today = dt.date(2026, 12, 4)
    seed_everything(per_year=60, today=today)
    until = dt.date(2026, 11, 30)
    locked = BillingLine.objects.filter(locked=True)
    assert locked.exists() and not locked.filter(assignment__closed_on__gt=until).exists()
    assert all(line.assignment.closed_on <= until for line in locked.select_related("assignment"))
    assert not basis_preview(month=dt.date(2026, 11, 1)).customers  # nothing old waits to be invoiced
