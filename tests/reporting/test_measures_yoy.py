"""Year over year and the published aggregates."""
import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command

from reporting.models import SurveyAggregate
from reporting.selectors import Scope, kpi_report, survey_yoy
from tests.factories import AssignmentFactory

from .helpers import respond
from .sample_loader import SAMPLES

pytestmark = pytest.mark.django_db


def _kpi(**kwargs) -> dict:
    out = StringIO()
    call_command("kpi", format="json", stdout=out, **kwargs)
    return json.loads(out.getvalue())


@pytest.mark.parametrize(("year", "total"), [(2020, 9.527), (2021, 9.475), (2022, 9.486), (2024, 9.677)])
def test_it_reproduces_the_published_total_mean_from_the_aggregates(year, total):
    call_command("import_survey_aggregates", str(SAMPLES / "aggregates.csv"), stdout=StringIO())
    customer = _kpi(year=year)["customer"]
    assert customer["total_mean"] == pytest.approx(total, abs=0.0006)
    assert customer["nps"] is None


def test_it_prefers_raw_answers_over_aggregates_for_a_year():
    SurveyAggregate.objects.create(year=2025, survey="customer", question="planning", mean=9.57)
    SurveyAggregate.objects.create(year=2025, survey="customer", question="overall_satisfaction", mean=9.56)
    assert kpi_report(year=2025).to_json()["customer"]["total_mean"] == pytest.approx(9.565)
    respond("customer", dt.date(2025, 10, 1), {"planning": 6})
    customer = kpi_report(year=2025).to_json()["customer"]
    assert customer["questions"] == {"planning": {"mean": 6.0, "n": 1}}
    assert customer["total_mean"] == 6.0


def test_it_uses_aggregates_only_for_the_whole_department_and_year():
    SurveyAggregate.objects.create(year=2021, survey="customer", question="planning", mean=9.4, n=300)
    assert kpi_report(year=2021).to_json()["customer"]["questions"] == {"planning": {"mean": 9.4, "n": 300}}
    assert kpi_report(year=2021, tertial=1).to_json()["customer"]["questions"] == {}
    assert kpi_report(year=2021, unit="Enhet 1").to_json()["customer"]["questions"] == {}


def test_it_shows_a_question_missing_in_one_year_as_none():
    respond("customer", dt.date(2023, 5, 1), {"planning": 8, "treatment": 9})
    respond("customer", dt.date(2024, 5, 1), {"planning": 9, "treatment": 10})
    respond("customer", dt.date(2025, 5, 1), {"planning": 9, "nps": 10})
    table = survey_yoy(kind="customer", last_year=2025, years=3)
    assert table["years"] == [2023, 2024, 2025]
    rows = {row["key"]: row for row in table["questions"]}
    assert rows["treatment"]["values"] == [9.0, 10.0, None]
    assert rows["planning"]["values"] == [8.0, 9.0, 9.0]
    assert rows["planning"]["rose"] == [False, True, False]  # equal is not a rise
    assert rows["treatment"]["rose"] == [False, True, False]
    summary = {row["key"]: row for row in table["summary"]}
    assert summary["nps"]["values"] == [None, None, 100.0]


def test_it_mixes_aggregate_years_and_answer_years_in_the_history():
    call_command("import_survey_aggregates", str(SAMPLES / "aggregates.csv"), stdout=StringIO())
    respond("customer", dt.date(2025, 5, 1), {"planning": 10, "overall_satisfaction": 10})
    table = survey_yoy(kind="customer", last_year=2025)
    assert table["years"] == [2020, 2021, 2022, 2023, 2024, 2025]
    assert table["sources"] == ["aggregates"] * 5 + ["answers"]
    totals = {row["key"]: row for row in table["summary"]}["total_mean"]["values"]
    assert totals[0] == pytest.approx(9.527)
    assert totals[5] == 10.0
    planning = {row["key"]: row for row in table["questions"]}["planning"]
    assert planning["values"][:2] == [9.45, 9.40]
    assert planning["rose"][:3] == [False, False, False]
    assert planning["rose"][5] is True


def test_it_gives_history_per_unit_and_consultant_without_aggregates():
    from assignments.models import Unit

    call_command("import_survey_aggregates", str(SAMPLES / "aggregates.csv"), stdout=StringIO())
    a = AssignmentFactory()
    respond("candidate", dt.date(2024, 5, 1), {"ad_clear": "ja"}, assignment=a)
    for _ in range(5):
        respond("candidate", dt.date(2025, 5, 1), {"ad_clear": "nej"}, assignment=a)
    unit = Scope(unit=Unit.objects.get(name="Enhet 1"))
    table = survey_yoy(kind="candidate", last_year=2025, years=2, scope=unit)
    # 2024: one answer in the unit, withheld by the rule of five
    assert table["questions"] == [{"key": "ad_clear", "measure": "yes_share", "values": [None, 0.0],
                                   "n": [None, 5], "rose": [False, False]}]
    assert table["hidden"] == [True, False]
    mine = survey_yoy(kind="candidate", last_year=2025, years=2, scope=Scope(consultant=a.lead_consultant))
    assert mine["questions"][0]["values"] == [None, 0.0]  # 2024: one answer, withheld
    assert survey_yoy(kind="customer", last_year=2025, scope=unit)["questions"] == []
