"""In real Chromium: a coordinator records an After Action Review with an action for a consultant, who
finds it on "Mina uppdrag" and marks it done; a contact is logged on an organisation's page. Every page
on the way passes axe (WCAG 2.1 A/AA) and does not scroll sideways at 360 px."""
import datetime as dt

import pytest

from assignments.models import ContactRole, NoSurveyReason, Status
from followup.models import AarAction, CustomerContact
from tests.factories import AssignmentFactory, ContactFactory, OrganisationFactory

from .conftest import axe_violations, login

OVERFLOW = "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"


def _check(page, widths=(1280, 360)):
    for width in widths:
        page.set_viewport_size({"width": width, "height": 800})
        violations = axe_violations(page)
        assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]
        assert not page.evaluate(OVERFLOW), f"{page.url} scrolls sideways at {width} px"
    page.set_viewport_size({"width": 1280, "height": 800})


@pytest.mark.django_db(transaction=True)
def test_an_aar_action_reaches_its_owner_and_a_contact_is_logged(browser, live_server, coordinator,
                                                                   consultant_user):
    org = OrganisationFactory(name="Trafikkontoret")
    ContactFactory(organisation=org, name="Tove HR-chef", role=ContactRole.HR_HEAD)
    assignment = AssignmentFactory(reference="2026-0042", organisation=org, status=Status.CLOSED_HIRED,
                                   closed_on=dt.date.today(), surveys_enabled=False,
                                   no_survey_reason=NoSurveyReason.AAR)
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    login(page, live_server, "koordinator")
    page.wait_for_url(f"{live_server.url}/**")

    page.goto(f"{live_server.url}/uppfoljning/aar/")
    assert "2026-0042" in page.get_by_role("table", name="1 uppdrag").inner_text()
    _check(page)
    page.goto(f"{live_server.url}/uppdrag/{assignment.reference}/")
    page.get_by_role("link", name="Registrera After Action Review").click()
    page.get_by_label("Kim Koordinator").check()
    page.get_by_label("Vad som var planerat").fill("En enhetschef")
    page.get_by_label("Vad som hände").fill("Tillsatt på sex veckor")
    page.get_by_label("Vad som gick bra").fill("Testerna")
    page.get_by_label("Vad som kan förbättras").fill("Tidigare referenser")
    page.locator("#id_actions-0-description").fill("Ring HR-chefen")
    page.locator("#id_actions-0-owner").select_option(label="Karin Konsult")
    page.locator("#id_actions-0-due_on").fill((dt.date.today() + dt.timedelta(days=14)).isoformat())
    _check(page)
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("Ändringarna är sparade.").wait_for()
    _check(page)

    page.goto(f"{live_server.url}/register/organisationer/{org.pk}/")
    page.get_by_role("link", name="Logga kontakt").click()
    page.get_by_label("Typ av kontakt").select_option(label="Kundråd")
    page.get_by_label("Tove HR-chef").check()
    page.get_by_label("Anteckning").fill("Årets kundråd")
    _check(page)
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("Årets kundråd").wait_for()
    _check(page)
    assert CustomerContact.objects.get().contacts.get().name == "Tove HR-chef"
    for path in ("/uppfoljning/", "/uppfoljning/listor/hr-chefer/", "/uppfoljning/listor/utan-bestallning/",
                 "/uppfoljning/listor/nyrekryterade-chefer/", "/uppfoljning/listor/forstagangskunder/",
                 f"/uppfoljning/organisation/{org.pk}/kundansvariga/"):
        page.goto(f"{live_server.url}{path}")
        _check(page)
    context.close()

    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    login(page, live_server, "konsult")
    page.wait_for_url(f"{live_server.url}/**")
    page.goto(f"{live_server.url}/uppdrag/mina/")
    section = page.get_by_role("region", name="1 öppen åtgärd från After Action Reviews")
    assert "Ring HR-chefen" in section.inner_text()
    _check(page)
    section.get_by_role("button", name="Markera som klar: Ring HR-chefen").click()
    page.get_by_text("Åtgärden är markerad som klar.").wait_for()
    assert AarAction.objects.get().done_on == dt.date.today()
    assert page.get_by_text("Ring HR-chefen").count() == 0
    context.close()
