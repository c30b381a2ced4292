"""Register measures on small hand-computed data sets."""
import datetime as dt
from decimal import Decimal

import pytest

from assignments.models import BillingLine, ConsultantBudget, StatusChange, Unit
from reporting.periods import Period
from reporting.selectors import (
    Scope,
    districts_helped,
    lead_times,
    new_customer_names,
    new_customers,
    new_customers_for_periods,
    overdue_open,
    register_breakdown,
    register_measures,
    register_measures_for_periods,
    revenue_by_consultant,
)
from tests.factories import AssignmentFactory, ConsultantFactory, ContactFactory, OrganisationFactory, package

pytestmark = pytest.mark.django_db
YEAR_2025 = Period.for_report(2025)
D = dt.date


def bill(assignment, amount, quantity="1"):
    BillingLine.objects.create(assignment=assignment, kind="package", description="paket",
                               quantity=Decimal(quantity), unit_price=Decimal(amount))


def test_it_counts_revenue_only_for_assignments_closed_in_the_period():
    hired = AssignmentFactory(status="closed_hired", ordered_on=D(2024, 11, 1), closed_on=D(2025, 2, 1))
    not_hired = AssignmentFactory(status="closed_not_hired", closed_on=D(2025, 5, 1))
    open_one = AssignmentFactory(status="interviews")
    cancelled = AssignmentFactory(status="cancelled", closed_on=D(2025, 4, 1))
    closed_before = AssignmentFactory(status="closed_hired", ordered_on=D(2024, 1, 1), closed_on=D(2024, 12, 31))
    bill(hired, "27000")
    bill(hired, "870", quantity="2")
    bill(not_hired, "10000")
    for other in (open_one, cancelled, closed_before):
        bill(other, "99999")
    result = register_measures(Scope(), YEAR_2025)
    assert result["revenue_sek"] == 27000 + 1740 + 10000
    assert result["closed"] == 2
    assert result["ordered"] == 3  # ordered 2025-03-01 by default: not_hired, open_one, cancelled
    t1 = register_measures(Scope(), Period.for_report(2025, 1))
    assert (t1["closed"], t1["revenue_sek"]) == (1, 28740)


def test_it_counts_ordered_by_package_and_selection_methods():
    AssignmentFactory(personal_letter=True, screening=True)
    AssignmentFactory(package=package("SEARCH"))
    AssignmentFactory(package=package("CHEF"), search_used=True)
    AssignmentFactory(package=package("KBR"), status="closed_hired", closed_on=D(2025, 3, 5), personal_letter=True)
    AssignmentFactory(ordered_on=D(2024, 12, 31), personal_letter=True)
    result = register_measures(Scope(), YEAR_2025)
    assert result["by_package"] == {"CHEF": 1, "KBR": 1, "SEARCH": 1, "STORA": 1}
    assert result["personal_letter_share"] == pytest.approx(1 / 3)  # courses are not recruitments
    assert result["personal_letter_n"] == 3
    assert result["screening_count"] == 1
    assert result["search_sold"] == 2
    assert result["trainings_delivered"] == 1


def test_it_gives_revenue_per_fte_with_the_configured_denominator(settings):
    ConsultantFactory(fte=Decimal("1.00"))
    ConsultantFactory(fte=Decimal("0.50"))
    ConsultantFactory(fte=Decimal("1.00"), role="koordinator")
    ConsultantFactory(fte=Decimal("1.00"), active=False)
    a = AssignmentFactory(status="closed_hired", closed_on=D(2025, 6, 1))  # its consultant adds 1.0 FTE
    bill(a, "350000")
    settings.REPORT_FTE_DENOMINATOR = "all"
    assert register_measures(Scope(), YEAR_2025)["revenue_per_fte"] == pytest.approx(350000 / 3.5)
    settings.REPORT_FTE_DENOMINATOR = "consultants"
    assert register_measures(Scope(), YEAR_2025)["revenue_per_fte"] == pytest.approx(350000 / 2.5)


def test_it_compares_revenue_with_the_budget_in_scope_and_per_consultant():
    a = AssignmentFactory(status="closed_hired", closed_on=D(2025, 6, 1))
    b = AssignmentFactory(status="closed_hired", closed_on=D(2025, 6, 1))
    bill(a, "100000")
    bill(b, "50000")
    ConsultantBudget.objects.create(consultant=a.lead_consultant, year=2025, amount_sek=Decimal("400000"))
    ConsultantBudget.objects.create(consultant=b.lead_consultant, year=2025, amount_sek=Decimal("100000"))
    ConsultantBudget.objects.create(consultant=b.lead_consultant, year=2024, amount_sek=Decimal("999999"))
    result = register_measures(Scope(), YEAR_2025)
    assert result["budget_sek"] == 500000
    assert result["budget_share"] == pytest.approx(0.3)
    rows = {r["email"]: r for r in revenue_by_consultant(Scope(), YEAR_2025)}
    assert rows[a.lead_consultant.email]["budget_share"] == pytest.approx(0.25)
    assert rows[b.lead_consultant.email]["budget_share"] == pytest.approx(0.5)
    mine = register_measures(Scope(consultant=a.lead_consultant), YEAR_2025)
    assert (mine["revenue_sek"], mine["budget_sek"]) == (100000, 400000)


def test_it_counts_new_hiring_managers_and_organisations_by_their_first_assignment_ever():
    old_org = OrganisationFactory(name="Gammal förvaltning")
    old_contact = ContactFactory(organisation=old_org)
    AssignmentFactory(organisation=old_org, contact=old_contact, ordered_on=D(2023, 5, 1))
    AssignmentFactory(organisation=old_org, contact=old_contact, ordered_on=D(2025, 2, 1))  # returning
    new_contact_old_org = ContactFactory(organisation=old_org)
    AssignmentFactory(organisation=old_org, contact=new_contact_old_org, ordered_on=D(2025, 3, 1))
    AssignmentFactory(organisation=old_org, contact=new_contact_old_org, ordered_on=D(2025, 9, 1))
    AssignmentFactory(ordered_on=D(2025, 6, 1))  # new organisation, new contact
    AssignmentFactory(ordered_on=D(2026, 1, 2))  # next year
    assert new_customers(Scope(), YEAR_2025) == {"hiring_managers": 2, "organisations": 1}
    assert register_measures(Scope(), YEAR_2025)["new_customers"] == 2
    assert new_customers(Scope(), Period.for_report(2025, 1)) == {"hiring_managers": 1, "organisations": 0}


def test_the_counts_of_new_customers_agree_with_the_listed_names_in_every_period_and_scope():
    """The counts (one SQL pass per period) and the names (the ORM rule) state one rule the same way."""
    lena, unit_b = ConsultantFactory(), Unit.objects.create(name="Enhet B")
    olle = ConsultantFactory(unit=unit_b)
    old_org = OrganisationFactory()
    old_contact = ContactFactory(organisation=old_org)
    AssignmentFactory(organisation=old_org, contact=old_contact, ordered_on=D(2023, 5, 1), lead_consultant=olle)
    AssignmentFactory(organisation=old_org, contact=old_contact, ordered_on=D(2024, 2, 1), lead_consultant=lena)
    AssignmentFactory(organisation=old_org, ordered_on=D(2024, 3, 1), lead_consultant=lena)  # new contact
    AssignmentFactory(ordered_on=D(2024, 4, 1), lead_consultant=olle)  # new organisation and contact
    AssignmentFactory(ordered_on=D(2025, 2, 1), lead_consultant=lena, contact=None)
    AssignmentFactory(ordered_on=D(2025, 3, 1), lead_consultant=olle, contact=old_contact)
    periods = [Period.for_report(2025, 1), Period.for_report(2024), Period.for_report(2024, 1), YEAR_2025]
    for scope in (Scope(), Scope(consultant=lena), Scope(unit=unit_b)):
        counts = new_customers_for_periods(scope, periods)
        for period, count in zip(periods, counts, strict=True):
            names = new_customer_names(scope, period)
            assert count == {"hiring_managers": len(names["hiring_managers"]),
                             "organisations": len(names["organisations"])} == new_customers(scope, period)
    assert new_customers_for_periods(Scope(), [Period.for_report(2024)]) == [{"hiring_managers": 2,
                                                                               "organisations": 1}]
    assert new_customers_for_periods(Scope(), []) == []


def test_register_measures_of_several_periods_equal_each_period_alone(settings, django_assert_num_queries):
    lena = ConsultantFactory()
    ConsultantBudget.objects.create(consultant=lena, year=2024, amount_sek=Decimal("500000"))
    ConsultantBudget.objects.create(consultant=lena, year=2025, amount_sek=Decimal("800000"))
    for ordered, closed, code in ((D(2024, 2, 1), D(2024, 5, 1), "STORA"), (D(2024, 3, 1), None, "SEARCH"),
                                  (D(2025, 1, 10), D(2025, 3, 1), "CHEF"), (D(2024, 12, 1), D(2025, 2, 1), "KBR")):
        assignment = AssignmentFactory(ordered_on=ordered, lead_consultant=lena, package=package(code),
                                       personal_letter=code != "KBR", status="closed_hired" if closed else "selection",
                                       closed_on=closed)
        bill(assignment, "1000")
    periods = [Period.for_report(2025, 1), Period.for_report(2024, 1), YEAR_2025]
    for scope in (Scope(), Scope(consultant=lena)):
        with django_assert_num_queries(3):
            together = register_measures_for_periods(scope, periods)
        assert together == [register_measures(scope, period) for period in periods]
        assert together[0]["budget_sek"] == 800000.0 and together[1]["budget_sek"] == 500000.0


def test_it_gives_median_lead_times_per_package():
    for ordered, meeting, closed in ((D(2025, 1, 1), D(2025, 1, 5), D(2025, 2, 10)),
                                     (D(2025, 1, 1), D(2025, 1, 11), D(2025, 3, 2)),
                                     (D(2025, 1, 1), None, D(2025, 1, 31))):
        a = AssignmentFactory(ordered_on=ordered, status="closed_hired", closed_on=closed)
        if meeting:
            StatusChange.objects.create(assignment=a, from_status="registered", to_status="start_meeting",
                                        changed_on=meeting)
            StatusChange.objects.create(assignment=a, from_status="selection", to_status="start_meeting",
                                        changed_on=meeting + dt.timedelta(days=20))
    AssignmentFactory(package=package("CHEF"), ordered_on=D(2025, 2, 1), status="closed_hired",
                      closed_on=D(2025, 3, 3))
    times = lead_times(Scope(), YEAR_2025)
    assert times["STORA"]["closing_days"] == 40  # 40, 60, 30 -> median 40
    assert times["STORA"]["start_meeting_days"] == 7  # 4 and 10 -> 7 (first start meeting counts)
    assert times["STORA"]["start_meeting_n"] == 2
    assert times["CHEF"]["closing_days"] == 30
    assert times["_all"]["closing_days"] == 35  # 30, 30, 40, 60


def test_it_lists_open_assignments_past_their_standard_time():
    on = D(2025, 6, 30)
    AssignmentFactory(status="interviews", ordered_on=on - dt.timedelta(days=61))  # STORA: 60 days
    AssignmentFactory(status="interviews", ordered_on=on - dt.timedelta(days=59))
    AssignmentFactory(status="closed_hired", ordered_on=D(2024, 1, 1), closed_on=D(2024, 6, 1))
    AssignmentFactory(package=package("OVRIG"), status="registered", ordered_on=D(2020, 1, 1))  # no standard
    assert overdue_open(Scope(), on=on) == {"count": 1, "by_package": {"STORA": 1}}


def test_it_counts_distinct_districts_per_sector_and_level():
    kista = OrganisationFactory(name="Rinkeby-Kista stadsdelsförvaltning", kind="stadsdelsforvaltning")
    farsta = OrganisationFactory(name="Farsta stadsdelsförvaltning", kind="stadsdelsforvaltning")
    AssignmentFactory(organisation=kista, sector="aldreomsorg", role_level="chef")
    AssignmentFactory(organisation=kista, sector="aldreomsorg", role_level="chef")
    AssignmentFactory(organisation=farsta, sector="aldreomsorg", role_level="hogre_chef")
    AssignmentFactory(organisation=farsta, sector="aldreomsorg", role_level="medarbetare")
    AssignmentFactory(sector="aldreomsorg", role_level="chef")  # not a district
    assert districts_helped(Scope(), YEAR_2025) == {
        "aldreomsorg": {"medarbetare": 1, "chef": 2, "hogre_chef": 1, "all": 2}}


def test_it_breaks_ordered_and_closed_down_by_package_sector_kind_and_organisation():
    a = AssignmentFactory(sector="skola", status="closed_hired", closed_on=D(2025, 4, 1))
    AssignmentFactory(sector="skola", organisation=a.organisation, package=package("CHEF"))
    bill(a, "27000")
    bill(a, "400")
    table = register_breakdown(Scope(), YEAR_2025)
    assert table["ordered"]["package"] == {"CHEF": 1, "STORA": 1}
    assert table["ordered"]["sector"] == {"skola": 2}
    assert table["ordered"]["organisation"] == {a.organisation.name: 2}
    assert table["closed"]["organisation_kind"] == {"fackforvaltning": 1}
    assert table["closed"]["package"] == {"STORA": 1}
    assert table["closed"]["revenue_by_package"] == {"STORA": 27400.0}


def test_it_credits_the_lead_consultant_and_their_unit():
    unit2 = Unit.objects.get(name="Enhet 2")
    lead = ConsultantFactory(unit=unit2)
    a = AssignmentFactory(lead_consultant=lead)
    a.co_consultants.add(ConsultantFactory())
    assert register_measures(Scope(unit=unit2), YEAR_2025)["ordered"] == 1
    assert register_measures(Scope(unit=Unit.objects.get(name="Enhet 1")), YEAR_2025)["ordered"] == 0
