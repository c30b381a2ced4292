"""The load view: open work per status, hours, revenue this year against budget, in fixed queries."""
import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from assignments.models import BillingKind, BillingLine, ConsultantBudget, Status, Unit
from assignments.services import billing_totals_refresh
from assignments.workload import consultant_load
from tests.factories import AssignmentFactory, ConsultantFactory, package

pytestmark = pytest.mark.django_db


def bill(assignment, *amounts):
    """Lines written in bulk, their assignment's invoiced total kept as every writer of lines keeps it."""
    for amount in amounts:
        BillingLine.objects.create(assignment=assignment, kind=BillingKind.OTHER, description="rad",
                                   quantity=Decimal("1"), unit_price=Decimal(amount))
    billing_totals_refresh(assignment_ids=[assignment.pk])


@pytest.fixture
def team(db):
    """Two consultants with hand-made work, one in each unit, and one who has left."""
    enhet1, enhet2 = Unit.objects.get(name="Enhet 1"), Unit.objects.get(name="Enhet 2")
    anna = ConsultantFactory(name="Anna Ansvarig", unit=enhet1, fte=Decimal("0.80"), manager_qualified=True)
    bo = ConsultantFactory(name="Bo Biträdande", unit=enhet2)
    ConsultantFactory(name="Cecilia Slutat", unit=enhet1, active=False)
    # Anna's open work: 2 registered, 1 in interviews, 1 at references; hours 10 + 5 + 20 + (none).
    AssignmentFactory(lead_consultant=anna, status=Status.REGISTERED, hours=Decimal("10"))
    AssignmentFactory(lead_consultant=anna, status=Status.REGISTERED, hours=Decimal("5"))
    AssignmentFactory(lead_consultant=anna, status=Status.INTERVIEWS, hours=Decimal("20"))
    with_bo = AssignmentFactory(lead_consultant=anna, status=Status.REFERENCES)
    with_bo.co_consultants.add(bo)
    # Anna's closed work: this year (counts), last year and cancelled this year (do not count).
    bill(AssignmentFactory(lead_consultant=anna, status=Status.CLOSED_HIRED, closed_on=dt.date(2026, 2, 10),
                           hours=Decimal("30")), "27000", "1740")
    bill(AssignmentFactory(lead_consultant=anna, status=Status.CLOSED_NOT_HIRED, closed_on=dt.date(2026, 5, 1)),
         "10000")
    bill(AssignmentFactory(lead_consultant=anna, status=Status.CLOSED_HIRED, closed_on=dt.date(2025, 12, 30)),
         "25000")
    bill(AssignmentFactory(lead_consultant=anna, status=Status.CANCELLED, closed_on=dt.date(2026, 3, 1)), "9999")
    # Bo co-works Anna's assignment and leads one closed this year as lead; Anna co-works it (no revenue to her).
    bo_closed = AssignmentFactory(lead_consultant=bo, status=Status.CLOSED_HIRED, closed_on=dt.date(2026, 4, 4),
                                  package=package("CHEF"))
    bo_closed.co_consultants.add(anna)
    bill(bo_closed, "34000")
    ConsultantBudget.objects.create(consultant=anna, year=2026, amount_sek=Decimal("155000"))
    ConsultantBudget.objects.create(consultant=anna, year=2025, amount_sek=Decimal("1"))
    return {"anna": anna, "bo": bo, "enhet1": enhet1, "enhet2": enhet2}


class TestFigures:
    def test_it_counts_open_work_per_status_with_hours(self, team):
        rows = {r.consultant.name: r for r in consultant_load(year=2026)}
        anna = rows["Anna Ansvarig"]
        assert anna.open_by_status == {
            Status.REGISTERED: 2, Status.START_MEETING: 0, Status.AD_PUBLISHED: 0, Status.SELECTION: 0,
            Status.INTERVIEWS: 1, Status.TESTS: 0, Status.REFERENCES: 1,
        }
        assert (anna.open_total, anna.open_hours, anna.co_open) == (4, Decimal("35"), 0)
        bo = rows["Bo Biträdande"]
        assert (bo.open_total, bo.co_open, bo.open_hours) == (0, 1, Decimal("0"))

    def test_it_sums_revenue_of_lead_assignments_closed_this_year_against_budget(self, team):
        rows = {r.consultant.name: r for r in consultant_load(year=2026)}
        anna, bo = rows["Anna Ansvarig"], rows["Bo Biträdande"]
        assert anna.revenue == Decimal("38740.00")  # 27 000 + 1 740 + 10 000
        assert anna.budget == Decimal("155000.00")
        assert anna.budget_share == Decimal("25.0")
        assert (bo.revenue, bo.budget, bo.budget_share) == (Decimal("34000.00"), None, None)

    def test_another_year_has_its_own_revenue_and_budget(self, team):
        anna = next(r for r in consultant_load(year=2025) if r.consultant.name == "Anna Ansvarig")
        assert (anna.revenue, anna.budget, anna.budget_share) == (Decimal("25000.00"), Decimal("1.00"),
                                                                   Decimal("2500000.0"))

    def test_it_lists_only_active_consultants_and_filters_by_unit(self, team):
        assert [r.consultant.name for r in consultant_load(year=2026)] == ["Anna Ansvarig", "Bo Biträdande"]
        assert [r.consultant.name for r in consultant_load(year=2026, unit_id=team["enhet2"].pk)] == [
            "Bo Biträdande"]


class TestPage:
    @time_machine.travel(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC))
    def test_a_manager_sees_this_years_figures_for_everyone(self, client, manager, team):
        client.force_login(manager)
        response = client.get(reverse("reference:load"))
        page = response.content.decode()
        assert response.context["year"] == 2026
        assert "Anna Ansvarig" in page and "Cecilia Slutat" not in page
        assert "38\xa0740" in page or "38 740" in page or "38,740" in page
        assert "25,0 %" in page

    def test_the_unit_filter_narrows_the_rows(self, client, coordinator, team):
        client.force_login(coordinator)
        response = client.get(reverse("reference:load"), {"unit": team["enhet2"].pk, "ar": 2026})
        assert [r.consultant.name for r in response.context["rows"]] == ["Bo Biträdande"]

    @time_machine.travel(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC))
    def test_a_bad_year_falls_back_to_this_year_with_a_swedish_message(self, client, coordinator, team):
        client.force_login(coordinator)
        response = client.get(reverse("reference:load"), {"ar": "1850", "unit": team["enhet2"].pk})
        assert response.status_code == 200
        assert "Kontrollera att detta värde är större än eller lika med 2000." in response.content.decode()
        assert response.context["year"] == 2026
        assert [r.consultant.name for r in response.context["rows"]] == ["Bo Biträdande"]

    def test_a_consultant_sees_everyones_open_work_but_only_their_own_money(self, client, team):
        from tests.factories import UserFactory

        user = UserFactory(username="bo", roles=["consultant"])
        team["bo"].user = user
        team["bo"].save()
        client.force_login(user)
        response = client.get(reverse("reference:load"), {"ar": 2026})
        rows = {r.consultant.name: r for r in response.context["rows"]}
        assert rows["Anna Ansvarig"].open_total == 4
        assert rows["Anna Ansvarig"].show_money is False
        assert rows["Bo Biträdande"].show_money is True
        page = response.content.decode()
        assert "155\xa0000" not in page and "155 000" not in page and "38\xa0740" not in page
        assert response.context["totals"].revenue == Decimal("34000.00")


def _make_consultants(n):
    enhet1 = Unit.objects.get(name="Enhet 1")
    for _ in range(n):
        c = ConsultantFactory(unit=enhet1)
        ConsultantBudget.objects.create(consultant=c, year=2026, amount_sek=Decimal("900000"))
        AssignmentFactory(lead_consultant=c, status=Status.SELECTION, hours=Decimal("3"))
        closed = AssignmentFactory(lead_consultant=c, status=Status.CLOSED_HIRED, closed_on=dt.date(2026, 1, 5))
        bill(closed, "27000", "400")
        closed.co_consultants.add(c)


@pytest.mark.parametrize("n", [3, 30])
def test_the_page_uses_a_fixed_number_of_queries(client, coordinator, django_assert_num_queries, n):
    _make_consultants(n)
    client.force_login(coordinator)
    # session, user, the user's groups, the unit choices; consultants, open work with revenue, co-work;
    # the capacity panel (allocation): closed days, consultants with their profiles, open work (no profile here,
    # so no availability periods or goals are read: tests/allocation pins the count with profiles)
    with django_assert_num_queries(10):
        response = client.get(reverse("reference:load"), {"ar": 2026})
    assert len(response.context["rows"]) == n + 1  # the coordinator's own consultant record too
    # filtering by unit adds one query: the chosen unit is looked up
    enhet1 = Unit.objects.get(name="Enhet 1").pk
    with django_assert_num_queries(11):
        response = client.get(reverse("reference:load"), {"ar": 2026, "unit": enhet1})
    assert len(response.context["rows"]) == n + 1
