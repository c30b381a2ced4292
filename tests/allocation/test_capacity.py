"""The capacity rule: hours per week from FTE, share, availability and the working-day calendar; booked hours
spread over an assignment's planned timeline, or what is left of them when hours are recorded."""
import datetime as dt
from decimal import Decimal

import pytest
from django.test import override_settings

from allocation.capacity import Period, Window, assignment_window, booked_by_day, capacity_by_day, weekly, weeks_from
from allocation.selectors import capacity_overview
from tests.factories import AssignmentFactory, ConsultantFactory, package
from timeline.models import ClosedDay
from timeline.workdays import Calendar, calendar_load

from .helpers import leave, part_time, plan, profile

MAY_4 = dt.date(2026, 5, 4)     # a Monday; the week after has Ascension Day (Thursday 14 May)
MAY_11 = dt.date(2026, 5, 11)
SHARE = Decimal("0.70")


def week_hours(capacity: dict, monday: dt.date) -> Decimal:
    return sum((h for d, h in capacity.items() if monday <= d < monday + dt.timedelta(days=7)), Decimal(0))


def test_a_full_week_is_40_hours_times_fte_times_share():
    cal = Calendar()
    cap = capacity_by_day(start=MAY_4, end=MAY_4 + dt.timedelta(days=6), fte=Decimal("1.00"), share=SHARE,
                          periods=[], calendar=cal)
    assert week_hours(cap, MAY_4) == Decimal("28.00")
    cap = capacity_by_day(start=MAY_4, end=MAY_4 + dt.timedelta(days=6), fte=Decimal("0.80"), share=Decimal("0.5"),
                          periods=[], calendar=cal)
    assert week_hours(cap, MAY_4) == Decimal("16.0")


def test_a_public_holiday_and_a_closed_day_take_their_day_off_the_week():
    cap = capacity_by_day(start=MAY_11, end=MAY_11 + dt.timedelta(days=6), fte=Decimal(1), share=SHARE,
                          periods=[], calendar=Calendar())
    assert dt.date(2026, 5, 14) not in cap                      # Kristi himmelfärdsdag
    assert week_hours(cap, MAY_11) == Decimal("22.40")          # 4 days x 8 h x 0.70
    closed = Calendar([dt.date(2026, 5, 15)])                   # the department's own closed day (klämdag)
    cap = capacity_by_day(start=MAY_11, end=MAY_11 + dt.timedelta(days=6), fte=Decimal(1), share=SHARE,
                          periods=[], calendar=closed)
    assert week_hours(cap, MAY_11) == Decimal("16.80")


def test_availability_periods_replace_the_fte_on_their_days():
    cal = Calendar()
    part = Period(starts_on=dt.date(2026, 5, 6), ends_on=dt.date(2026, 5, 31), fte=Decimal("0.50"), leave=False)
    cap = capacity_by_day(start=MAY_4, end=MAY_4 + dt.timedelta(days=6), fte=Decimal(1), share=SHARE,
                          periods=[part], calendar=cal)
    assert week_hours(cap, MAY_4) == Decimal("19.6")            # Mon, Tue 5.6 each; Wed-Fri 2.8 each
    away = Period(starts_on=MAY_4, ends_on=dt.date(2026, 5, 8), fte=Decimal(0), leave=True)
    cap = capacity_by_day(start=MAY_4, end=MAY_4 + dt.timedelta(days=6), fte=Decimal(1), share=SHARE,
                          periods=[away], calendar=cal)
    assert week_hours(cap, MAY_4) == 0


def test_standard_hours_are_spread_evenly_over_the_plans_working_days():
    cal = Calendar()
    window = Window(MAY_4, dt.date(2026, 5, 15))                # 5 + 4 working days (Ascension Day)
    booked = booked_by_day(window=window, standard_hours=Decimal(28), recorded_hours=None, on=MAY_4, calendar=cal)
    assert len(booked) == 9 and dt.date(2026, 5, 14) not in booked
    weeks = weekly(mondays=[MAY_4, MAY_11], capacity={}, booked=booked, on=MAY_4)
    assert [round(w.booked, 2) for w in weeks] == [Decimal("15.56"), Decimal("12.44")]
    assert sum(booked.values()) == pytest.approx(Decimal(28))
    # a week into the plan, without recorded hours, the days already passed keep their share
    later = booked_by_day(window=window, standard_hours=Decimal(28), recorded_hours=None, on=MAY_11, calendar=cal)
    assert round(sum(later.values()), 2) == Decimal("12.44")


def test_recorded_hours_leave_the_rest_of_the_standard_over_the_remaining_days():
    cal = Calendar()
    window = Window(MAY_4, dt.date(2026, 5, 15))
    booked = booked_by_day(window=window, standard_hours=Decimal(28), recorded_hours=Decimal(10), on=MAY_11,
                           calendar=cal)
    assert sorted(booked) == [dt.date(2026, 5, 11), dt.date(2026, 5, 12), dt.date(2026, 5, 13), dt.date(2026, 5, 15)]
    assert sum(booked.values()) == Decimal(18)
    # more recorded than the standard: nothing left to book
    assert booked_by_day(window=window, standard_hours=Decimal(28), recorded_hours=Decimal(30), on=MAY_11,
                         calendar=cal) == {}
    # an overdue plan with hours left books them in the rest of this week
    wednesday = dt.date(2026, 5, 20)
    overdue = booked_by_day(window=window, standard_hours=Decimal(28), recorded_hours=Decimal(20), on=wednesday,
                            calendar=cal)
    assert sorted(overdue) == [wednesday, dt.date(2026, 5, 21), dt.date(2026, 5, 22)]
    assert round(sum(overdue.values()), 6) == Decimal(8)


def test_without_a_plan_the_window_is_today_and_the_packages_standard_lead_time():
    assert assignment_window(plan_start=None, plan_end=None, lead_days=45, on=MAY_4) == Window(
        MAY_4, dt.date(2026, 6, 18))
    assert assignment_window(plan_start=MAY_4, plan_end=dt.date(2026, 5, 15), lead_days=45, on=MAY_11) == Window(
        MAY_4, dt.date(2026, 5, 15))
    with override_settings(ALLOCATION_DEFAULT_LEAD_DAYS=10):
        assert assignment_window(plan_start=None, plan_end=None, lead_days=None, on=MAY_4).end == dt.date(2026, 5, 14)


def test_weeks_start_with_the_current_week():
    assert weeks_from(dt.date(2026, 5, 6), 3) == [MAY_4, MAY_11, dt.date(2026, 5, 18)]


@pytest.mark.django_db
def test_the_overview_puts_a_planned_assignment_against_the_consultants_weeks():
    consultant = ConsultantFactory(name="Anna Andersson")
    prof = profile(consultant, assignment_share=Decimal("0.50"))
    part_time(prof, dt.date(2026, 5, 11), dt.date(2026, 5, 13), "0.50")
    planned = AssignmentFactory(lead_consultant=consultant, package=package("STORA"))   # 28 h
    plan(planned, MAY_4, dt.date(2026, 5, 15))
    AssignmentFactory(lead_consultant=consultant, status="closed_hired")                 # closed: not counted
    ClosedDay.objects.create(date=dt.date(2026, 5, 15), name="Klämdag")                  # 8 working days left
    away = ConsultantFactory(name="Bertil Borta")
    leave(profile(away), MAY_4, dt.date(2026, 5, 17))

    mondays, rows = capacity_overview(on=MAY_4, weeks=2, calendar=calendar_load())
    by_name = {row.person.consultant.name: row for row in rows}
    anna = by_name["Anna Andersson"]
    assert mondays == [MAY_4, MAY_11]
    # week 1: 5 days x 8 x 1.0 x 0.5 = 20; week 2: Mon-Wed at 0.5 FTE (2 h each), Thu holiday, Fri closed = 6
    assert [w.capacity for w in anna.weeks] == [Decimal("20.0"), Decimal("6.00")]
    assert [round(w.booked, 1) for w in anna.weeks] == [Decimal("17.5"), Decimal("10.5")]  # 28 h over 8 days
    assert round(anna.weeks[1].free, 1) == Decimal("-4.5")
    assert [w.capacity for w in by_name["Bertil Borta"].weeks] == [0, 0]


@pytest.mark.parametrize(("window", "recorded", "on"), [
    (Window(dt.date(2026, 5, 4), dt.date(2026, 6, 26)), None, dt.date(2026, 5, 6)),  # a plan, from a Wednesday
    (Window(dt.date(2026, 5, 16), dt.date(2026, 5, 17)), None, dt.date(2026, 5, 4)),  # a weekend: its next day
    (Window(dt.date(2026, 4, 1), dt.date(2026, 7, 31)), Decimal(10), dt.date(2026, 5, 11)),  # hours recorded
    (Window(dt.date(2026, 3, 2), dt.date(2026, 4, 24)), Decimal(5), dt.date(2026, 5, 13)),  # overdue
    (Window(dt.date(2026, 5, 4), dt.date(2026, 6, 26)), Decimal(40), dt.date(2026, 5, 4)),  # nothing left
])
def test_the_weekly_sums_of_the_load_view_are_the_day_figures_summed(window, recorded, on):
    """capacity_overview sums bookings per week without walking the days: the same hours as booked_by_day's."""
    from allocation.capacity import booked_by_week

    cal = Calendar([dt.date(2026, 5, 15)])
    mondays = weeks_from(on, 8)
    days = booked_by_day(window=window, standard_hours=Decimal(28), recorded_hours=recorded, on=on, calendar=cal,
                         within=(on, mondays[-1] + dt.timedelta(days=6)))
    by_day = {w.monday: w.booked for w in weekly(mondays=mondays, capacity={}, booked=days, on=on)}
    by_week = booked_by_week(window=window, standard_hours=Decimal(28), recorded_hours=recorded, on=on, calendar=cal,
                             mondays=mondays)
    assert {m: round(by_week.get(m, Decimal(0)), 20) for m in mondays} == {m: round(h, 20) for m, h in by_day.items()}
    if recorded == 40:  # more recorded than the package's hours: nothing booked
        assert by_week == {} and not any(by_day.values())
    else:
        assert any(by_week.values())


@pytest.mark.parametrize(("on", "periods"), [
    (MAY_4, []),                                                                  # whole weeks, Ascension Day
    (dt.date(2026, 5, 13), []),                                                   # from a Wednesday
    (dt.date(2026, 6, 17), []),                                                   # Midsummer Eve in the weeks
    (dt.date(2026, 12, 16), []),                                                  # Christmas and New Year
    (MAY_4, [Period(starts_on=dt.date(2026, 5, 6), ends_on=dt.date(2026, 5, 20), fte=Decimal("0.50"),
                    leave=False),
             Period(starts_on=dt.date(2026, 6, 1), ends_on=dt.date(2026, 6, 12), fte=Decimal(0), leave=True)]),
])
def test_the_weekly_capacity_of_the_load_view_is_the_day_figures_summed(on, periods):
    """capacity_overview sums capacity per week without walking the days where no period touches a week:
    the very same Decimals as capacity_by_day's days summed."""
    from allocation.capacity import capacity_by_week

    cal = Calendar([dt.date(2026, 5, 15), dt.date(2026, 12, 23)])
    mondays = weeks_from(on, 8)
    for fte, share in [(Decimal("1.00"), SHARE), (Decimal("0.75"), Decimal("0.7")), (Decimal("0.00"), SHARE)]:
        by_day = capacity_by_day(start=on, end=mondays[-1] + dt.timedelta(days=6), fte=fte, share=share,
                                 periods=periods, calendar=cal)
        summed = {w.monday: w.capacity for w in weekly(mondays=mondays, capacity=by_day, booked={}, on=on)}
        by_week = capacity_by_week(mondays=mondays, on=on, fte=fte, share=share, periods=periods, calendar=cal)
        assert by_week == summed
        assert [str(h) for h in by_week.values()] == [str(h) for h in summed.values()]  # the same digits shown
