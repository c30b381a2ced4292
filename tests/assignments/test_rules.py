"""Status transitions, references and billing sums."""
import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection

from assignments import services
from assignments.models import ALLOWED_MOVES, Assignment, BillingKind, Status
from tests.factories import AssignmentFactory, HireFactory, package


@pytest.mark.django_db
class TestTransitions:
    def test_it_moves_forward_and_records_the_date(self):
        a = AssignmentFactory()
        a = services.assignment_change_status(assignment=a, to_status=Status.START_MEETING, on=dt.date(2025, 3, 5))
        assert a.status == Status.START_MEETING
        assert a.status_changed_on == dt.date(2025, 3, 5)
        change = a.status_changes.get()
        assert (change.from_status, change.to_status, change.changed_on) == (
            Status.REGISTERED, Status.START_MEETING, dt.date(2025, 3, 5))

    def test_it_refuses_a_move_not_in_the_table(self):
        a = AssignmentFactory(status=Status.CANCELLED)
        with pytest.raises(services.TransitionError):
            services.assignment_change_status(assignment=a, to_status=Status.INTERVIEWS)
        a.refresh_from_db()
        assert a.status == Status.CANCELLED
        assert not a.status_changes.exists()

    def test_it_needs_a_hire_to_close_with_hire(self):
        a = AssignmentFactory(status=Status.REFERENCES)
        with pytest.raises(services.TransitionError):
            services.assignment_change_status(assignment=a, to_status=Status.CLOSED_HIRED)
        HireFactory(assignment=a)
        a = services.assignment_change_status(assignment=a, to_status=Status.CLOSED_HIRED, on=dt.date(2025, 5, 2))
        assert a.closed_on == dt.date(2025, 5, 2)

    def test_reopening_clears_the_closing_date(self):
        a = AssignmentFactory(status=Status.CLOSED_NOT_HIRED, closed_on=dt.date(2025, 5, 2))
        a = services.assignment_change_status(assignment=a, to_status=Status.REFERENCES)
        assert a.closed_on is None

    def test_the_table_allows_one_step_back_but_not_two(self):
        assert Status.SELECTION in ALLOWED_MOVES[Status.INTERVIEWS]
        assert Status.AD_PUBLISHED not in ALLOWED_MOVES[Status.INTERVIEWS]
        assert ALLOWED_MOVES[Status.CANCELLED] == {Status.REGISTERED}


@pytest.mark.django_db
class TestBilling:
    def test_package_line_takes_the_price_of_the_order_year(self):
        a = AssignmentFactory(package=package("STORA"), ordered_on=dt.date(2024, 6, 1))
        services.billing_package_line_set(assignment=a)
        assert services.invoiced_amount(assignment=a) == Decimal("25000")  # the 2023 price still applies

    def test_invoiced_amount_is_the_sum_of_package_and_addons(self):
        a = AssignmentFactory(package=package("STORA"), ordered_on=dt.date(2025, 2, 1))
        services.billing_package_line_set(assignment=a)
        services.billing_addon_add(assignment=a, kind=BillingKind.EXTRA_HOURS, quantity=Decimal("3"))
        services.billing_addon_add(assignment=a, kind=BillingKind.REFERENCES, quantity=Decimal("2"))
        # 27 000 + 3 h × 870 + 2 × 400
        assert services.invoiced_amount(assignment=a) == Decimal("30410")

    def test_an_override_keeps_its_reason(self):
        a = AssignmentFactory(package=package("STORA"), ordered_on=dt.date(2025, 2, 1))
        line = services.billing_package_line_set(assignment=a, amount=Decimal("20000"), override_reason="Rabatt")
        assert line.amount == Decimal("20000")
        assert line.override_reason == "Rabatt"

    def test_the_2023_budget_sums_to_the_published_total(self):
        volumes = {"STORA": 570, "LILLA": 30, "HOGRE_CHEF": 30, "CHEF": 180, "OMTAG": 50, "SECOND_OPINION": 100,
                   "OVRIG": 600, "KBR": 10, "SEARCH": 50, "PERSONBEDOMNING": 30, "REFERENS": 100, "LARARPAKET": 20}
        total = sum(services.code_price(code=c, on=dt.date(2023, 1, 1)) * n for c, n in volumes.items())
        assert total == Decimal("24197000")


@pytest.mark.django_db
class TestReferences:
    def test_references_count_up_per_year(self):
        assert services.reference_next(year=2026) == "2026-0001"
        assert services.reference_next(year=2026) == "2026-0002"
        assert services.reference_next(year=2027) == "2027-0001"

    def test_imported_references_push_the_counter(self):
        services.reference_seen(reference="2026-0142")
        assert services.reference_next(year=2026) == "2026-0143"


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_get_distinct_references():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers itself; the race needs PostgreSQL")
    results, errors = [], []
    barrier = threading.Barrier(8)

    def register():
        from django.db import connection as conn
        try:
            barrier.wait()
            for _ in range(5):
                results.append(services.reference_next(year=2026))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            conn.close()

    threads = [threading.Thread(target=register) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 40
    assert len(set(results)) == 40
    assert Assignment.objects.count() == 0
