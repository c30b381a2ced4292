"""The one tertial rule: reporting and the timeline read it from recruitment.periods."""
import datetime as dt

import pytest

import reporting.periods
from recruitment.periods import TERTIAL_MONTHS, tertial_of


@pytest.mark.parametrize(("day", "tertial"), [
    (dt.date(2025, 1, 1), 1), (dt.date(2025, 4, 30), 1), (dt.date(2025, 5, 1), 2),
    (dt.date(2025, 8, 31), 2), (dt.date(2025, 9, 1), 3), (dt.date(2025, 12, 31), 3),
])
def test_tertial_of(day, tertial):
    assert tertial_of(day) == tertial
    first, last = TERTIAL_MONTHS[tertial]
    assert first <= day.month <= last


def test_reporting_re_exports_the_same_rule():
    assert reporting.periods.tertial_of is tertial_of
    assert reporting.periods.TERTIAL_MONTHS is TERTIAL_MONTHS


def test_the_tertial_rule_is_written_once():
    """No app keeps its own copy of the month arithmetic."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    copies = [str(path.relative_to(root)) for app in ("reporting", "timeline", "goals", "assignments", "surveys")
              for path in (root / app).rglob("*.py") if "// 4 + 1" in path.read_text(encoding="utf-8")]
    assert copies == []
