"""The `kpi` command: the exact JSON shape, Swedish errors, a fixed number of queries, the extension hook."""
import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from reporting.selectors import kpi_report
from tests.factories import AssignmentFactory, ConsultantFactory

from .helpers import invite, respond, summarise

pytestmark = pytest.mark.django_db

SHAPE = {
    "period": {"year", "tertial", "start", "end"},
    "customer": {"responses", "invited", "response_rate", "nps", "nps_margin", "promoters", "passives", "detractors",
                 "overall_satisfaction", "satisfied_share", "total_mean", "questions"},
    "candidate": {"responses", "invited", "response_rate", "satisfied_share", "questions"},
    "six_month": {"responses", "invited", "response_rate", "match_mean", "use_again_share"},
    "training": {"responses", "mean"},
    "assignments": {"ordered", "closed", "by_package", "revenue_sek", "revenue_per_fte", "personal_letter_share",
                    "screening_count", "new_customers"},
}


def _kpi(**kwargs) -> dict:
    out = StringIO()
    call_command("kpi", format="json", stdout=out, **kwargs)
    text = out.getvalue()
    assert text.count("\n") <= 1  # one object
    return json.loads(text)


def _data(size: int):
    for i in range(size):
        a = AssignmentFactory(status="closed_hired", closed_on=dt.date(2025, 4, 1 + i % 20),
                              personal_letter=i % 2 == 0)
        respond("customer", dt.date(2025, 4, 2), {"planning": 9, "overall_satisfaction": 10, "nps": 9}, assignment=a)
        respond("candidate", dt.date(2025, 4, 2), {"ad_clear": "ja", "overall": 8}, assignment=a)
        respond("six_month", dt.date(2025, 4, 2), {"match": 9, "use_again": "ja"}, assignment=a)
        respond("training", dt.date(2025, 4, 2), {"overall": 9})
        invite("customer", a, status="answered", sent_on=dt.date(2025, 4, 1))


def test_it_prints_exactly_the_agreed_json_shape(settings):
    settings.REPORT_MIN_CANDIDATE_GROUP = 1  # the shape of the candidate figures, from two answers
    _data(2)
    report = _kpi(year=2025, tertial=2)
    assert set(report) == set(SHAPE) | {"ami", "indicators"}
    for section, keys in SHAPE.items():
        assert set(report[section]) == keys, section
    assert report["ami"] is None
    # the 2025 plan is seeded, so the goals extension lists its indicators in the agreed shape
    assert report["indicators"]
    for item in report["indicators"]:
        assert set(item) == {"key", "name", "goal", "target", "value", "unit", "direction", "status"}
    assert report["period"] == {"year": 2025, "tertial": 2, "start": "2025-01-01", "end": "2025-08-31"}
    assert set(report["customer"]["questions"]["planning"]) == {"mean", "n"}
    assert set(report["candidate"]["questions"]["ad_clear"]) == {"yes_share", "n"}
    assert set(report["candidate"]["questions"]["overall"]) == {"mean", "n"}
    assert report["assignments"]["by_package"] == {"STORA": 2}
    assert (report["customer"]["invited"], report["customer"]["response_rate"]) == (2, 1.0)
    assert report["training"] == {"responses": 2, "mean": 9.0}


def test_it_prints_unrounded_numbers_and_null_where_there_is_no_data():
    respond("customer", dt.date(2025, 1, 2), {"planning": 10})
    respond("customer", dt.date(2025, 1, 2), {"planning": 9})
    respond("customer", dt.date(2025, 1, 2), {"planning": 9})
    report = _kpi(year=2025)
    assert report["customer"]["questions"]["planning"]["mean"] == pytest.approx(28 / 3, abs=1e-12)
    assert report["customer"]["nps"] is None
    assert report["six_month"]["match_mean"] is None
    assert report["assignments"]["revenue_per_fte"] is None


def test_it_refuses_an_unknown_consultant_or_unit_in_swedish():
    with pytest.raises(CommandError, match="Det finns ingen konsult med e-postadressen"):
        _kpi(year=2025, consultant="ingen@rekrytering.example.se")
    with pytest.raises(CommandError, match="Det finns ingen enhet som heter"):
        _kpi(year=2025, unit="Enhet 9")


def test_it_reports_one_consultant_by_email():
    a = AssignmentFactory()
    AssignmentFactory()
    report = _kpi(year=2025, consultant=a.lead_consultant.email.upper())
    assert report["assignments"]["ordered"] == 1


@pytest.mark.parametrize("size", [2, 12])
def test_it_uses_a_fixed_number_of_queries_whatever_the_data_size(size, django_assert_num_queries, settings):
    settings.KPI_EXTENSIONS = []  # the goals extension counts its own queries in tests/goals
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


def _extension(report, *, year, tertial, consultant, unit):
    report["indicators"].append({"year": year, "tertial": tertial, "consultant": consultant and consultant.email,
                                 "unit": unit and unit.name})
    report["ami"] = {"total": 88}


def test_it_lets_extensions_fill_ami_and_indicators(settings):
    settings.KPI_EXTENSIONS = ["tests.reporting.test_kpi_command._extension"]
    report = kpi_report(year=2025, tertial=1, unit="Enhet 1")
    assert report["ami"] == {"total": 88}
    assert report["indicators"] == [{"year": 2025, "tertial": 1, "consultant": None, "unit": "Enhet 1"}]


def test_it_reports_the_four_months_alone_and_a_year_earlier():
    from reporting.periods import Period
    from reporting.selectors import Scope, kpi_report_for, response_rates

    respond("customer", dt.date(2024, 6, 1), {"planning": 7})
    respond("customer", dt.date(2025, 3, 1), {"planning": 9})
    respond("customer", dt.date(2025, 6, 1), {"planning": 10})
    t2 = Period.for_report(2025, 2)
    assert kpi_report_for(Scope(), t2.months_alone())["customer"]["questions"]["planning"] == {"mean": 10.0, "n": 1}
    earlier = kpi_report_for(Scope(), t2.year_earlier())
    assert earlier["customer"]["questions"]["planning"] == {"mean": 7.0, "n": 1}
    assert earlier["period"] == {"year": 2024, "tertial": 2, "start": "2024-01-01", "end": "2024-08-31"}
    a = AssignmentFactory()
    invite("six_month", a, status="answered", sent_on=dt.date(2025, 6, 2))
    invite("six_month", a, status="expired", sent_on=dt.date(2025, 6, 2))
    rates = response_rates(Scope(), t2)
    assert rates["six_month"] == {"invited": 2, "answered": 1, "response_rate": 0.5}
    assert rates["customer"]["response_rate"] is None
