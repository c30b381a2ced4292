"""The rule across the periods of a year (reporting.privacy.tertials_shown), on hand-made counts: which of
T1, T2 (January-August), May-August, the year and September-December are shown."""
from __future__ import annotations

import datetime as dt
import itertools

import pytest

from reporting.periods import Period
from reporting.privacy import YEAR_PERIODS, tertials_shown

T1, T2, MAY_AUG, YEAR, SEP_DEC = YEAR_PERIODS


def shown(a1: int, a2: int, a3: int) -> set:
    return {p for p, ok in tertials_shown({1: a1, 2: a2, 3: a3}).items() if ok}


def _leaks(counts: tuple[int, int, int], periods: set) -> bool:
    """Independently of the rule: whether integer combinations (-2..2) of the shown periods' figures give
    a set of tertials holding 1-4 answers (as a sum over the tertials with answers)."""
    periods = sorted(periods, key=sorted)
    with_answers = [t for t in (1, 2, 3) if counts[t - 1]]
    for coefficients in itertools.product(range(-2, 3), repeat=len(periods)):
        if not any(coefficients):
            continue
        vector = [sum(c * (t in p) for c, p in zip(coefficients, periods, strict=True)) for t in with_answers]
        if all(v in (0, 1) for v in vector):
            n = sum(counts[t - 1] for t, v in zip(with_answers, vector, strict=True) if v)
            if 0 < n < 5:
                return True
    return False


def test_t2_less_t1_of_one_answer_withholds_t2_may_august_and_the_year():
    """10 in T1, 1 in May-August, none later: T2 less T1 would be one answer, so T2 is withheld; the year
    (11) less T1 too; May-August alone is one answer. T1 stays, and September-December has none."""
    assert shown(10, 1, 0) == {T1, SEP_DEC}


def test_the_year_less_t2_of_one_answer_withholds_the_year_only():
    """10, 10, 1: T1, T2 and May-August (T2 less T1 already) are shown; the year less T2 is one answer."""
    assert shown(10, 10, 1) == {T1, T2, MAY_AUG}


def test_a_withheld_t2_does_not_open_the_year_less_t1():
    """10, 2, 2: T2 is withheld (2 more than T1); checked against the previous shown period only, the year
    (14) would be shown beside T1: 4 answers of May-December. Every earlier shown period counts."""
    assert shown(10, 2, 2) == {T1}
    assert _leaks((10, 2, 2), {T1, YEAR})  # what checking the previous period only would have shown


@pytest.mark.parametrize("counts", [(10, 0, 7), (10, 5, 5), (6, 0, 0), (0, 8, 0), (0, 0, 0), (5, 5, 5)])
def test_differences_of_none_or_five_or_more_stay_shown(counts):
    """Every difference between the periods is 0 or at least 5 (an empty period shows nothing): all shown."""
    assert shown(*counts) == set(YEAR_PERIODS)


def test_three_shown_periods_together_cannot_give_away_a_withheld_tertial():
    """3, 10, 10: T1 is withheld; T2 (13) is shown; May-August (10) would give T1 as T2 less it, so it is
    withheld; the year (23) and September-December (the year less T2) are shown."""
    assert shown(3, 10, 10) == {T2, YEAR, SEP_DEC}
    assert not _leaks((3, 10, 10), {T2, YEAR, SEP_DEC})


def test_no_count_from_0_to_9_per_tertial_leaves_a_shown_combination_of_fewer_than_five():
    """Brute force over every (T1, May-August, September-December) from 0 to 9 answers."""
    for counts in itertools.product(range(10), repeat=3):
        assert not _leaks(counts, shown(*counts)), counts


def test_a_period_is_decided_from_its_own_months_and_earlier_ones_only():
    """What is shown up to August does not change when September-December answers arrive: a figure once
    published (an e-mailed T2 pack) is never withheld later in its place."""
    for a1, a2 in itertools.product(range(8), repeat=2):
        before = tertials_shown({1: a1, 2: a2})
        for a3 in range(8):
            after = tertials_shown({1: a1, 2: a2, 3: a3})
            assert {p: after[p] for p in (T1, T2, MAY_AUG)} == {p: before[p] for p in (T1, T2, MAY_AUG)}


def test_the_periods_the_reports_offer_are_whole_tertials():
    assert Period.for_report(2025, 1).tertials == T1
    assert Period.for_report(2025, 2).tertials == T2
    assert Period.for_report(2025, 3).tertials == YEAR == Period.for_report(2025).tertials
    assert Period.tertial_alone(2025, 2).tertials == MAY_AUG
    assert Period.tertial_alone(2025, 3).tertials == SEP_DEC
    assert Period.for_report(2025, 2).year_earlier().tertials == T2
    assert Period.half_year(2025, 1).tertials is None
    assert Period.year_to(dt.date(2025, 6, 15)).tertials is None
