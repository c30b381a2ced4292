"""The `kpi` command: the exact JSON shape (reporting's figures with the goals section), Swedish errors."""
import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from goals.kpi import kpi_json
from tests.factories import AssignmentFactory
from tests.reporting.helpers import invite, respond, summarise
from timeline.services import plan_lay

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


# reporting's kpi report, the goals' indicators and AMI, three for the timeliness, six for billing's money
# and two for the orders (a third, their status changes, only when e-service orders exist); two for the year's
# candidate answers per tertial, T2 checked against T1 (reporting.privacy.tertials_shown)
KPI_QUERIES = 27


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
    assert set(report) == set(SHAPE) | {"ami", "indicators", "timeliness", "money", "orders"}
    assert set(report["money"]) == {"invoiced", "invoiceable", "sold_not_invoiceable", "forecast_year", "budget_year"}
    assert set(report["orders"]) == {"received", "via_eservice_share", "median_days_to_accept"}
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
    assert set(report["timeliness"]) == {"planned_on_time_share", "late_by_cause", "median_days_late"}
    # no orders from the e-service: none received, none of the two ordered assignments through it
    assert report["orders"] == {"received": 0, "via_eservice_share": 0.0, "median_days_to_accept": None}


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




def test_it_adds_the_timeliness_of_the_plans_in_the_period_and_scope():
    mine = AssignmentFactory()
    plan = plan_lay(assignment=mine, start_on=dt.date(2025, 3, 3))  # decision planned 8/5
    plan.steps.filter(step="decision").update(done_on=dt.date(2025, 5, 8))
    plan_lay(assignment=AssignmentFactory(), start_on=dt.date(2025, 3, 3))  # nothing done: every step late
    timeliness = _kpi(year=2025, tertial=2)["timeliness"]
    assert timeliness["planned_on_time_share"] == 0.5
    assert timeliness["late_by_cause"]["none"] == 8 + 9
    assert isinstance(timeliness["median_days_late"], float)
    assert _kpi(year=2025, consultant=mine.lead_consultant.email)["timeliness"]["planned_on_time_share"] == 1.0
    assert _kpi(year=2024)["timeliness"]["planned_on_time_share"] is None


@pytest.mark.parametrize("size", [1, 4])
def test_the_whole_kpi_json_runs_a_fixed_number_of_queries(size, django_assert_num_queries):
    _data(size)
    for assignment in AssignmentFactory._meta.model.objects.all():
        plan_lay(assignment=assignment, start_on=dt.date(2025, 3, 3))
    summarise()  # as after the services' commits (a stale month would be rebuilt in the count)
    with django_assert_num_queries(KPI_QUERIES):
        kpi_json(year=2025, tertial=2)
