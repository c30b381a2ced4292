"""A respondent switches the survey to English halfway through on a phone, and keeps the answers given."""
import re

import pytest

from surveys.models import Response
from tests.surveys.helpers import invitation_with_token

from .conftest import axe_violations


@pytest.mark.django_db(transaction=True)
def test_switching_to_english_mid_form_keeps_the_answers(phone_page, live_server):
    _invitation, token = invitation_with_token()
    page = phone_page
    page.goto(f"{live_server.url}/s/{token}/")
    switch = page.get_by_role("navigation", name="Språk")
    assert switch.get_by_role("link", name="Svenska").get_attribute("aria-current") == "true"
    assert switch.get_by_role("link", name="English").get_attribute("lang") == "en"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.locator("label[for=q-planning-9]").click()
    page.get_by_label("Har du några övriga kommentarer?").fill("Snabbt och tydligt")
    switch.get_by_role("link", name="English").click()  # with answers: posted back, nothing stored
    page.wait_for_selector("h1:has-text('Customer survey')")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("#q-planning-9").is_checked()
    assert page.get_by_label("Do you have any other comments?").input_value() == "Snabbt och tydligt"
    assert page.get_by_text("a well-planned recruitment").is_visible()
    assert not Response.objects.exists()
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]

    for key in ("ad_support", "selection_support", "interview_support", "reference_support", "test_feedback",
                "competency_based", "cooperation", "overall_satisfaction", "nps"):
        page.locator(f"label[for=q-{key}-10]").click()
    page.locator("label[for=q-returning_customer-ja]").click()
    page.locator("button.submit-answer").click()
    page.wait_for_url(re.compile(r".*/s/tack/\?lang=en$"))
    assert page.evaluate("document.documentElement.lang") == "en"
    response = Response.objects.get()
    assert response.comment == "Snabbt och tydligt"
    assert response.answers.get(question_key="planning").value_number == 9
