"""The charts on the report pages, each with the table that says the same, with the right numbers."""
import datetime as dt
import re
from decimal import Decimal

import pytest

from assignments.models import Package
from goals.models import Goal, Indicator, Plan
from tests.factories import AssignmentFactory

from .helpers import respond

pytestmark = pytest.mark.django_db


def _figure(page: str, name: str) -> str:
    """The <figure> holding the chart `name` (its SVG is labelled by `name`-title)."""
    for figure in re.findall(r"<figure.*?</figure>", page, re.S):
        if f'aria-labelledby="{name}-title"' in figure:
            return figure
    raise AssertionError(f"no chart {name}")


def _row(figure: str, header: str) -> list[str]:
    """The text of the table row whose row header is `header`."""
    row = re.search(rf'<tr><th scope="row">{re.escape(header)}</th>(.*?)</tr>', figure, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


@pytest.fixture
def two_years(db):
    for year, planning in ((2024, 8), (2025, 9)):
        assignment = AssignmentFactory(status="closed_hired", ordered_on=dt.date(year, 1, 2),
                                       closed_on=dt.date(year, 3, 1))
        respond("customer", dt.date(year, 3, 10), {"planning": planning, "overall_satisfaction": 9, "nps": 10},
                assignment=assignment)
    plan, _ = Plan.objects.get_or_create(year=2025)
    Indicator.objects.filter(plan=plan).delete()  # the seeded plan's own targets aside: this test's only
    goal = Goal.objects.create(plan=plan, level="enhetsmal", text="Nöjda kunder")
    Indicator.objects.create(plan=plan, goal=goal, key="snitt", name="Snittbetyg", target=Decimal("9.25"),
                             unit="score", periodicity="tertial", source="computed", measure="total_mean")


def test_the_year_over_year_page_draws_each_question_with_its_table_and_target(client, manager, two_years):
    client.force_login(manager)
    page = client.get("/rapporter/ar-for-ar/?year=2025&tertial=1").content.decode()
    planning = _figure(page, "trend_customer_q_planning")
    assert 'role="img"' in planning and "<figcaption" in planning
    assert "Kundenkät: Väl planerad rekrytering" in planning
    assert len(re.findall(r'class="chart-rise"', planning)) == 1  # 8 -> 9
    assert "Visa diagrammets data som tabell" in planning
    assert _row(planning, "2024 jan–apr") == ["8,00", "–ingen uppgift", "1"]  # 2023 has no answers
    assert _row(planning, "2025 jan–apr") == ["9,00", "ökning", "1"]
    assert "chart-target" not in planning  # no target set for the question
    total = _figure(page, "trend_customer_total_mean")
    assert "chart-target" in total and "Mål 9,25" in total  # the plan's target for the figure
    assert "Mål: 9,25 (streckad linje)." in total
    assert _row(total, "2024 jan–apr") == ["8,50", "–ingen uppgift"]
    assert _row(total, "2025 jan–apr") == ["9,00", "ökning"]
    assert "trend_customer_responses-title" not in page  # counts stay in the tables
    # a survey without answers: its charts say so in Swedish
    six = next(f for f in re.findall(r"<figure.*?</figure>", page, re.S) if "Sexmånadersenkät: Matchning" in f)
    assert "Inga data att visa i diagrammet." in six and "<svg" not in six


def test_the_overview_draws_nps_per_tertial_with_its_table(client, manager, two_years):
    client.force_login(manager)
    page = client.get("/rapporter/?year=2025&tertial=1").content.decode()
    nps = _figure(page, "nps_tertialer")
    assert "NPS per tertial, Hela avdelningen" in nps
    assert "T2 2023" in nps and "T1 2025" in nps
    assert _row(nps, "T1 2025") == ["100,0 osäker, 1 svar", "1", "0", "0", "1"]
    assert _row(nps, "T3 2024") == ["–ingen uppgift", "0", "0", "0", "0"]
    assert "Inga data" not in nps


def test_the_lead_time_page_draws_the_spread_per_package_by_name(client, manager):
    for closed in (dt.date(2025, 1, 31), dt.date(2025, 2, 10), dt.date(2025, 3, 2)):  # 30, 40, 60 days
        AssignmentFactory(ordered_on=dt.date(2025, 1, 1), status="closed_hired", closed_on=closed)
    name = Package.objects.get(code="STORA").name
    client.force_login(manager)
    page = client.get("/rapporter/ledtider/?year=2025&tertial=1").content.decode()
    spread = _figure(page, "ledtider_spridning")
    assert "Ledtid från beställning till avslut per paket, dagar" in spread
    assert name in spread and "STORA" not in spread
    assert "median 40" in spread
    assert _row(spread, name) == ["3", "30", "35", "40", "50", "60"]
    assert _row(spread, "Alla paket") == ["3", "30", "35", "40", "50", "60"]
