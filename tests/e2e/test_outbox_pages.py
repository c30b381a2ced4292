"""The dispatch pages in real Chromium: a coordinator finds a survey e-mail in the local outbox
on a phone and follows its link; the pages have no axe-core violations."""
import pytest

from surveys.services import dispatch
from tests.surveys.helpers import due_invitation

from .conftest import axe_violations, login


def assert_no_violations(page):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_opens_a_survey_mail_in_the_local_outbox(phone_page, live_server, coordinator, settings):
    settings.EMAIL_BACKEND = "surveys.mail.backend.EmailBackend"
    settings.SITE_URL = live_server.url
    inv = due_invitation()
    inv.assignment.role_title = "Förskollärare"
    inv.assignment.save()
    dispatch.outbox_dispatch()

    login(phone_page, live_server, "koordinator")
    phone_page.wait_for_url(f"{live_server.url}/uppdrag/**")
    phone_page.goto(f"{live_server.url}/enkater/utskick/")
    phone_page.get_by_role("table").wait_for()
    assert "Skickad" in phone_page.content()
    assert_no_violations(phone_page)

    phone_page.goto(f"{live_server.url}/enkater/utkorg/")
    assert_no_violations(phone_page)
    phone_page.get_by_role("link", name="Hur tyckte du att rekryteringen av Förskollärare gick?").click()
    link = phone_page.get_by_role("link", name=f"{live_server.url}/s/").first
    assert_no_violations(phone_page)
    href = link.get_attribute("href")
    assert href.startswith(f"{live_server.url}/s/")

    # the unsubscribe link in the same mail: a confirm button, then done
    phone_page.get_by_role("link", name=f"{live_server.url}/s/avregistrera/").click()
    assert_no_violations(phone_page)
    phone_page.get_by_role("button", name="Avregistrera mig").click()
    phone_page.get_by_text("Klart.").wait_for()
    inv.contact.refresh_from_db()
    assert inv.contact.email_status == "unsubscribed"


@pytest.mark.django_db(transaction=True)
def test_the_flag_pages_have_no_axe_violations(page, live_server, manager):
    from tests.surveys.test_low_score import make_flag

    flag = make_flag()
    login(page, live_server, "chef")
    page.wait_for_url(f"{live_server.url}/**")
    page.goto(f"{live_server.url}/enkater/flaggor/")
    assert_no_violations(page)
    page.goto(f"{live_server.url}/enkater/flaggor/{flag.pk}/")
    assert_no_violations(page)
    page.get_by_role("button", name="Markera som uppföljd").click()
    page.get_by_text("Skriv en anteckning om uppföljningen.").first.wait_for()
    assert_no_violations(page)
