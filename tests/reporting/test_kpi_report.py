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
    with django_assert_num_queries(7 + survey_read):
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
