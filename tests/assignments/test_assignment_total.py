"""Assignment.invoiced_total equals the sum of the billing lines after every write the register makes.

The billing services keep it while they hold the assignment's lock (services.billing_totals_refresh);
no database trigger does. Runs on whichever database the suite uses; the concurrency tests need
PostgreSQL.
"""
import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.urls import reverse

from assignments import services
from assignments.models import Assignment, BillingKind, BillingLine
from tests.concurrent import run_in_threads
from tests.factories import AssignmentFactory
from tests.test_no_triggers import database_triggers

from .importing_helpers import csv_bytes, row

pytestmark = pytest.mark.django_db

MIGRATION = ("assignments", "0014_invoiced_total_column")  # the one that moved the total out of triggers


def totals() -> dict:
    return dict(Assignment.objects.values_list("pk", "invoiced_total"))


def sums_of_the_lines() -> dict:
    """Each assignment's lines added up in Python, 0 without lines: what the total must be."""
    sums = {pk: Decimal("0") for pk in Assignment.objects.values_list("pk", flat=True)}
    for assignment_id, amount in BillingLine.objects.values_list("assignment_id", "amount"):
        sums[assignment_id] += amount
    return sums


def assert_totals_are_the_sums():
    assert totals() == sums_of_the_lines()


def line(assignment, quantity="1", unit_price="1000", kind=BillingKind.OTHER):
    return BillingLine(assignment=assignment, kind=kind, description="Rad", quantity=Decimal(quantity),
                       unit_price=Decimal(unit_price))


def test_a_new_assignment_has_a_zero_total():
    a = AssignmentFactory(reference="2025-0101", ordered_on=dt.date(2025, 4, 1))
    assert totals() == {a.pk: Decimal("0")}


def test_every_billing_service_keeps_the_total_equal_to_the_sum():
    a, b = AssignmentFactory(ordered_on=dt.date(2025, 2, 1)), AssignmentFactory(ordered_on=dt.date(2025, 2, 1))

    services.billing_package_line_set(assignment=a)
    assert totals()[a.pk] == Decimal("27000") and a.invoiced_total == Decimal("27000")
    extra = services.billing_addon_add(assignment=a, kind=BillingKind.EXTRA_HOURS, quantity=Decimal("3"))
    services.billing_addon_add(assignment=b, kind=BillingKind.REFERENCES, quantity=Decimal("2"))
    assert (totals()[a.pk], totals()[b.pk]) == (Decimal("29610"), Decimal("800"))
    assert_totals_are_the_sums()

    services.billing_package_override(assignment=a, amount=Decimal("20000"), reason="Rabatt")
    assert totals()[a.pk] == Decimal("22610")
    services.billing_addon_remove(line=extra)
    assert totals()[a.pk] == Decimal("20000")
    services.billing_package_reset(assignment=a)
    assert totals()[a.pk] == Decimal("27000")
    assert_totals_are_the_sums()


def test_registering_and_repricing_an_assignment_keep_the_total(coordinator):
    template = AssignmentFactory()
    data = {field: getattr(template, field) for field in services.EDITABLE_FIELDS if hasattr(template, field)}
    data["ordered_on"] = dt.date(2024, 6, 1)
    a = services.assignment_create(data=data, by=coordinator)
    assert totals()[a.pk] == Decimal("25000")  # STORA at its 2023 price

    services.assignment_update(assignment=a, data={"ordered_on": dt.date(2025, 1, 10)},
                                    expected_version=a.version, by=coordinator)
    assert totals()[a.pk] == Decimal("27000")
    assert_totals_are_the_sums()


def test_saving_an_instance_read_before_a_line_changed_keeps_the_new_total():
    a = AssignmentFactory()
    stale = Assignment.objects.get(pk=a.pk)
    services.billing_package_line_set(assignment=a)
    stale.role_title = "Rektor"
    stale.save()
    assert Assignment.objects.values_list("role_title", "invoiced_total").get(pk=a.pk) == ("Rektor", Decimal("27000"))


def test_the_bulk_refresh_sums_every_touched_assignment_in_one_update(django_assert_num_queries):
    a, b, c = AssignmentFactory(), AssignmentFactory(), AssignmentFactory()
    BillingLine.objects.bulk_create([line(a, "2", "500"), line(b, "3", "870"), line(a, "1.5", "100.10")])
    Assignment.objects.filter(pk=c.pk).update(invoiced_total=Decimal("99"))  # a total its lines no longer give

    # savepoint, lock, one UPDATE, release
    with django_assert_num_queries(4):
        services.billing_totals_refresh(assignment_ids=[c.pk, a.pk, b.pk, a.pk])
    assert totals() == {a.pk: Decimal("1150.15"), b.pk: Decimal("2610"), c.pk: Decimal("0")}
    assert_totals_are_the_sums()


def test_the_import_keeps_the_total_when_it_creates_and_replaces_lines():
    from assignments.importing import assignments_import
    from tests.factories import ConsultantFactory

    ConsultantFactory(email="konsult01@rekrytering.example.se")

    def run(rows):
        report = assignments_import(file=csv_bytes(rows), filename="fil.csv", create_consultants=True,
                                    dry_run=False)
        assert report.ok, report.error_lines

    run([row(price_sek="25000"), row(reference="2024-0002", price_sek="", extra_hours="5", references="3")])
    by_reference = dict(Assignment.objects.values_list("reference", "invoiced_total"))
    assert by_reference == {"2024-0001": Decimal("25000"), "2024-0002": Decimal("25000") + 5 * 870 + 3 * 400}

    run([row(price_sek="26000"), row(reference="2024-0002", price_sek="", extra_hours="1")])
    by_reference = dict(Assignment.objects.values_list("reference", "invoiced_total"))
    assert by_reference == {"2024-0001": Decimal("26000"), "2024-0002": Decimal("25870")}
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
    services.billing_totals_refresh(assignment_ids=[a.pk for a in made.values()])
    client.force_login(manager)
    rows = client.get(reverse("assignments:list"), {"o": "invoiced"}).context["assignments"]
    # ties (1000 kr): the newest order date first, then the newest reference, as in every other sort
    assert [(r["reference"], r["invoiced"]) for r in rows] == [
        ("2025-0001", Decimal("0")), ("2025-0003", Decimal("1000")), ("2025-0002", Decimal("1000")),
        ("2024-0001", Decimal("1000")), ("2023-0001", Decimal("2000")),
    ]
    rows = client.get(reverse("assignments:list"), {"o": "-invoiced"}).context["assignments"]
    assert [r["reference"] for r in rows] == ["2023-0001", "2025-0003", "2025-0002", "2024-0001", "2025-0001"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_transactions_adding_lines_at_once_both_count():
    """T1 adds a line and stays open; T2 adds one to the same assignment and waits for T1's lock. When
    T1 commits, T2's sum must see T1's line (it is summed in a statement after the lock)."""
    a = AssignmentFactory(ordered_on=dt.date(2025, 2, 1))
    first_in = threading.Event()

    def first():
        with transaction.atomic():
            services.billing_addon_add(assignment=a, kind=BillingKind.EXTRA_HOURS, quantity=Decimal("1"))
            first_in.set()
            threading.Event().wait(0.7)  # the second transaction waits meanwhile

    def second():
        first_in.wait(timeout=5)
        with transaction.atomic():
            services.billing_addon_add(assignment=a, kind=BillingKind.REFERENCES, quantity=Decimal("1"))

    errors = run_in_threads(first, second)
    assert not errors, errors
    assert totals()[a.pk] == Decimal("1270.00")  # 870 + 400
    assert_totals_are_the_sums()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_bulk_write_and_a_line_edit_at_once_lose_no_update():
    """An import-like bulk write (lines first, then the refresh) of one assignment while a coordinator
    removes another of its lines: whichever sums last sees both changes."""
    a = AssignmentFactory(ordered_on=dt.date(2025, 2, 1))
    services.billing_package_line_set(assignment=a)
    extra = services.billing_addon_add(assignment=a, kind=BillingKind.EXTRA_HOURS, quantity=Decimal("2"))
    removed = threading.Event()

    def remove():
        with transaction.atomic():
            services.billing_addon_remove(line=extra)
            removed.set()
            threading.Event().wait(0.7)

    def bulk():
        removed.wait(timeout=5)
        with transaction.atomic():
            BillingLine.objects.bulk_create([line(a, "1", "50"), line(a, "1", "25")])
            services.billing_totals_refresh(assignment_ids=[a.pk])

    errors = run_in_threads(remove, bulk)
    assert not errors, errors
    assert totals()[a.pk] == Decimal("27075.00")
    assert_totals_are_the_sums()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_adding_a_line_while_the_assignment_is_edited_does_not_deadlock():
    """The add-on path (the assignment locked, a line added) against the edit path (the assignment
    locked for update, then its order date changed): they must queue, not deadlock."""
    a = AssignmentFactory(ordered_on=dt.date(2025, 3, 1))
    added = threading.Event()

    def add_on():
        with transaction.atomic():
            services.billing_addon_add(assignment=a, kind=BillingKind.EXTRA_HOURS, quantity=Decimal("1"))
            added.set()
            threading.Event().wait(0.7)

    def edit():
        added.wait(timeout=5)
        with transaction.atomic():
            locked = Assignment.objects.select_for_update().get(pk=a.pk)
            locked.ordered_on = dt.date(2025, 3, 2)
            locked.save()  # a full save: it leaves the total to the billing services

    errors = run_in_threads(add_on, edit)
    assert not errors, errors
    assert Assignment.objects.values_list("invoiced_total", "ordered_on").get(pk=a.pk) == (
        Decimal("870.00"), dt.date(2025, 3, 2))


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_total_from_the_lines_and_backwards_brings_the_triggers_back():
    """0013 backwards restores 0007's table and triggers (they keep the old total); forwards drops
    them and fills the new column from the lines."""
    from django.db.migrations.executor import MigrationExecutor

    a, b = AssignmentFactory(), AssignmentFactory()
    BillingLine.objects.bulk_create([line(a, "2", "500"), line(a, "1", "5.50")])
    executor = MigrationExecutor(connection)
    [before] = [p for p in executor.loader.graph.node_map[MIGRATION].parents if p.key[0] == "assignments"]
    before = before.key
    executor.migrate([before])
    try:
        old = executor.loader.project_state(before).apps
        assert dict(old.get_model("assignments", "AssignmentTotal").objects.values_list("assignment_id", "invoiced")) \
            == {a.pk: Decimal("1005.50"), b.pk: Decimal("0")}
        old.get_model("assignments", "BillingLine").objects.create(
            assignment_id=b.pk, kind="other", description="Rad", quantity=Decimal("1"), unit_price=Decimal("7"))
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert totals() == {a.pk: Decimal("1005.50"), b.pk: Decimal("7.00")}
    assert database_triggers() == []


def test_lines_edited_in_the_admin_count_in_the_total(admin_client):
    a, b = AssignmentFactory(), AssignmentFactory()
    form = {"assignment": a.pk, "kind": BillingKind.OTHER, "description": "Rad", "quantity": "2",
            "unit_price": "300", "override_reason": ""}
    response = admin_client.post(reverse("admin:assignments_billingline_add"), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    added = BillingLine.objects.get()
    assert totals() == {a.pk: Decimal("600"), b.pk: Decimal("0")}

    # moved to another assignment: both totals follow
    admin_client.post(reverse("admin:assignments_billingline_change", args=[added.pk]), {**form, "assignment": b.pk})
    assert totals() == {a.pk: Decimal("0"), b.pk: Decimal("600")}

    admin_client.post(reverse("admin:assignments_billingline_delete", args=[added.pk]), {"post": "yes"})
    assert not BillingLine.objects.exists()
    assert totals() == {a.pk: Decimal("0"), b.pk: Decimal("0")}
