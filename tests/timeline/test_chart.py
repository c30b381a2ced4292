"""The plan chart's layout: bars from the step before, marks where done, today's line."""
import datetime as dt

import pytest

from tests.factories import AssignmentFactory
from timeline.chart import plan_chart
from timeline.selectors import plan_step_views
from timeline.services import plan_lay

from .helpers import status_change

pytestmark = pytest.mark.django_db
D = dt.date


def test_bars_follow_the_plan_and_marks_the_actual_dates():
    assignment = AssignmentFactory()
    plan_lay(assignment=assignment, start_on=D(2025, 3, 3))
    status_change(assignment, "start_meeting", D(2025, 3, 12))
    views = plan_step_views(assignment, on=D(2025, 3, 20))
    chart = plan_chart(views, start_on=D(2025, 3, 3), today=D(2025, 3, 20))
    rows = chart["rows"]
    assert len(rows) == 9
    assert [r["bar_x"] for r in rows] == sorted(r["bar_x"] for r in rows)
    assert rows[0]["mark_x"] is not None and rows[1]["mark_x"] is None
    assert rows[0]["bar_x"] == chart["left"]  # the first bar starts at the plan's start
    assert rows[0]["bar_x"] < chart["today_x"] < rows[-1]["bar_x"] + rows[-1]["bar_w"]


def test_no_steps_no_chart():
    assert plan_chart([], start_on=D(2025, 3, 3), today=D(2025, 3, 3)) is None
