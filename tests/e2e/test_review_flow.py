"""In real Chromium: a manager opens a consultant's review, records a goal, and the consultant sees it."""
import pytest

from assignments.models import Unit
from reviews.selectors import current_half_year

from .conftest import axe_violations, login
from .test_walkthrough import OVERFLOW_JS


def _fits_and_passes_axe(page):
    """No axe violation at 1280 px and at 360 px, and the page itself does not scroll sideways at 360 px."""
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 800})
        violations = axe_violations(page)
        assert violations == [], (width, [(v["id"], [n["html"] for n in v["nodes"]][:3]) for v in violations])
        assert page.evaluate(OVERFLOW_JS) is None, width
    page.set_viewport_size({"width": 1280, "height": 800})


@pytest.mark.django_db(transaction=True)
def test_a_manager_records_a_goal_and_the_consultant_sees_it(browser, live_server, manager, consultant_user):
    Unit.objects.filter(name="Enhet 1").update(manager=manager.consultant)
    year, half = current_half_year()

    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    login(page, live_server, "chef")
    page.wait_for_url(f"{live_server.url}/**")
    page.goto(f"{live_server.url}/resultatsamtal/")
    _fits_and_passes_axe(page)
    page.get_by_role("link", name=f"Karin Konsult, {year} halvår {half}: Inte påbörjat").click()
    page.get_by_role("heading", name=f"Resultatsamtal: Karin Konsult, {year}, halvår {half}").wait_for()
    _fits_and_passes_axe(page)
    page.get_by_label("Överenskomna mål").fill("Leda två chefsrekryteringar under våren")
    page.get_by_label("Chefens anteckningar").fill("Starkt halvår med nöjda kunder")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("Resultatsamtalet är sparat.").wait_for()
    context.close()

    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    login(page, live_server, "konsult")
    page.wait_for_url(f"{live_server.url}/**")
    page.goto(f"{live_server.url}/resultatsamtal/")
    page.get_by_role("link", name=f"{year}, halvår {half}").click()
    page.get_by_role("heading", name=f"Resultatsamtal: Karin Konsult, {year}, halvår {half}").wait_for()
    _fits_and_passes_axe(page)
    text = page.locator("main").inner_text()
    assert "Leda två chefsrekryteringar under våren" in text and "Starkt halvår med nöjda kunder" in text
    assert page.get_by_label("Chefens anteckningar").count() == 0  # the consultant writes only their own notes
    page.get_by_label("Konsultens anteckningar").fill("Jag vill gärna ta chefsrekryteringar")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("Resultatsamtalet är sparat.").wait_for()
    assert "Leda två chefsrekryteringar under våren" in page.locator("main").inner_text()
    context.close()
