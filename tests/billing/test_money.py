"""The money follow-up's figures and forecast on hand-made data (tests/billing/money_data.py works them out)."""
import datetime as dt
from decimal import Decimal

import pytest

from assignments.models import BillingKind, BillingLine, PackagePrice, Status, StatusChange
from billing.money import money_json, money_report
from reporting.periods import Period
from reporting.selectors.leadtimes import closing_medians, lead_times
from reporting.selectors.scope import Scope
from tests.billing.money_data import ON, _assignment, money_data
from tests.factories import AssignmentFactory, ConsultantFactory, package

pytestmark = pytest.mark.django_db
M = Decimal
D = dt.date


@pytest.fixture
def data():
    return money_data()


def test_each_month_holds_invoiced_invoiceable_sold_and_a_twelfth_of_the_budget(data):
    report = money_report(Scope(), year=2026, on=ON)
    assert report.through == 6
    rows = {row.month: (row.invoiced, row.invoiceable, row.sold, row.budget) for row in report.months}
    assert rows[1] == (M("25000"), 0, 0, M("150000"))  # the opening basis's line, in the month it closed
    assert rows[2] == (0, 0, 0, M("150000"))  # A1 closed in February, but invoiced in the March basis
    assert rows[3] == (M("25000"), 0, 0, M("150000"))
    assert rows[4] == (0, M("27000"), 0, M("150000"))
    assert rows[5] == (0, M("2610"), M("27000"), M("150000"))
    assert rows[6] == (0, 0, M("34000"), M("150000"))
    assert all(rows[m][:3] == (0, 0, 0) for m in range(7, 13))
    assert report.sold_before == M("25000")


def test_year_to_date_figures_budget_and_income_per_fte(data):
    report = money_report(Scope(), year=2026, on=ON)
    assert (report.invoiced, report.invoiceable, report.sold) == (M("50000"), M("29610"), M("86000"))
    assert report.budget_year == M("1800000") and report.budget_to_date == M("900000")
    assert report.fte == M("1.50") and report.income_per_fte == M("33333.33")  # 50 000 / 1.5


def test_the_forecast_adds_open_work_by_plan_or_median_lead_time_and_the_run_rate_of_earlier_years(data):
    forecast = money_report(Scope(), year=2026, on=ON).forecast
    assert forecast.earned == M("79610")
    assert forecast.open_expected == M("52000")  # A4 overdue by the median (June) + A3 by its plan (September)
    assert (forecast.open_count, forecast.unknown_count) == (2, 1)  # A5: no plan, no CHEF median
    assert forecast.run_rate == M("18333.33")  # August 8 333.33 + December 10 000
    assert forecast.total == M("149943.33")
    text = " ".join(forecast.assumptions)
    assert "planerade beslutsdatum (1 uppdrag)" in text and "medianledtid" in text
    assert "1 pågående uppdrag" in text and "2023–2025" in text


def test_the_chart_runs_the_actual_to_june_and_the_forecast_to_the_year_total(data):
    months = money_report(Scope(), year=2026, on=ON).months
    assert [row.actual_to_date for row in months[:6]] == [M(v) for v in
                                                           ("25000", "25000", "50000", "77000", "79610", "79610")]
    assert months[6].actual_to_date is None
    assert months[5].forecast_to_date == M("104610")  # 79 610 + A4 overdue, closing in June
    assert months[7].forecast_to_date == M("112943.33")  # + August's run rate
    assert months[8].forecast_to_date == M("139943.33")  # + A3 in September
    assert months[11].forecast_to_date == M("149943.33") and months[11].budget_to_date == M("1800000")


def test_a_unit_and_a_consultant_count_their_own_lead_assignments_budgets_and_fte(data):
    unit2 = money_report(Scope(unit=data["k2"].unit), year=2026, on=ON)
    assert (unit2.invoiced, unit2.invoiceable, unit2.sold) == (0, 0, M("34000"))
    assert unit2.budget_year == M("600000") and unit2.fte == M("0.50")
    assert unit2.forecast.total == 0  # no history in scope; A5 cannot be placed
    k1 = money_report(Scope(consultant=data["k1"]), year=2026, on=ON)
    assert (k1.invoiced, k1.invoiceable, k1.sold, k1.budget_year) == (M("50000"), M("29610"), M("52000"),
                                                                       M("1200000"))
    assert k1.forecast.total == M("149943.33")


def test_a_month_alone_and_year_to_date_through_it(data):
    report = money_report(Scope(), year=2026, month=4, on=ON)
    assert report.month.invoiceable == M("27000")
    assert (report.invoiced, report.invoiceable, report.sold) == (M("50000"), M("27000"), M("25000"))


def test_a_year_that_is_over_forecasts_its_outcome(data):
    report = money_report(Scope(), year=2025, on=ON)
    assert report.through == 12
    assert report.invoiced == M("30000")  # H4, in the opening basis, counted in December 2025
    assert report.forecast.total == M("30000") and report.forecast.run_rate == 0
    assert report.budget_year == M("999999")


def test_the_kpi_json_carries_the_figures_as_strings_with_two_decimals(data):
    assert money_json(scope=Scope(), year=2026, tertial=2, on=ON) == {
        "invoiced": "50000.00", "invoiceable": "29610.00", "sold_not_invoiceable": "86000.00",
        "forecast_year": "149943.33", "budget_year": "1800000.00"}


def test_a_cancelled_assignment_counts_only_when_its_work_had_started():
    lead = ConsultantFactory()
    started = AssignmentFactory(reference="2026-0101", lead_consultant=lead, status=Status.CANCELLED,
                                closed_on=dt.date(2026, 3, 3), ordered_on=dt.date(2026, 2, 1))
    StatusChange.objects.create(assignment=started, from_status="registered", to_status="start_meeting",
                                changed_on=dt.date(2026, 2, 5))
    not_started = AssignmentFactory(reference="2026-0102", lead_consultant=lead, status=Status.CANCELLED,
                                    closed_on=dt.date(2026, 3, 4), ordered_on=dt.date(2026, 2, 1))
    for a in (started, not_started):
        BillingLine.objects.create(assignment=a, kind=BillingKind.PACKAGE, description="Stora", unit_price=M("100"))
    report = money_report(Scope(), year=2026, on=ON)
    assert report.months[2].invoiceable == M("100") and report.sold == 0


def test_an_add_on_package_line_follows_its_own_packages_rule_sold_while_open_invoiceable_at_closing():
    """A Searchpaket add-on (per assignment, invoiced at closing) on an hourly package (invoiced monthly): sold
    while the assignment is open, though a line of its assignment's package would be invoiceable at once; a
    declined incoming order (never started) invoices none of it."""
    lead = ConsultantFactory()
    volume = AssignmentFactory(reference="2026-0201", lead_consultant=lead, package=package("OVRIG"),
                               status=Status.SELECTION, ordered_on=dt.date(2026, 5, 4))
    BillingLine.objects.create(assignment=volume, kind=BillingKind.ADDON, addon=package("SEARCH"),
                               description="Searchpaket", unit_price=M("7500"), recorded_on=dt.date(2026, 5, 4))
    declined = AssignmentFactory(reference="2026-0202", lead_consultant=None, status=Status.CANCELLED,
                                 closed_on=dt.date(2026, 3, 4), ordered_on=dt.date(2026, 3, 2))
    StatusChange.objects.create(assignment=declined, from_status="", to_status="incoming",
                                changed_on=dt.date(2026, 3, 2))
    for kind, addon in ((BillingKind.PACKAGE, None), (BillingKind.ADDON, package("SEARCH"))):
        BillingLine.objects.create(assignment=declined, kind=kind, addon=addon, description="x", unit_price=M("100"))
    report = money_report(Scope(), year=2026, on=ON)
    assert (report.invoiceable, report.sold) == (0, M("7500"))
    assert report.months[4].sold == M("7500")

    AssignmentFactory._meta.model.objects.filter(pk=volume.pk).update(status=Status.CLOSED_HIRED,
                                                                       closed_on=dt.date(2026, 6, 10))
    report = money_report(Scope(), year=2026, on=ON)
    assert (report.months[5].invoiceable, report.sold) == (M("7500"), 0)


def test_the_2023_budget_of_the_seeds_still_sums_exactly_at_the_seeded_2023_prices():
    volumes = {"STORA": 570, "LILLA": 30, "HOGRE_CHEF": 30, "CHEF": 180, "OMTAG": 50, "SECOND_OPINION": 100,
               "OVRIG": 600, "KBR": 10, "SEARCH": 50, "PERSONBEDOMNING": 30, "REFERENS": 100, "LARARPAKET": 20}
    prices = dict(PackagePrice.objects.filter(year=2023, package__code__in=volumes)
                  .values_list("package__code", "price_sek"))
    assert set(prices) == set(volumes)
    assert prices["STORA"] == M("25000") and prices["OVRIG"] == M("870")
    assert sum(prices[code] * n for code, n in volumes.items()) == M("24197000")


def test_the_report_takes_a_fixed_number_of_queries(data, django_assert_num_queries):
    with django_assert_num_queries(6):
        money_report(Scope(), year=2026, on=ON)
    AssignmentFactory(reference="2026-0200", package=package("STORA"), ordered_on=dt.date(2026, 6, 2))
    with django_assert_num_queries(6):
        money_report(Scope(), year=2026, on=ON)


def test_a_year_to_come_forecasts_only_the_run_rate_of_its_own_months(data):
    """2027 as on 15 June 2026: nothing open closes in 2027 (A3 and A4 close in 2026), so the forecast is the
    run rate of all twelve months, the mean of 2024-2026 of what work ordered within each year earned in it:
    February 25 000 / 3 = 8 333.33 (A1), April 9 000 (A2), May 870 (A2's hours), August 8 333.33 (H2),
    September 8 333.33 (H3), December 10 000 (H4); each month rounded to öre: 44 869.99."""
    report = money_report(Scope(), year=2027, on=ON)
    assert report.forecast.open_expected == 0 and report.forecast.earned == 0
    assert report.forecast.run_rate == M("44869.99") and report.forecast.total == M("44869.99")
    assert report.budget_year is None and "inga personliga intäktsbudgetar" in " ".join(report.forecast.assumptions)


def test_the_forecast_places_open_work_by_the_median_lead_time_of_reporting():
    """The forecast's median lead time is reporting's (`lead_times`' "closing_days", `closing_medians`):
    STORA closed after 59 and 62 days (median 60.5), CHEF after 30, 40 and 80 (median 40), all in the first
    half of 2025 (no run rate for July-December). An open STORA ordered 1 June 2026 without a plan closes
    after ceil(60.5) = 61 days, on 1 August (with 60 days it would be 31 July); an open CHEF ordered
    10 June after 40 days, on 20 July."""
    lead = ConsultantFactory()
    for code, ordered, closed in (("STORA", D(2025, 1, 1), D(2025, 3, 1)), ("STORA", D(2025, 2, 1), D(2025, 4, 4)),
                                  ("CHEF", D(2025, 1, 1), D(2025, 1, 31)), ("CHEF", D(2025, 2, 1), D(2025, 3, 13)),
                                  ("CHEF", D(2025, 3, 1), D(2025, 5, 20))):
        _assignment(f"2025-{code}-{ordered.month}", lead, ordered, closed=closed, code=code)
    _assignment("2026-0001", lead, D(2026, 6, 1), price="10000")
    _assignment("2026-0002", lead, D(2026, 6, 10), code="CHEF", price="7000")
    period = Period(2023, None, D(2023, 1, 1), ON)
    reported = lead_times(Scope(), period)
    assert closing_medians(Scope(), period) == {"STORA": 60.5, "CHEF": 40} == {
        code: reported[code]["closing_days"] for code in ("STORA", "CHEF")}
    report = money_report(Scope(), year=2026, on=ON)
    assert report.forecast.open_expected == M("17000") and report.forecast.run_rate == 0
    cumulative = [row.forecast_to_date for row in report.months]
    assert cumulative[5:8] == [M("0"), M("7000"), M("17000")]  # June nothing, July CHEF, August STORA
