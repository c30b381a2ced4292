"""The staff UI's language switch (issue 17, "Languages"): English only by the user's explicit choice,
the choice kept in a cookie across requests, Swedish for everyone else whatever their browser asks for."""
import re

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import translation

from recruitment.language import ChosenLanguageMiddleware

pytestmark = pytest.mark.django_db

REGISTER = reverse("assignments:list")
LOGIN = reverse("login")
SWITCH = reverse("set_language")


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def heading(response) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S).group(1).strip()


def switch_to(client, language, next_url):
    return client.post(SWITCH, {"language": language, "next": next_url})


def test_the_register_is_swedish_until_the_user_chooses_english(client, coordinator):
    client.force_login(coordinator)
    swedish = client.get(REGISTER)
    assert (html_lang(swedish), heading(swedish)) == ("sv", "Uppdrag")

    response = switch_to(client, "en", REGISTER)
    assert response.status_code == 302 and response["Location"] == REGISTER  # back to the same page
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    english = client.get(REGISTER)
    assert (html_lang(english), heading(english)) == ("en", "Assignments")
    assert english["Content-Language"] == "en"


def test_the_choice_persists_and_can_be_undone(client, coordinator):
    client.force_login(coordinator)
    switch_to(client, "en", REGISTER)
    for _ in range(3):
        assert heading(client.get(REGISTER)) == "Assignments"
    switch_to(client, "sv", REGISTER)
    assert heading(client.get(REGISTER)) == "Uppdrag"


def test_the_log_in_page_switches_before_logging_in(client):
    swedish = client.get(LOGIN).content.decode()
    assert "Användarnamn" in swedish and "Username" not in swedish

    switch_to(client, "en", LOGIN)
    response = client.get(LOGIN)
    english = response.content.decode()
    assert html_lang(response) == "en"
    # Django's own form labels follow the active language too
    assert "Username" in english and "Password" in english and "Användarnamn" not in english


def test_the_switch_names_each_language_in_itself(client, coordinator):
    client.force_login(coordinator)
    page = client.get(REGISTER).content.decode()
    form = re.search(rf'<form method="post" action="{SWITCH}".*?</form>', page, re.S).group(0)
    assert 'name="csrfmiddlewaretoken"' in form
    assert f'name="next" value="{REGISTER}"' in form
    # the chosen language is marked, the other one is a button a keyboard reaches
    assert re.search(r'<span[^>]*lang="sv"[^>]*aria-current="true"[^>]*>Svenska</span>', form)
    assert re.search(r'<button[^>]*type="submit" name="language" value="en" lang="en">English</button>', form)
    assert 'role="group"' in form


def test_the_browsers_accept_language_alone_keeps_swedish(client, coordinator):
    client.force_login(coordinator)
    response = client.get(REGISTER, headers={"accept-language": "en-GB,en;q=0.9"})
    assert (html_lang(response), heading(response)) == ("sv", "Uppdrag")
    response = client.get(LOGIN, headers={"accept-language": "en"})
    assert html_lang(response) == "sv"


@pytest.mark.parametrize("cookie", ["de", "xx", "", "en-us", "../en"])
def test_an_unknown_language_falls_back_to_swedish(client, coordinator, cookie):
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    response = client.get(REGISTER)
    assert (html_lang(response), heading(response)) == ("sv", "Uppdrag")


def test_switching_to_a_language_the_product_does_not_offer_gives_swedish(client, coordinator):
    client.force_login(coordinator)
    switch_to(client, "en", REGISTER)
    switch_to(client, "de", REGISTER)  # Django knows German; the product does not offer it
    response = client.get(REGISTER)
    assert (html_lang(response), heading(response)) == ("sv", "Uppdrag")


def test_the_switch_is_a_post_with_csrf(coordinator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    # without the form's token: refused, nothing set
    refused = client.post(SWITCH, {"language": "en", "next": REGISTER})
    assert refused.status_code == 403
    assert settings.LANGUAGE_COOKIE_NAME not in refused.cookies
    # a GET (a link, an image in an e-mail) sets nothing either
    ignored = client.get(SWITCH, {"language": "en", "next": REGISTER})
    assert settings.LANGUAGE_COOKIE_NAME not in ignored.cookies
    assert heading(client.get(REGISTER)) == "Uppdrag"
    # with the token from the page's own form: switched
    page = client.get(REGISTER).content.decode()
    token = re.search(rf'action="{SWITCH}".*?name="csrfmiddlewaretoken" value="([^"]+)"', page, re.S).group(1)
    switched = client.post(SWITCH, {"language": "en", "next": REGISTER, "csrfmiddlewaretoken": token})
    assert switched.status_code == 302
    assert heading(client.get(REGISTER)) == "Assignments"


def test_the_switch_returns_to_this_site_only(client):
    response = switch_to(client, "en", "https://evil.example.com/")
    assert response.status_code == 302
    assert not response["Location"].startswith("https://evil.example.com")


def test_a_request_in_english_leaves_the_thread_in_swedish(client, coordinator):
    """The request's language ends with the request: code after it (e-mails, jobs, other tests) runs Swedish."""
    client.force_login(coordinator)
    switch_to(client, "en", REGISTER)
    client.get(REGISTER)
    assert translation.get_language() == "sv"


def test_a_view_may_serve_another_language_for_its_own_request(rf, coordinator):
    """The public survey pages pick the respondent's language in the view; the middleware lets them."""
    def survey_view(request):
        translation.activate("en")
        return HttpResponse(translation.gettext("Uppdrag"))

    response = ChosenLanguageMiddleware(survey_view)(rf.get("/s/token/"))
    assert response.content == b"Assignments"
    assert response["Content-Language"] == "en"
    assert translation.get_language() == "sv"
