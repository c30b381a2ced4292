"""Coordinator survey pages in real Chromium on a phone: usable and free of axe violations."""
import pytest

from surveys.models import SurveyVersion

from .conftest import axe_violations, login


def assert_no_violations(page):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]


@pytest.mark.django_db(transaction=True)
def test_coordinator_survey_pages_pass_axe(phone_page, live_server, coordinator):
    page = phone_page
    login(page, live_server, "koordinator")
    page.wait_for_url(f"{live_server.url}/uppdrag/**")
    version = SurveyVersion.objects.get(kind="candidate", year=2025)
    for path in ("/enkater/versioner/", f"/enkater/versioner/{version.pk}/",
                 f"/enkater/versioner/{version.pk}/redigera/", f"/enkater/versioner/{version.pk}/kopiera/",
                 "/enkater/kurser/", "/enkater/import/"):
        page.goto(f"{live_server.url}{path}")
        assert page.locator("h1").count() == 1, path
        assert_no_violations(page)

    # a course session: created on the phone, its shared link shown and answerable
    page.goto(f"{live_server.url}/enkater/kurser/")
    page.get_by_role("textbox", name="Kurstillfälle").fill("KBR Farsta")
    page.get_by_label("Datum").fill("2099-01-10")
    page.get_by_label("Länken stänger").fill("2099-01-20")
    page.get_by_role("button", name="Skapa och visa länken").click()
    link = page.get_by_label("Gemensam länk (kopiera och dela)").input_value()
    assert "/s/kurs/" in link
    assert_no_violations(page)
    page.goto(link)
    assert page.get_by_text("Fråga 1 av 4").is_visible()
    assert_no_violations(page)
