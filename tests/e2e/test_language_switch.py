"""The staff language switch in Chromium: reached and used by keyboard from the log-in page, on a desktop and a
360 px phone, the page coming back in English at the same address, with no WCAG violations on the page."""
import pytest

from .conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def page_violations(page):
    violations = axe_violations(page)
    return [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_a_keyboard_user_switches_to_english_and_back(page, phone_page, live_server, coordinator, phone):
    page = phone_page if phone else page
    page.goto(f"{live_server.url}/konto/logga-in/?next=/uppdrag/")
    assert page.locator("html").get_attribute("lang") == "sv"
    english = page.get_by_role("button", name="English")
    assert english.get_attribute("lang") == "en"
    # the switch fits the screen: no sideways scrolling on a phone
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert page_violations(page) == []

    english.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert page.url == f"{live_server.url}/konto/logga-in/?next=/uppdrag/"
    page.get_by_label("Username").fill("koordinator")
    page.get_by_label("Password").fill("pw-test-12345")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/uppdrag/")
    assert page.get_by_role("heading", level=1).inner_text() == "Assignments"
    assert page.locator('[aria-current="true"][lang="en"]').inner_text() == "English"
    assert page_violations(page) == []

    page.get_by_role("button", name="Svenska").press("Enter")
    page.wait_for_function("() => document.documentElement.lang === 'sv'")
    assert page.url == f"{live_server.url}/uppdrag/"
    assert page.get_by_role("heading", level=1).inner_text() == "Uppdrag"
