"""Charts a person sees in Chromium: year over year and the load view at 360 and 1280 px, each chart with its
table, no sideways scrolling of the page, axe-core clean."""
from decimal import Decimal

import pytest
from django.urls import reverse

from assignments.models import Consultant, ConsultantBudget
from tests.reporting.sample_loader import load_samples

from .conftest import axe_violations, login

WIDTHS = (360, 1280)


def _check_figures(page, *, at_least: int) -> None:
    """Every drawn chart is visible and has its table in the same figure; the page does not scroll sideways."""
    figures = page.locator("figure:has(svg[role='img'])")
    assert figures.count() >= at_least
    for i in range(figures.count()):
        figure = figures.nth(i)
        svg = figure.locator("svg[role='img']")
        svg.scroll_into_view_if_needed()
        assert svg.is_visible()
        box = svg.bounding_box()
        assert box["width"] > 100 and box["height"] > 20
        assert figure.locator("figcaption").count() == 1
        title_id = svg.get_attribute("aria-labelledby")
        assert figure.locator(f"[id='{title_id}']").count() == 1
        assert figure.locator("details table caption").count() == 1  # "Visa diagrammets data som tabell"
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]][:3]) for v in violations]


@pytest.mark.django_db(transaction=True)
def test_the_year_over_year_page_and_the_load_view_show_charts_with_tables_at_both_widths(page, live_server,
                                                                                          manager):
    load_samples()
    for consultant in Consultant.objects.filter(active=True)[:6]:
        ConsultantBudget.objects.create(consultant=consultant, year=2025, amount_sek=Decimal("400000"))
    login(page, live_server, "chef")
    page.wait_for_url(f"{live_server.url}/**")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/rapporter/ar-for-ar/?year=2025&tertial=2")
        page.get_by_role("heading", level=1).wait_for()
        _check_figures(page, at_least=20)
        chart = page.get_by_role("img", name="Kundenkät: Väl planerad rekrytering")
        assert chart.is_visible()
        figure = page.locator("figure", has=chart)
        figure.get_by_text("Visa diagrammets data som tabell").click()
        table = figure.get_by_role("table", name="Kundenkät: Väl planerad rekrytering")
        assert table.is_visible()
        assert table.get_by_role("row").filter(has_text="2025").get_by_role("cell").first.inner_text() == "9,69"

        page.goto(f"{live_server.url}{reverse('reference:load')}?ar=2025")
        page.get_by_role("heading", level=1).wait_for()
        _check_figures(page, at_least=2)
        budget = page.get_by_role("img", name="Intäkt 2025 i förhållande till budget per konsult")
        assert budget.is_visible()
        assert budget.locator(".chart-marker").count() == 1  # 100 % of the budget
        assert page.get_by_role("img", name="Pågående uppdrag per konsult (som ansvarig)").is_visible()
