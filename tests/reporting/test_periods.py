import datetime as dt

import pytest

from reporting.periods import Period, tertial_of

D = dt.date


def test_it_follows_the_year_to_date_in_a_tertial_report():
    assert Period.for_report(2025, 1) == Period(2025, 1, D(2025, 1, 1), D(2025, 4, 30))
    assert Period.for_report(2025, 2) == Period(2025, 2, D(2025, 1, 1), D(2025, 8, 31))
    assert Period.for_report(2025, 3).is_full_year
    assert Period.for_report(2025) == Period(2025, None, D(2025, 1, 1), D(2025, 12, 31))


def test_it_gives_the_four_months_alone_and_the_same_period_a_year_earlier():
    t2 = Period.for_report(2025, 2)
    assert t2.months_alone() == Period(2025, 2, D(2025, 5, 1), D(2025, 8, 31))
    assert t2.year_earlier() == Period(2024, 2, D(2024, 1, 1), D(2024, 8, 31))
    assert Period.tertial_alone(2024, 1).year_earlier().end == D(2023, 4, 30)


def test_it_places_boundary_days_in_their_tertial():
    assert tertial_of(D(2025, 4, 30)) == 1
    assert tertial_of(D(2025, 5, 1)) == 2
    assert tertial_of(D(2025, 9, 1)) == 3
    assert Period.containing(D(2025, 5, 1)) == Period.for_report(2025, 2)


def test_it_refuses_a_fourth_tertial():
    with pytest.raises(ValueError):
        Period.for_report(2025, 4)
