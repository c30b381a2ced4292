"""Reporting's kpi report: a fixed number of queries, any period (the command and its JSON: tests/goals)."""
import datetime as dt

import pytest

from reporting.selectors import kpi_report
from tests.factories import AssignmentFactory, ConsultantFactory

from .helpers import invite, respond, summarise

pytestmark = pytest.mark.django_db


def _data(size: int):
    for i in range(size):
        a = AssignmentFactory(status="closed_hired", closed_on=dt.date(2025, 4, 1 + i % 20),
                              personal_letter=i % 2 == 0)
        respond("customer", dt.date(2025, 4, 2), {"planning": 9, "overall_satisfaction": 10, "nps": 9}, assignment=a)
        respond("candidate", dt.date(2025, 4, 2), {"ad_clear": "ja", "overall": 8}, assignment=a)
        respond("six_month", dt.date(2025, 4, 2), {"match": 9, "use_again": "ja"}, assignment=a)
        respond("training", dt.date(2025, 4, 2), {"overall": 9})
        invite("customer", a, status="answered", sent_on=dt.date(2025, 4, 1))


@pytest.mark.parametrize("size", [2, 12])
def test_it_uses_a_fixed_number_of_queries_whatever_the_data_size(size, django_assert_num_queries):
    _data(size)
    consultant = ConsultantFactory()
    summarise()  # as after the services' commits
    survey_read = 2  # the summary's fingerprints and its rows
    # the year's candidate answers per tertial, against T1 and T2 (reporting.privacy.tertials_shown): the
    # summary's fingerprints and rows again
    with django_assert_num_queries(7 + survey_read + 2):
        kpi_report(year=2025)
    with django_assert_num_queries(6 + survey_read):  # no published aggregates for a tertial
        kpi_report(year=2025, tertial=1)
    with django_assert_num_queries(7 + survey_read):  # resolving the e-mail, no aggregates
        kpi_report(year=2025, consultant=consultant.email)


def test_it_reports_the_four_months_alone_and_a_year_earlier():
    from reporting.periods import Period
    from reporting.selectors import Scope, kpi_report_for, response_rates

    respond("customer", dt.date(2024, 6, 1), {"planning": 7})
    respond("customer", dt.date(2025, 3, 1), {"planning": 9})
    respond("customer", dt.date(2025, 6, 1), {"planning": 10})
    t2 = Period.for_report(2025, 2)
    assert kpi_report_for(Scope(), t2.months_alone()).customer.questions["planning"] == {"mean": 10.0, "n": 1}
    earlier = kpi_report_for(Scope(), t2.year_earlier()).to_json()
    assert earlier["customer"]["questions"]["planning"] == {"mean": 7.0, "n": 1}
    assert earlier["period"] == {"year": 2024, "tertial": 2, "start": "2024-01-01", "end": "2024-08-31"}
    a = AssignmentFactory()
    invite("six_month", a, status="answered", sent_on=dt.date(2025, 6, 2))
    invite("six_month", a, status="expired", sent_on=dt.date(2025, 6, 2))
    rates = response_rates(Scope(), t2)
    assert rates["six_month"] == {"invited": 2, "answered": 1, "response_rate": 0.5}
    assert rates["customer"]["response_rate"] is None


def test_the_reports_of_several_periods_read_together_are_each_period_s_own():
    """kpi_reports_for reads T1, T2 and the year to date in one fetch (one FILTER per period, the summary by
    month, the revenue per stretch of days): each report equals the one read for its period alone."""
    from decimal import Decimal

    from assignments.models import BillingLine
    from reporting.periods import Period
    from reporting.selectors import kpi_report_for, kpi_reports_for, scope_resolve
    from surveys.models import TrainingSession
    from tests.factories import ContactFactory

    lead, other = ConsultantFactory(), ConsultantFactory()
    AssignmentFactory(contact=(old := ContactFactory()), ordered_on=dt.date(2024, 5, 1))  # not new in 2025
    for month in (2, 3, 6, 7, 10, 11):
        day = dt.date(2025, month, 10)
        a = AssignmentFactory(lead_consultant=lead if month % 2 else other, ordered_on=day,
                              contact=old if month == 6 else ContactFactory(), status="closed_hired",
                              closed_on=day + dt.timedelta(days=20), personal_letter=month > 5, screening=month < 7)
        BillingLine.objects.create(assignment=a, kind="package", description="Paket", unit_price=Decimal(1000 * month))
        respond("customer", day, {"planning": month % 10, "nps": 10 - month % 4, "overall_satisfaction": 8},
                assignment=a)
        respond("candidate", day.replace(day=1), {"ad_clear": "ja", "overall": month % 10})
        invite("customer", a, status="answered" if month < 8 else "expired", sent_on=day)
        invite("candidate", a, status="sent", sent_on=day)
        TrainingSession.objects.create(title="KBR", held_on=day, closes_on=day, consultant=a.lead_consultant,
                                       manual_mean=Decimal("7.50") + month, manual_count=month)
    summarise()
    periods = [Period.for_report(2025, 1), Period.for_report(2025, 2), Period.for_report(2025)]
    for scope in (scope_resolve(), scope_resolve(consultant=lead), scope_resolve(filters={"sector": "ovrigt"})):
        together = [r.to_json() for r in kpi_reports_for(scope, periods)]
        assert together == [kpi_report_for(scope, p).to_json() for p in periods]
    department = kpi_reports_for(scope_resolve(), periods)
    assert [r.assignments.revenue_sek for r in department] == [5000.0, 18000.0, 39000.0]
    assert [r.assignments.new_customers for r in department] == [2, 3, 5]
    assert [r.training.responses for r in department] == [5, 18, 39]
