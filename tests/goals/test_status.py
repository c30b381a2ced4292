"""Status rules: direction, no data, year-to-date counts, on track, entered figures."""
from decimal import Decimal

import pytest

from goals.models import EnteredFigure, Goal, Indicator, Plan
from goals.status import MET, NO_DATA, NOT_MET, evaluate, judge
from tests.factories import AssignmentFactory, package

from .conftest import D


def _judge(value, target, direction="higher", unit="percent", periodicity="tertial", period="T2"):
    return judge(value=value, target=target, direction=direction, unit=unit, periodicity=periodicity, period=period)


def test_higher_is_better_is_met_at_or_above_the_target():
    assert _judge(80.0, Decimal(80)).status == MET
    low = _judge(79.5, Decimal(80))
    assert low.status == NOT_MET
    assert low.gap == pytest.approx(-0.5)


def test_lower_is_better_is_met_at_or_below_the_target():
    assert _judge(35.0, Decimal(35), direction="lower").status == MET
    assert _judge(12.0, Decimal(35), direction="lower").status == MET
    high = _judge(40.0, Decimal(35), direction="lower")
    assert high.status == NOT_MET
    assert high.gap == pytest.approx(5.0)


def test_no_value_or_no_target_is_no_data():
    assert _judge(None, Decimal(80)).status == NO_DATA
    assert _judge(50.0, None).status == NO_DATA


def test_a_count_followed_every_tertial_is_an_annual_target_with_on_track():
    t1 = _judge(3, Decimal(9), unit="count", period="T1")
    assert (t1.status, t1.on_track, t1.expected) == (NOT_MET, True, 3.0)
    t2 = _judge(5, Decimal(9), unit="count", period="T2")
    assert (t2.status, t2.on_track, t2.expected) == (NOT_MET, False, 6.0)
    year = _judge(9, Decimal(9), unit="count", period="year")
    assert (year.status, year.on_track) == (MET, True)
    assert _judge(3, Decimal(9), unit="count", periodicity="year", period="T1").on_track is None
    assert _judge(3.0, Decimal(9), unit="score", period="T1").on_track is None


@pytest.fixture
def plan(db):
    plan = Plan.objects.create(year=2030)
    goal = Goal.objects.create(plan=plan, level="enhetsmal", text="Ett mål")
    return plan, goal


def _indicator(plan, goal, key, **kw):
    defaults = {"name": key, "target": Decimal(10), "periodicity": "tertial", "unit": "count",
                "source": "computed"}
    return Indicator.objects.create(plan=plan, goal=goal, key=key, **{**defaults, **kw})


def test_it_evaluates_a_computed_count_year_to_date(plan):
    plan, goal = plan
    ind = _indicator(plan, goal, "kbr", measure="kbr_trainings", target=Decimal(3))
    for month in (2, 3, 6):
        AssignmentFactory(package=package("KBR"), ordered_on=D(2030, month, 1))
    res = evaluate([ind], year=2030)[ind.pk]
    assert (res["T1"].value, res["T1"].status, res["T1"].on_track) == (2, NOT_MET, True)
    assert (res["T2"].value, res["T2"].status) == (3, MET)


def test_entered_counts_add_up_and_entered_rates_are_taken_as_entered(plan):
    plan, goal = plan
    visits = _indicator(plan, goal, "study_visits", source="entered", target=Decimal(6))
    sick = _indicator(plan, goal, "sick_leave", source="entered", unit="percent", direction="lower",
                      target=Decimal("6"))
    for period, value in (("T1", 2), ("T2", 3)):
        EnteredFigure.objects.create(year=2030, period=period, key="study_visits", value=value)
    EnteredFigure.objects.create(year=2030, period="T1", key="sick_leave", value=Decimal("4.5"))
    EnteredFigure.objects.create(year=2030, period="T2", key="sick_leave", value=Decimal("6.5"))
    res = evaluate([visits, sick], year=2030)
    assert res[visits.pk]["T1"].value == 2
    assert res[visits.pk]["T2"].value == 5
    assert res[visits.pk]["T3"].status == NO_DATA  # T3 not entered yet
    assert (res[sick.pk]["T1"].value, res[sick.pk]["T1"].status) == (4.5, MET)
    assert (res[sick.pk]["T2"].value, res[sick.pk]["T2"].status) == (6.5, NOT_MET)
    EnteredFigure.objects.create(year=2030, period="year", key="study_visits", value=7)
    assert evaluate([visits], year=2030)[visits.pk]["year"].value == 7
