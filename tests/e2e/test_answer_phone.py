"""A hiring manager answers the customer survey on a 360 px phone with the keyboard only."""
import re

import pytest

from surveys.models import Invitation, InvitationStatus, Response
from tests.surveys.helpers import invitation_with_token

from .conftest import axe_violations


def assert_no_violations(page):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]


def choose(page, *keys):
    """On the focused radio group: press the keys, then Tab to the next question."""
    for key in keys:
        page.keyboard.press(key)
    page.keyboard.press("Tab")


@pytest.mark.django_db(transaction=True)
def test_a_customer_answers_on_a_phone_with_the_keyboard(phone_page, live_server):
    invitation, token = invitation_with_token()
    page = phone_page
    page.goto(f"{live_server.url}/s/{token}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Kundenkät"
    assert page.get_by_text("Fråga 1 av 12").is_visible()
    # the conditional question is hidden until "Nej" is chosen
    assert not page.get_by_label("Hur fick du kännedom om oss?").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_no_violations(page)

    # sending the empty form shows the errors, summarised at the top and focused
    page.get_by_role("button", name="Skicka svar").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.title().startswith("Fel:")
    assert page.get_by_role("link", name="Fråga 1: Svara på frågan.").is_visible()
    assert_no_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # the summary's link takes the keyboard focus to the question's first option
    page.get_by_role("link", name="Fråga 1: Svara på frågan.").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "q-planning-1"
    # Space picks the first option, ArrowLeft wraps to the last: 10, or "Ej aktuellt" where offered
    for _statement in range(8):  # planning ... cooperation (interview and test steps: Ej aktuellt)
        choose(page, "Space", "ArrowLeft")
    choose(page, "Space", "ArrowLeft")  # overall_satisfaction: 10
    choose(page, "Space", "ArrowLeft")  # nps: 0 → wraps to 10
    page.keyboard.press("Space")  # returning_customer: Ja
    page.keyboard.press("Tab")  # the hidden "Hur fick du kännedom om oss?" is skipped
    assert page.evaluate("document.activeElement.name") == "comment"
    page.keyboard.type('Snabbt, "tydligt", bra')
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Skicka svar"
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r".*/s/tack/(#.*)?$"))  # a redirect keeps the fragment
    assert page.get_by_role("heading", level=1).inner_text() == "Tack för ditt svar"
    assert_no_violations(page)

    response = Response.objects.get()
    answers = {a.question_key: (a.value_number, a.not_applicable) for a in response.answers.all()}
    assert answers["planning"] == (10, False) and answers["nps"] == (10, False)
    assert answers["interview_support"] == (None, True) and answers["test_feedback"] == (None, True)
    assert answers["returning_customer"] == (1, False)
    assert response.comment == 'Snabbt, "tydligt", bra'
    assert Invitation.objects.get(pk=invitation.pk).status == InvitationStatus.ANSWERED

    # the used link now gives the friendly page
    page.goto(f"{live_server.url}/s/{token}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Länken går inte längre att använda"
    assert_no_violations(page)
    assert Response.objects.count() == 1
