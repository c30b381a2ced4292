"""AssignmentTotal, kept by database triggers, equals the sum of the billing lines after every kind of write.

Runs on whichever database the suite uses: PostgreSQL (statement-level triggers) and SQLite (row-level).
"""
import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.urls import reverse

from assignments import services
from assignments.models import Assignment, AssignmentTotal, BillingKind, BillingLine
from assignments.selectors import invoiced_amount_expression
from tests.concurrent import run_in_threads
from tests.factories import AssignmentFactory

pytestmark = pytest.mark.django_db


def totals() -> dict:
    return {t.assignment_id: t.invoiced for t in AssignmentTotal.objects.all()}


def assert_totals_are_the_sums():
    """One row per assignment, equal to the list's single definition of the sum and to its sort columns."""
    expected = {
        a.pk: (a.invoiced, a.ordered_on, a.reference)
        for a in Assignment.objects.annotate(invoiced=invoiced_amount_expression())
    }
    actual = {t.assignment_id: (t.invoiced, t.ordered_on, t.reference) for t in AssignmentTotal.objects.all()}
    assert actual == expected


def line(assignment, quantity="1", unit_price="1000", kind=BillingKind.OTHER):
    return BillingLine(assignment=assignment, kind=kind, description="Rad", quantity=Decimal(quantity),
                       unit_price=Decimal(unit_price))


def test_a_new_assignment_has_a_zero_total_and_its_sort_columns():
    a = AssignmentFactory(reference="2025-0101", ordered_on=dt.date(2025, 4, 1))
    total = AssignmentTotal.objects.get(assignment=a)
    assert (total.invoiced, total.ordered_on, total.reference) == (Decimal("0"), dt.date(2025, 4, 1), "2025-0101")


def test_every_way_of_writing_lines_keeps_the_total_equal_to_the_sum():
    a, b = AssignmentFactory(), AssignmentFactory()
    Assignment.objects.bulk_create([Assignment(
        reference="2025-0900", organisation=a.organisation, lead_consultant=a.lead_consultant, package=a.package,
        role_title="Rektor", ordered_on=dt.date(2025, 5, 5),
    )])
    c = Assignment.objects.get(reference="2025-0900")
    assert_totals_are_the_sums()

    # ORM create and the services
    first = BillingLine.objects.create(assignment=a, kind=BillingKind.OTHER, description="Rad",
                                       unit_price=Decimal("1000"))
    services.billing_package_line_set(assignment=b)
    assert totals()[a.pk] == Decimal("1000")
    assert totals()[b.pk] == services.invoiced_amount(assignment=b) > 0
    assert_totals_are_the_sums()

    # bulk_create over several assignments in one statement
    BillingLine.objects.bulk_create([line(a, "2", "500"), line(b, "3", "870"), line(c, "1.5", "100.10")])
    assert totals()[a.pk] == Decimal("2000")
    assert totals()[c.pk] == Decimal("150.15")
    assert_totals_are_the_sums()

    # save() of one line, then queryset updates of the quantity and of the unit price
    first.quantity = Decimal("4")
    first.save()
    assert totals()[a.pk] == Decimal("5000")
    BillingLine.objects.filter(assignment=a).update(quantity=Decimal("2"))
    assert totals()[a.pk] == Decimal("3000")  # 2 × 1000 + 2 × 500
    BillingLine.objects.filter(assignment__in=[a, c]).update(unit_price=Decimal("10"))
    assert (totals()[a.pk], totals()[c.pk]) == (Decimal("40"), Decimal("15"))
    assert_totals_are_the_sums()

    # a line moved to another assignment changes both
    moved = BillingLine.objects.filter(assignment=c).get()
    BillingLine.objects.filter(pk=moved.pk).update(assignment=a)
    assert (totals()[a.pk], totals()[c.pk]) == (Decimal("55"), Decimal("0"))
    assert_totals_are_the_sums()

    # delete one line, then all of an assignment's lines
    first.delete()
    assert totals()[a.pk] == Decimal("35")
    BillingLine.objects.filter(assignment=b).delete()
    assert totals()[b.pk] == Decimal("0")
    assert_totals_are_the_sums()


def test_the_sort_columns_follow_the_assignment_and_its_row_goes_with_it():
    a = AssignmentFactory(reference="2025-0200", ordered_on=dt.date(2025, 1, 1))
    BillingLine.objects.bulk_create([line(a)])
    a.ordered_on = dt.date(2024, 12, 31)
    a.save()
    Assignment.objects.filter(pk=a.pk).update(reference="2024-0999")
    assert_totals_are_the_sums()
    assert AssignmentTotal.objects.get(assignment=a).reference == "2024-0999"

    kept = AssignmentFactory()
    BillingLine.objects.bulk_create([line(kept, unit_price="5")])
    a.delete()  # its lines first (cascade), then the assignment
    assert totals() == {kept.pk: Decimal("5")}
    assert_totals_are_the_sums()


def test_the_list_sorts_by_the_total_with_the_usual_tie_breakers(client, manager):
    AssignmentFactory(reference="2025-0001", ordered_on=dt.date(2025, 1, 1))  # no lines: 0
    made = {
        ref: AssignmentFactory(reference=ref, ordered_on=day) for ref, day in (
            ("2024-0001", dt.date(2024, 1, 1)), ("2025-0002", dt.date(2025, 2, 1)),
            ("2025-0003", dt.date(2025, 2, 1)), ("2023-0001", dt.date(2023, 1, 1)),
        )
    }
    BillingLine.objects.bulk_create([line(a, "2" if ref == "2023-0001" else "1") for ref, a in made.items()])
    client.force_login(manager)
    rows = client.get(reverse("assignments:list"), {"o": "invoiced"}).context["assignments"]
    # ties (1000 kr): the newest order date first, then the newest reference, as in every other sort
    assert [(r["reference"], r["invoiced"]) for r in rows] == [
        ("2025-0001", Decimal("0")), ("2025-0003", Decimal("1000")), ("2025-0002", Decimal("1000")),
        ("2024-0001", Decimal("1000")), ("2023-0001", Decimal("2000")),
    ]
    rows = client.get(reverse("assignments:list"), {"o": "-invoiced"}).context["assignments"]
    assert [r["reference"] for r in rows] == ["2023-0001", "2025-0003", "2025-0002", "2024-0001", "2025-0001"]


def test_the_triggers_exist_for_this_database():
    from assignments import totals as triggers

    expected = triggers.POSTGRESQL_TRIGGERS if connection.vendor == "postgresql" else len(triggers.SQLITE)
    assert triggers.triggers_found(connection) == expected == (7 if connection.vendor == "postgresql" else 6)


def test_the_system_check_names_missing_triggers():
    from assignments import totals as triggers
    from assignments.checks import assignment_total_triggers

    assert assignment_total_triggers(databases=["default"]) == []
    with connection.cursor() as cursor:  # undone with the test's transaction on PostgreSQL
        cursor.execute("DROP TRIGGER assignments_total_line_insert"
                       + (" ON assignments_billingline" if connection.vendor == "postgresql" else ""))
    errors = assignment_total_triggers(databases=["default"])
    assert [e.id for e in errors] == ["assignments.E001"]
    if connection.vendor == "sqlite":  # DDL is not undone there: put the trigger back
        triggers.install(connection)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_truncating_the_lines_sums_every_total_again():
    a = AssignmentFactory()
    BillingLine.objects.bulk_create([line(a, unit_price="500"), line(a, unit_price="700")])
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE refuses pending foreign-key checks
        cursor.execute("TRUNCATE assignments_billingline")
    assert_totals_are_the_sums()
    assert AssignmentTotal.objects.get(assignment=a).invoiced == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_transactions_adding_lines_at_once_both_count():
    """T1 adds a line and stays open; T2 adds one to the same assignment and waits for T1's lock. When
    T1 commits, T2's sum must see T1's line (it is summed in a statement after the lock)."""
    a = AssignmentFactory()
    first_in = threading.Event()

    def first():
        with transaction.atomic():
            line(a, unit_price="10").save()
            first_in.set()
            threading.Event().wait(0.7)  # the second transaction waits meanwhile

    def second():
        first_in.wait(timeout=5)
        with transaction.atomic():
            line(a, unit_price="1").save()

    errors = run_in_threads(first, second)
    assert not errors, errors
    assert AssignmentTotal.objects.get(assignment=a).invoiced == Decimal("11.00")
    assert_totals_are_the_sums()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_adding_a_line_while_the_assignment_is_edited_does_not_deadlock():
    """The add-on path (a new line, its foreign key checked at commit) against the edit path (the
    assignment locked for update, then its order date changed): they must queue, not deadlock."""
    a = AssignmentFactory(ordered_on=dt.date(2025, 3, 1))
    added = threading.Event()

    def add_on():
        with transaction.atomic():
            line(a, unit_price="870").save()
            added.set()
            threading.Event().wait(0.7)

    def edit():
        added.wait(timeout=5)
        with transaction.atomic():
            locked = Assignment.objects.select_for_update().get(pk=a.pk)
            locked.ordered_on = dt.date(2025, 3, 2)
            locked.save(update_fields=["ordered_on"])

    errors = run_in_threads(add_on, edit)
    assert not errors, errors
    total = AssignmentTotal.objects.get(assignment=a)
    assert (total.invoiced, total.ordered_on) == (Decimal("870.00"), dt.date(2025, 3, 2))
