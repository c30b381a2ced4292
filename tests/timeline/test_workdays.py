"""Working days: weekends, Swedish public holidays from the `holidays` library, and the department's
own closed days as data."""
import datetime as dt

import pytest

from timeline.models import ClosedDay
from timeline.workdays import Calendar, calendar_load

D = dt.date


def test_a_working_day_after_a_friday_is_monday():
    assert Calendar().add(D(2025, 3, 7), 1) == D(2025, 3, 10)


def test_zero_days_is_the_day_itself():
    assert Calendar().add(D(2025, 3, 8), 0) == D(2025, 3, 8)


def test_midsommar_national_day_and_midsommarafton_as_a_closed_day():
    assert Calendar().add(D(2025, 6, 5), 1) == D(2025, 6, 9)  # Nationaldagen, Friday 6 June
    assert Calendar().add(D(2025, 6, 19), 1) == D(2025, 6, 20)  # Midsommarafton is no public holiday
    closed = Calendar([D(2025, 6, 20)])  # ... but the department closes
    assert closed.add(D(2025, 6, 19), 1) == D(2025, 6, 23)
    assert not Calendar().is_working_day(D(2026, 6, 20))  # Midsommardagen is a Saturday anyway


def test_christmas():
    calendar = Calendar([D(2025, 12, 24)])  # Julafton: the department's closed day
    assert calendar.add(D(2025, 12, 23), 1) == D(2025, 12, 29)
    assert Calendar().add(D(2025, 12, 23), 2) == D(2025, 12, 29)  # 24th is a working day without the data


def test_easter_moves_between_years():
    calendar = Calendar()
    assert calendar.add(D(2025, 4, 17), 1) == D(2025, 4, 22)  # Långfredag 18/4, Annandag påsk 21/4
    assert calendar.add(D(2026, 4, 2), 1) == D(2026, 4, 7)  # Långfredag 3/4, Annandag påsk 6/4
    assert calendar.add(D(2026, 4, 16), 1) == D(2026, 4, 17)  # no Easter there in 2026


def test_a_span_over_new_year():
    # 31/12 closed (data), 1/1 and 6/1 public holidays: 2, 5, 7 and 8 January are working days
    assert Calendar([D(2025, 12, 31)]).between(D(2025, 12, 30), D(2026, 1, 8)) == 4
    assert Calendar().between(D(2025, 12, 30), D(2026, 1, 8)) == 5
    assert Calendar([D(2025, 12, 31)]).add(D(2025, 12, 30), 4) == D(2026, 1, 8)


def test_between_counts_the_day_after_as_one_when_it_is_a_working_day():
    calendar = Calendar()
    assert calendar.between(D(2025, 6, 12), D(2025, 6, 13)) == 1
    assert calendar.between(D(2025, 6, 13), D(2025, 6, 15)) == 0  # a weekend is no delay
    assert calendar.between(D(2025, 6, 13), D(2025, 6, 13)) == 0
    assert calendar.between(D(2025, 6, 13), D(2025, 6, 12)) == 0


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        Calendar().add(D(2025, 1, 2), -1)


@pytest.mark.django_db
def test_closed_days_are_data():
    ClosedDay.objects.create(date=D(2025, 6, 20), name="Midsommarafton")
    assert calendar_load().add(D(2025, 6, 19), 1) == D(2025, 6, 23)
