"""Each kind of computed indicator on small hand-made data."""
from decimal import Decimal

import pytest

from assignments import services
from assignments.models import Assignment, BillingKind, OrganisationKind, Sector, Status
from goals.context import Context
from goals.measures import MEASURES
from goals.models import EnteredFigure
from goals.periods import PERIODS
from reporting.selectors import kpi_report
from tests.factories import AssignmentFactory, ConsultantFactory, OrganisationFactory, package

from .conftest import D, answer

pytestmark = pytest.mark.django_db


def compute(key, params=None, **ctx):
    return MEASURES[key].compute(Context(year=2025, **ctx), params or {})


def test_it_counts_assignments_year_to_date_by_order_date_without_cancelled_or_training():
    AssignmentFactory(ordered_on=D(2025, 1, 10))
    AssignmentFactory(ordered_on=D(2025, 4, 30))  # last day of T1
    AssignmentFactory(ordered_on=D(2025, 5, 1))
    AssignmentFactory(ordered_on=D(2025, 10, 1))
    AssignmentFactory(ordered_on=D(2025, 2, 1), status=Status.CANCELLED)
    AssignmentFactory(ordered_on=D(2025, 2, 1), package=package("KBR"))
    AssignmentFactory(ordered_on=D(2024, 12, 31))
    assert compute("assignments_ordered") == {"T1": 2, "T2": 3, "T3": 4, "year": 4}


def test_it_filters_assignments_by_packages_organisation_kind_sector_and_role_level():
    district = OrganisationFactory(name="Skarpnäcks stadsdelsförvaltning", kind=OrganisationKind.DISTRICT)
    AssignmentFactory(organisation=district, sector=Sector.PRESCHOOL, role_level="chef", package=package("CHEF"))
    AssignmentFactory(organisation=district, sector=Sector.PRESCHOOL, role_level="medarbetare")
    AssignmentFactory(sector=Sector.PRESCHOOL, role_level="chef", package=package("CHEF"))
    AssignmentFactory(package=package("LARARPAKET"))
    assert compute("assignments_ordered", {"packages": ["LARARPAKET"]})["year"] == 1
    assert compute("assignments_ordered", {"organisation_kind": "stadsdelsforvaltning"})["year"] == 2
    assert compute("assignments_ordered", {"organisation": "skarpnäcks stadsdelsförvaltning",
                                           "role_level": ["chef"]})["year"] == 1
    assert compute("assignments_ordered", {"sector": "forskola", "role_level": ["chef", "hogre_chef"]})["year"] == 2


def test_it_follows_a_consultant_or_a_unit_by_the_lead_consultant():
    mine = ConsultantFactory()
    AssignmentFactory(lead_consultant=mine)
    AssignmentFactory()
    assert compute("assignments_ordered", consultant=mine)["year"] == 1
    assert compute("assignments_ordered", unit=mine.unit)["year"] == 2


def test_it_counts_kbr_trainings_and_those_for_districts_only():
    district = OrganisationFactory(kind=OrganisationKind.DISTRICT)
    AssignmentFactory(package=package("KBR"), organisation=district, ordered_on=D(2025, 3, 1))
    AssignmentFactory(package=package("KBR"), ordered_on=D(2025, 6, 1))
    AssignmentFactory(ordered_on=D(2025, 3, 1))
    assert compute("kbr_trainings") == {"T1": 1, "T2": 2, "T3": 2, "year": 2}
    assert compute("kbr_trainings", {"districts_only": True})["year"] == 1


def test_it_counts_search_packages_sold():
    AssignmentFactory(package=package("SEARCH"))
    AssignmentFactory(package=package("SEARCH"), status=Status.CANCELLED)
    AssignmentFactory()
    assert compute("search_packages_sold")["year"] == 1


def test_a_search_package_sold_as_an_add_on_counts_once_per_assignment_and_not_once_removed():
    with_search = AssignmentFactory(ordered_on=D(2025, 6, 1))
    line = services.billing_addon_add(assignment=with_search, kind=BillingKind.ADDON, quantity=Decimal(1),
                                      package=package("SEARCH"))
    AssignmentFactory(package=package("SEARCH"), ordered_on=D(2025, 2, 1))
    removed = AssignmentFactory(ordered_on=D(2025, 2, 1))
    services.billing_line_remove(line=services.billing_addon_add(
        assignment=removed, kind=BillingKind.ADDON, quantity=Decimal(1), package=package("SEARCH")))
    cancelled = AssignmentFactory(status=Status.CANCELLED, ordered_on=D(2025, 2, 1))
    services.billing_addon_add(assignment=cancelled, kind=BillingKind.ADDON, quantity=Decimal(1),
                               package=package("SEARCH"))
    assert compute("search_packages_sold") == {"T1": 1, "T2": 2, "T3": 2, "year": 2}
    assert compute("assignments_ordered")["year"] == 3  # the add-on line does not multiply other counts
    rows = MEASURES["search_packages_sold"].rows(Context(year=2025), {}, "year")[1]
    assert {a.pk for a in rows} == {line.assignment_id, Assignment.objects.get(package__code="SEARCH").pk}


def test_it_counts_distinct_districts_per_sector_and_role_level():
    a = OrganisationFactory(kind=OrganisationKind.DISTRICT)
    b = OrganisationFactory(kind=OrganisationKind.DISTRICT)
    social = OrganisationFactory(name="Socialförvaltningen", kind=OrganisationKind.ADMINISTRATION)
    for org in (a, a, b):
        AssignmentFactory(organisation=org, sector=Sector.ELDERLY, role_level="chef", ordered_on=D(2025, 6, 1))
    AssignmentFactory(organisation=a, sector=Sector.ELDERLY, role_level="medarbetare", ordered_on=D(2025, 2, 1))
    AssignmentFactory(organisation=social, sector=Sector.ELDERLY, role_level="chef")
    params = {"sector": "aldreomsorg", "role_level": ["chef", "hogre_chef"]}
    assert compute("distinct_districts", params) == {"T1": 0, "T2": 2, "T3": 2, "year": 2}
    assert compute("distinct_districts", {"sector": "aldreomsorg", "role_level": ["medarbetare"]})["T1"] == 1


def test_it_sums_screened_candidates_of_assignments_with_screening():
    AssignmentFactory(screening=True, screened_candidates=40)
    AssignmentFactory(screening=True, screened_candidates=15)
    AssignmentFactory(screening=False, screened_candidates=99)
    assert compute("screened_candidates", {"screening": True})["year"] == 55


def _ads(period, value, org=None, key="ads_published"):
    EnteredFigure.objects.create(year=2025, period=period, key=key, organisation=org, value=value)


def test_it_computes_the_share_of_ads_for_an_organisation_year_to_date():
    edu = OrganisationFactory(name="Utbildningsförvaltningen")
    for day in (D(2025, 2, 1), D(2025, 3, 1), D(2025, 6, 1)):
        AssignmentFactory(organisation=edu, ordered_on=day)
    AssignmentFactory(ordered_on=D(2025, 2, 1))  # another customer
    params = {"organisation": "Utbildningsförvaltningen", "denominator_key": "ads_published"}
    assert compute("share_of_ads", params)["T1"] is None  # no ads entered: no data
    _ads("T1", 40, edu)
    _ads("T3", 10, edu)
    result = compute("share_of_ads", params)
    assert result["T1"] == pytest.approx(2 / 40 * 100)
    # T2 ads missing: the share rests on the tertials entered (T1's 2 assignments over T1's 40 ads) ...
    assert result["T2"] == pytest.approx(2 / 40 * 100)
    # ... and for the year on T1 and T3 (the June assignment is T2's, left out with T2's ads)
    assert result["year"] == pytest.approx(2 / 50 * 100)
    _ads("T2", 20, edu)
    result = compute("share_of_ads", params)
    assert result["T2"] == pytest.approx(3 / 60 * 100)
    assert result["year"] == pytest.approx(3 / 70 * 100)


def test_it_counts_manager_packages_and_manager_second_opinions_over_manager_ads():
    edu = OrganisationFactory(name="Utbildningsförvaltningen")
    AssignmentFactory(organisation=edu, package=package("CHEF"), role_level="chef")
    AssignmentFactory(organisation=edu, package=package("SECOND_OPINION"), role_level="chef")
    AssignmentFactory(organisation=edu, package=package("SECOND_OPINION"), role_level="medarbetare")
    AssignmentFactory(organisation=edu, package=package("STORA"), role_level="medarbetare")
    _ads("year", 8, edu, key="ads_published_manager")
    params = {"organisation": "Utbildningsförvaltningen", "manager": True, "denominator_key": "ads_published_manager",
              "packages": ["CHEF", "HOGRE_CHEF", "SECOND_OPINION"]}
    assert compute("share_of_ads", params)["year"] == pytest.approx(25.0)


def test_the_city_wide_share_counts_districts_and_administrations_over_the_total_ads():
    AssignmentFactory(organisation=OrganisationFactory(kind=OrganisationKind.DISTRICT))
    AssignmentFactory(organisation=OrganisationFactory(kind=OrganisationKind.ADMINISTRATION))
    AssignmentFactory(organisation=OrganisationFactory(kind=OrganisationKind.COMPANY))
    _ads("year", 20)
    assert compute("share_of_ads", {"denominator_key": "ads_published"})["year"] == pytest.approx(10.0)


def test_an_organisation_missing_from_the_register_gives_no_data():
    _ads("year", 20)
    assert compute("share_of_ads", {"organisation": "Förskoleförvaltningen"})["year"] is None


def test_it_computes_the_satisfied_share_of_one_customer_question():
    a = AssignmentFactory()
    answer("customer", D(2025, 2, 1), a, competency_based=10)
    answer("customer", D(2025, 3, 1), a, competency_based=7)
    answer("customer", D(2025, 6, 1), a, competency_based=8)
    answer("customer", D(2025, 6, 1), a, planning=3)  # another question
    result = compute("question_satisfied_share", {"survey": "customer", "question": "competency_based"})
    assert result["T1"] == pytest.approx(50.0)
    assert result["year"] == pytest.approx(200 / 3)


def test_report_measures_read_the_kpi_report_and_show_shares_in_percent(settings):
    settings.REPORT_MIN_CANDIDATE_GROUP = 1  # one candidate answer shown, for its yes share
    a = AssignmentFactory(ordered_on=D(2025, 2, 1), personal_letter=True)
    AssignmentFactory(ordered_on=D(2025, 3, 1), personal_letter=False)
    answer("customer", D(2025, 2, 1), a, nps=10, overall_satisfaction=10)
    answer("customer", D(2025, 6, 1), a, nps=5, overall_satisfaction=3)
    answer("candidate", D(2025, 3, 1), non_discriminatory="ja")
    answer("six_month", D(2025, 10, 1), a, match=9)
    ctx = Context(year=2025, periods=PERIODS)
    assert MEASURES["nps"].compute(ctx, {}) == {"T1": 100.0, "T2": 0.0, "T3": 0.0, "year": 0.0}
    assert MEASURES["satisfied_customers_share"].compute(ctx, {})["T1"] == pytest.approx(100.0)
    assert MEASURES["satisfied_customers_share"].compute(ctx, {})["T2"] == pytest.approx(50.0)
    assert MEASURES["personal_letter_share"].compute(ctx, {})["T1"] == pytest.approx(50.0)
    params = {"survey": "candidate", "question": "non_discriminatory"}
    assert MEASURES["question_yes_share"].compute(ctx, params)["T1"] == pytest.approx(100.0)
    assert MEASURES["six_month_match_mean"].compute(ctx, {}) == {"T1": None, "T2": None, "T3": 9.0, "year": 9.0}
    # reporting's own figures, read once per period (T3 and the year share one report)
    assert set(ctx.reports) == {"T1", "T2", "year"}
    assert ctx.reports["T1"].to_json() == kpi_report(year=2025, tertial=1).to_json()


def test_report_measures_have_no_data_without_answers():
    assert MEASURES["nps"].compute(Context(year=2025), {}) == dict.fromkeys(PERIODS)


def test_it_averages_the_hours_of_closed_assignments_of_a_package():
    AssignmentFactory(package=package("STORA"), status=Status.CLOSED_HIRED, closed_on=D(2025, 3, 1), hours=30)
    AssignmentFactory(package=package("STORA"), status=Status.CLOSED_HIRED, closed_on=D(2025, 6, 1), hours=36)
    AssignmentFactory(package=package("CHEF"), status=Status.CLOSED_HIRED, closed_on=D(2025, 3, 1), hours=50)
    AssignmentFactory(package=package("STORA"), hours=80)  # open: not closed yet
    result = compute("mean_hours", {"packages": ["STORA"]})
    assert result["T1"] == 30 and result["T2"] == 33


def test_a_scope_can_be_given_as_the_kpi_command_gives_it():
    mine = ConsultantFactory(email="karin@rekrytering.example.se")
    AssignmentFactory(lead_consultant=mine)
    AssignmentFactory(lead_consultant=ConsultantFactory(unit=mine.unit.__class__.objects.get(name="Enhet 2")))
    assert compute("assignments_ordered", consultant="karin@rekrytering.example.se")["year"] == 1
    assert compute("assignments_ordered", unit="Enhet 2")["year"] == 1
    assert compute("assignments_ordered", unit=mine.unit.pk)["year"] == 1


def test_the_e_services_share_is_orders_of_the_e_service_among_the_assignments_ordered():
    from goals.forms import IndicatorForm
    from goals.models import Indicator, Plan
    from orders.services import order_decline
    from tests.orders.helpers import accepted, at, received

    lead = ConsultantFactory()
    accepted(received(D(2025, 2, 3), "Via e-tjänsten i T1"), D(2025, 2, 4), lead)
    accepted(received(D(2025, 6, 2), "Via e-tjänsten i T2"), D(2025, 6, 3), lead)
    received(D(2025, 3, 3), "Inte mottagen")  # incoming: not an ordered assignment yet
    with at(D(2025, 3, 5)):
        order_decline(order=received(D(2025, 3, 4), "Avböjd"), reason="Nej.", by=None)
    for i, day in enumerate((D(2025, 1, 10), D(2025, 3, 1), D(2025, 5, 5))):
        AssignmentFactory(ordered_on=day, lead_consultant=lead, reference=f"2025-90{i}")
    # T1: 1 of 3 (the e-service's, two by hand); T2 and on: 2 of 5
    assert compute("e_services_share") == {"T1": pytest.approx(100 / 3), "T2": 40.0, "T3": 40.0, "year": 40.0}
    assert compute("e_services_share", consultant=ConsultantFactory())["year"] is None  # nothing ordered
    # a goal plan's indicator form offers it
    form = IndicatorForm(instance=Indicator(plan=Plan.objects.create(year=2031)))
    assert ("e_services_share", "Andel ärenden som inkommer via e-tjänster (e_services_share)") in \
        form.fields["measure"].choices
