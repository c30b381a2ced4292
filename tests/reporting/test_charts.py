"""The charts' geometry: target line, rises, gaps, an empty chart, the lead-time spread and NPS per tertial."""
import datetime as dt
import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import resolve

from goals.models import Goal, Indicator, Plan
from goals.targets import report_targets
from reporting.charts import PLOT, lead_time_chart, nps_trend_chart, trend_chart, trend_geometry
from reporting.dashboard.tables import MEAN, PERCENT
from reporting.periods import Period
from reporting.selectors import Scope, lead_times, nps_by_tertial
from tests.factories import AssignmentFactory

from .helpers import respond

YEARS = ["2020", "2021", "2022", "2023", "2024", "2025"]


def _attr(svg: str, css_class: str, name: str) -> list[str]:
    """The `name` attribute of every element with class `css_class`."""
    return [re.search(rf'\b{name}="([^"]*)"', tag).group(1)
            for tag in re.findall(rf'<[a-z]+ class="{css_class}"[^>]*>', svg)]


def _chart(values, **kw):
    return trend_chart(name="t", title="Väl planerad rekrytering", labels=YEARS, values=values, kind=MEAN,
                       column="Medelvärde", first="År", **kw)


def test_the_target_line_is_drawn_at_the_targets_height():
    geometry = trend_geometry(YEARS, [7.0, 7.5, 8.0, 8.2, 8.8, 9.1], kind=MEAN, target=8.0, low=0, high=10)
    height = PLOT["bottom"] - PLOT["top"]
    assert geometry.target_y == pytest.approx(PLOT["top"] + height * 0.2)  # 8 of 0-10: a fifth from the top
    assert geometry.target_text == "Mål 8,00"

    chart = _chart([7.0, 7.5, 8.0, 8.2, 8.8, 9.1], target=9.5)
    drawn = trend_geometry(YEARS, [7.0, 7.5, 8.0, 8.2, 8.8, 9.1], kind=MEAN, target=9.5)
    assert [float(y) for y in _attr(chart.svg, "chart-target", "y1")] == [drawn.y_of(9.5)]
    assert 'stroke-dasharray="6 4"' in chart.svg
    assert "Mål 9,50" in chart.svg
    assert chart.table.note == "Mål: 9,50 (streckad linje)."
    assert all(point.y > drawn.target_y for point in drawn.points)  # every value is under the target
    above = trend_geometry(YEARS, [7.0, 7.5, 8.0, 8.2, 8.8, 9.1], kind=MEAN, target=9.0)
    assert above.points[5].y < above.target_y < above.points[4].y  # 9,1 above the line, 8,8 under it


def test_without_a_target_there_is_no_target_line():
    chart = _chart([7.0, 7.5, 8.0, 8.2, 8.8, 9.1])
    assert "chart-target" not in chart.svg
    assert chart.table.note == ""


def test_rising_points_are_marked_exactly_where_the_value_rose():
    values = [7.0, 7.5, 7.2, None, 8.0, 8.4]  # rose 2021 and 2025; 2024 follows a missing year
    chart = _chart(values)
    geometry = trend_geometry(YEARS, values, kind=MEAN)
    assert [p.rose for p in geometry.points] == [False, True, False, False, False, True]
    tips = [marker.split(" ")[0].split(",")[0] for marker in _attr(chart.svg, "chart-rise", "points")]
    assert [float(x) for x in tips] == [geometry.points[1].x, geometry.points[5].x]
    assert len(_attr(chart.svg, "chart-point", "cx")) == 3  # the other known values are circles
    assert [row[2].value for row in chart.table.rows] == [None, "ökning", "ingen ökning", None, None, "ökning"]
    assert "▲ = högre än året före" in chart.legend


def test_the_rises_given_by_the_table_win():
    chart = _chart([7.0, 7.5, 8.0, 8.2, 8.8, 9.1], rose=[False] * 6)  # e.g. years withheld by the rule of five
    assert "chart-rise" not in chart.svg
    assert [row[2].value for row in chart.table.rows] == [None] + ["ingen ökning"] * 5


def test_missing_years_are_gaps_in_the_line():
    values = [7.0, 7.5, 7.2, None, 8.0, 8.4]
    geometry = trend_geometry(YEARS, values, kind=MEAN)
    chart = _chart(values)
    lines = _attr(chart.svg, "chart-line", "points")
    assert len(lines) == 2  # 2020-2022 and 2024-2025
    assert [len(line.split(" ")) for line in lines] == [3, 2]
    assert geometry.points[3].y is None
    assert all(f"{geometry.points[3].x}," not in line for line in lines)
    assert "2023" in chart.svg  # the year keeps its place on the axis
    assert chart.table.rows[3][1].value is None  # and its row in the table ("–")


def test_a_lone_value_is_a_point_without_a_line():
    chart = _chart([None, None, 8.0, None, None, None])
    assert _attr(chart.svg, "chart-line", "points") == []
    assert len(_attr(chart.svg, "chart-point", "cx")) == 1


def test_no_data_is_no_chart_but_a_swedish_text():
    chart = _chart([None] * 6, target=9.0)
    assert chart.empty
    assert "<svg" not in chart.svg
    assert "Inga data" in chart.svg
    html = render_to_string("reporting/dashboard/_chart.html", {"chart": chart})
    assert "Inga data att visa i diagrammet." in html
    assert "<details" not in html
    assert "<figcaption" in html and "Väl planerad rekrytering" in html


def test_a_share_stays_within_zero_and_hundred_percent():
    geometry = trend_geometry(YEARS, [0.95, 0.97, 1.0, 0.99, None, 0.98], kind=PERCENT)
    assert 0 <= geometry.low < 0.95 and geometry.high == 1.0
    assert geometry.ticks[-1]["text"] == "100\u00a0%"


def test_the_chart_is_an_image_named_by_its_title_and_scales():
    chart = _chart([7.0, 7.5, 8.0, 8.2, 8.8, 9.1])
    assert 'role="img"' in chart.svg and 'aria-labelledby="t-title"' in chart.svg
    assert '<title id="t-title">Väl planerad rekrytering</title>' in chart.svg
    assert 'viewBox="0 0 480 220"' in chart.svg
    assert "style=" not in chart.svg  # strict CSP: no inline style
    html = render_to_string("reporting/dashboard/_chart.html", {"chart": chart})
    assert "<figure" in html and "<figcaption" in html and "Visa diagrammets data som tabell" in html
    assert "9,10" in html  # the table beside it, Swedish numbers


def test_the_lead_time_box_spans_the_quartiles_with_the_median_marked():
    spread = {"min": 10, "q1": 20, "median": 30, "q3": 40, "max": 90}
    chart = lead_time_chart(name="l", title="Ledtid", rows=[("Stor rekrytering", spread, 5),
                                                            ("Chefsrekrytering", None, 0)])
    left = float(_attr(chart.svg, "chart-box-quartiles", "x")[0])
    width = float(_attr(chart.svg, "chart-box-quartiles", "width")[0])
    median = float(_attr(chart.svg, "chart-median", "x1")[0])
    whisker = [float(v) for v in (_attr(chart.svg, "chart-whisker", "x1")[0], _attr(chart.svg, "chart-whisker",
                                                                                        "x2")[0])]
    per_day = width / 20
    assert median - left == pytest.approx(10 * per_day)
    assert left - whisker[0] == pytest.approx(10 * per_day)
    assert whisker[1] - left == pytest.approx(70 * per_day)
    assert "Stor rekrytering" in chart.svg and "Chefsrekrytering" not in chart.svg  # no closed assignments
    assert [c.value for c in chart.table.rows[0]] == ["Stor rekrytering", 5, 10, 20, 30, 40, 90]
    assert lead_time_chart(name="l", title="Ledtid", rows=[("Stor rekrytering", None, 0)]).empty


def test_nps_per_tertial_draws_a_line_with_gaps_and_the_target():
    tertials = [{"period": Period.tertial_alone(y, t), "nps": nps, "n": n, "promoters": p, "passives": pa,
                 "detractors": d}
                for (y, t), nps, n, p, pa, d in (((2024, 2), 50.0, 4, 3, 0, 1), ((2024, 3), None, 0, 0, 0, 0),
                                                  ((2025, 1), 100.0, 2, 2, 0, 0))]
    chart = nps_trend_chart(name="n", title="NPS per tertial", tertials=tertials, target=70)
    assert "T2 2024" in chart.svg and "T1 2025" in chart.svg
    assert _attr(chart.svg, "chart-line", "points") == []  # the gap breaks the only run
    assert len(_attr(chart.svg, "chart-point", "cx")) == 2
    assert "Mål 70,0" in chart.svg
    assert [c.value for c in chart.table.rows[0]] == ["T2 2024", 50.0, 3, 0, 1, 4]


@pytest.mark.django_db
def test_nps_per_tertial_counts_each_tertials_answers_up_to_the_period_end():
    for day, nps in ((dt.date(2024, 10, 1), 10), (dt.date(2024, 12, 31), 3), (dt.date(2025, 4, 30), 9),
                     (dt.date(2025, 5, 2), 0), (dt.date(2023, 12, 31), 0)):
        respond("customer", day, {"nps": nps, "planning": 8})
    found = nps_by_tertial(Scope(), Period.for_report(2025, 1))
    assert [(t["period"].year, t["period"].tertial) for t in found] == [
        (2023, 2), (2023, 3), (2024, 1), (2024, 2), (2024, 3), (2025, 1)]
    assert [(t["n"], t["promoters"], t["passives"], t["detractors"], t["nps"]) for t in found] == [
        (0, 0, 0, 0, None), (1, 0, 0, 1, -100.0), (0, 0, 0, 0, None), (0, 0, 0, 0, None), (2, 1, 0, 1, 0.0),
        (1, 1, 0, 0, 100.0)]  # the answer of 2 May is after the period


@pytest.mark.django_db
def test_lead_times_give_the_spread_of_the_days_to_closing():
    for closed in (dt.date(2025, 1, 31), dt.date(2025, 2, 10), dt.date(2025, 3, 2)):  # 30, 40, 60 days
        AssignmentFactory(ordered_on=dt.date(2025, 1, 1), status="closed_hired", closed_on=closed)
    spread = lead_times(Scope(), Period.for_report(2025))["STORA"]["closing_spread"]
    assert spread == {"min": 30, "q1": 35.0, "median": 40.0, "q3": 50.0, "max": 60}


@pytest.mark.django_db
def test_the_plans_targets_reach_reporting_by_the_figures_path():
    plan = Plan.objects.create(year=2031)
    goal = Goal.objects.create(plan=plan, level="enhetsmal", text="Nöjda kunder")
    common = {"plan": plan, "goal": goal, "periodicity": "tertial", "source": "computed"}
    Indicator.objects.create(key="nps", name="NPS", target=Decimal(70), unit="score", measure="nps", **common)
    Indicator.objects.create(key="fair", name="Icke-diskriminerande", target=Decimal(97), unit="percent",
                             measure="question_yes_share",
                             params={"survey": "candidate", "question": "non_discriminatory"}, **common)
    Indicator.objects.create(key="ads", name="Annonser", target=Decimal(35), unit="percent", measure="share_of_ads",
                             **common)  # not a figure of the reports: no line
    Indicator.objects.create(key="text", name="Utan mål", target=None, unit="score", measure="total_mean", **common)
    expected = {"customer.nps": 70.0, "candidate.questions.non_discriminatory.yes_share": 0.97}
    assert report_targets(year=2031) == expected
    assert report_targets(year=2032) == {}
    # the project's urls.py hands them to reporting's pages (reporting imports no goals)
    for url in ("/rapporter/", "/rapporter/ar-for-ar/", "/rapporter/export/"):
        assert resolve(url).func.view_initkwargs["targets"] is report_targets


def test_a_chart_drawn_again_with_other_figures_is_drawn_anew_never_from_the_reused_drawing():
    """Drawings are reused by their figures (reporting.charts._trend_drawing, _bar_svg, _stacked_svg):
    the same figures give the same SVG, a changed figure (or the same number as another type) another."""
    from reporting.charts import bar_chart, nps_chart
    from reporting.formatting import format_value

    first = _chart([7.0, 7.5, 8.0, 8.2, 8.8, 9.1])
    assert _chart([7.0, 7.5, 8.0, 8.2, 8.8, 9.1]).svg == first.svg
    changed = _chart([7.0, 7.5, 8.0, 8.2, 8.8, 6.1])
    assert "6,10" in changed.svg and "9,10" not in changed.svg
    assert "9,10" in first.svg
    assert _chart([7.0, 7.5, 8.0, 8.2, 8.8, 9.1], target=9.5).svg != first.svg  # the target is part of the key

    def bars(share):
        return bar_chart(name="b", title="Andel", items=[("Stora paketet", share)], kind=PERCENT, column="Andel").svg

    forty, fifty, sixty, seventy = (f">{format_value(share, PERCENT)}<" for share in (0.4, 0.5, 0.6, 0.7))
    assert forty in bars(0.4) and forty not in bars(0.5) and fifty in bars(0.5)
    stacked = nps_chart(name="n", title="NPS", series=[("2025", 6, 2, 2)]).svg
    assert sixty in stacked  # promoters 6 of 10
    again = nps_chart(name="n", title="NPS", series=[("2025", 7, 2, 1)]).svg
    assert sixty not in again and seventy in again
