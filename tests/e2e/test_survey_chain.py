"""The whole survey chain in real Chromium over real SMTP.

A consultant closes an assignment with a hire in the browser; the dispatcher (the
management command beat runs) sends the invitations through an SMTP server on
loopback; the hiring manager and the hire open the e-mailed links on a 360 px
phone and answer; the coordinator sees the answer. axe-core checks every answer page.
"""
import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from assignments.models import Status
from surveys.models import Invitation, InvitationStatus, Response, SurveyKind
from tests.factories import AssignmentFactory, ContactFactory, OrganisationFactory, package
from tests.surveys.conftest import SmtpServer, free_port

from .conftest import axe_violations, login

MANAGER_EMAIL = "nina.norrmalm@norrmalm.example.se"
HIRE_EMAIL = "sara.svensson@example.se"
REFERENCE = "2026-0042"


def assert_no_violations(page):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]


def assert_fits_a_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def log_out(page):
    toggle = page.get_by_role("button", name="Visa meny")
    if toggle.is_visible():
        toggle.click()
    page.get_by_role("button", name="Logga ut").click()


def pick(page, key, value):
    """Choose an option by clicking its label, as a person does, and check the radio took it."""
    page.locator(f"label[for='q-{key}-{value}']").click()
    assert page.locator(f"#q-{key}-{value}").is_checked()


def survey_link(message, base_url) -> str:
    """The personal answer link, which must be the same in the text and the HTML part."""
    pattern = re.compile(re.escape(base_url) + r"/s/(?!avregistrera/)([A-Za-z0-9_-]+)/")
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    in_text, in_html = pattern.findall(text), pattern.findall(html)
    assert len(set(in_text)) == 1, text
    assert set(in_html) == set(in_text), html
    return f"{base_url}/s/{in_text[0]}/"


@pytest.fixture
def smtp(settings, live_server):
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = live_server.url
    server = SmtpServer(port).start()
    yield server
    server.stop()


@pytest.fixture
def assignment(consultant_user):
    org = OrganisationFactory(name="Norrmalms stadsdelsförvaltning")
    contact = ContactFactory(organisation=org, name="Nina Norrmalm", email=MANAGER_EMAIL)
    return AssignmentFactory(
        reference=REFERENCE, organisation=org, contact=contact, lead_consultant=consultant_user.consultant,
        package=package("STORA"), status=Status.REFERENCES, role_title="Enhetschef hemtjänst",
        ordered_on=timezone.localdate() - dt.timedelta(days=60),
    )


def close_with_a_hire_in_the_browser(page, live_server):
    login(page, live_server, "konsult")
    page.wait_for_url(f"{live_server.url}/uppdrag/mina/")
    row = page.locator(f"#row-{REFERENCE}")
    row.get_by_label("Ny status").select_option(label="Avslutat med tillsättning")
    row.get_by_text("Avslutas med tillsättning? Ange vem som tillsattes").click()
    row.get_by_label("Tillsatt kandidat (namn)").fill("Sara Svensson")
    row.get_by_label("Kandidatens e-post").fill(HIRE_EMAIL)
    row.get_by_label("Startdatum").fill((timezone.localdate() + dt.timedelta(days=30)).isoformat())
    row.get_by_role("button", name=f"Ändra status för {REFERENCE}").click()
    page.get_by_text(f"{REFERENCE} har status Avslutat med tillsättning.").wait_for()
    log_out(page)


def answer_the_customer_survey(page, link):
    page.goto(link)
    assert page.get_by_role("heading", level=1).inner_text() == "Kundenkät"
    assert page.get_by_text("Fråga 1 av 12").is_visible()
    assert_fits_a_phone(page)
    assert_no_violations(page)

    for key, value in [("planning", "8"), ("ad_support", "7"), ("selection_support", "9"),
                       ("interview_support", "na"), ("reference_support", "6"), ("test_feedback", "na"),
                       ("competency_based", "8"), ("cooperation", "9"), ("nps", "9")]:
        pick(page, key, value)
    # the conditional question shows once "Nej" is chosen
    assert not page.get_by_label("Hur fick du kännedom om oss?").is_visible()
    pick(page, "returning_customer", "nej")
    page.get_by_label("Hur fick du kännedom om oss?").fill("Via en kollega")
    page.get_by_label("Har du några övriga kommentarer?").fill("Tydlig process, bra stöd.")
    # the required overall satisfaction is left out: nothing is stored, the summary says why
    page.get_by_role("button", name="Skicka svar").click()
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert page.title().startswith("Fel:")
    assert summary.get_by_role("link").all_inner_texts() == ["Fråga 9: Svara på frågan."]
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert Response.objects.filter(kind=SurveyKind.CUSTOMER).count() == 0
    assert page.locator("#q-planning-8").is_checked()  # the answers given are kept
    assert page.get_by_label("Hur fick du kännedom om oss?").input_value() == "Via en kollega"
    assert_fits_a_phone(page)
    assert_no_violations(page)

    # the summary's link takes the keyboard to the question; Space chooses 1, ArrowLeft wraps to 10
    summary.get_by_role("link", name="Fråga 9: Svara på frågan.").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "q-overall_satisfaction-1"
    page.keyboard.press("Space")
    page.keyboard.press("ArrowLeft")
    assert page.locator("#q-overall_satisfaction-10").is_checked()
    page.get_by_role("button", name="Skicka svar").click()
    page.wait_for_url(re.compile(r".*/s/tack/(#.*)?$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Tack för ditt svar"
    assert_no_violations(page)


def answer_the_candidate_survey(page, link):
    page.goto(link)
    assert page.get_by_role("heading", level=1).inner_text() == "Kandidatenkät"
    assert_fits_a_phone(page)
    assert_no_violations(page)
    for key in ["info_interviewers", "info_competency_based", "ad_clear", "info_matched_job",
                "interview_fair_picture", "time_efficient", "info_sufficient", "non_discriminatory",
                "consultant_contact", "took_tests"]:
        pick(page, key, "ja")
    pick(page, "test_info", "nej")
    pick(page, "overall", "9")
    page.get_by_role("button", name="Skicka svar").click()
    page.wait_for_url(re.compile(r".*/s/tack/(#.*)?$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Tack för ditt svar"
    assert_no_violations(page)


@pytest.mark.django_db(transaction=True)
def test_an_assignment_closed_in_the_browser_ends_with_answers_the_coordinator_sees(
        page, phone_page, live_server, smtp, assignment, consultant_user, coordinator):
    # 1. the consultant closes the assignment with a hire in the browser
    close_with_a_hire_in_the_browser(page, live_server)
    assert Invitation.objects.filter(assignment=assignment, status=InvitationStatus.SCHEDULED).count() == 3

    # 2. the dispatcher, as beat runs it: the survey e-mails reach the SMTP server exactly once each
    call_command("send_due_surveys")
    call_command("send_due_surveys")  # a second run sends nothing again
    assert smtp.collector.wait_for(2, timeout=10)
    assert smtp.collector.per_recipient() == {MANAGER_EMAIL: 1, HIRE_EMAIL: 1}
    messages = {str(m["To"]).lower(): m for m in smtp.collector.messages}
    customer_mail = next(m for to, m in messages.items() if MANAGER_EMAIL in to)
    candidate_mail = next(m for to, m in messages.items() if HIRE_EMAIL in to)
    assert "Nina Norrmalm" in customer_mail.get_body(preferencelist=("plain",)).get_content()
    customer_link = survey_link(customer_mail, live_server.url)
    candidate_link = survey_link(candidate_mail, live_server.url)
    assert customer_link != candidate_link
    six_month = Invitation.objects.get(assignment=assignment, kind=SurveyKind.SIX_MONTH)
    assert six_month.status == InvitationStatus.SCHEDULED  # due six months after the start

    # 3. the hiring manager and the hire answer on a phone
    answer_the_customer_survey(phone_page, customer_link)
    answer_the_candidate_survey(phone_page, candidate_link)

    customer = Response.objects.get(kind=SurveyKind.CUSTOMER)
    answers = {a.question_key: (a.value_number, a.value_text, a.not_applicable) for a in customer.answers.all()}
    assert answers["planning"] == (8, "", False)
    assert answers["interview_support"] == (None, "", True)
    assert answers["overall_satisfaction"] == (10, "", False)
    assert answers["returning_customer"] == (0, "", False)
    assert answers["heard_of_us"] == (None, "Via en kollega", False)
    assert customer.comment == "Tydlig process, bra stöd."
    assert (customer.assignment, customer.consultant) == (assignment, consultant_user.consultant)
    candidate = Response.objects.get(kind=SurveyKind.CANDIDATE)
    assert candidate.invitation is None
    # the candidate's invitation is not told (its round ends in the dispatcher's batch step)
    spent = Invitation.objects.get(assignment=assignment, kind=SurveyKind.CANDIDATE)
    assert (spent.status, spent.email) == (InvitationStatus.SENT, HIRE_EMAIL)

    # 4. a used link gives the friendly page, and stores nothing more
    phone_page.goto(customer_link)
    assert phone_page.get_by_role("heading", level=1).inner_text() == "Länken går inte längre att använda"
    assert_fits_a_phone(phone_page)
    assert_no_violations(phone_page)
    assert Response.objects.count() == 2

    # 5. the coordinator sees the states and reads the customer's answer
    login(page, live_server, "koordinator")
    page.goto(f"{live_server.url}/uppdrag/{REFERENCE}/")
    invitations = page.locator(".assignment-invitations")
    customer_row = invitations.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Kundenkät"))
    assert "Besvarad" in customer_row.inner_text()
    candidate_row = invitations.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Kandidatenkät"))
    assert "Besvarad" not in candidate_row.inner_text() and "Skickad" in candidate_row.inner_text()
    assert candidate_row.get_by_role("link").count() == 0  # a candidate's answer is never one click away
    assert "Kandidatenkäten: skickad till 1 kandidat." in invitations.inner_text()
    assert_no_violations(page)

    page.goto(f"{live_server.url}/enkater/utskick/?assignment={REFERENCE}")
    listing = page.get_by_role("table")
    answered_rows = listing.get_by_role("row").filter(has_text="Besvarad")
    assert answered_rows.count() == 1  # the customer's; a candidate's state never says it
    assert_no_violations(page)
    listing.get_by_role("row").filter(has_text="Kundenkät").get_by_role("link", name="Visa svaret").click()
    page.wait_for_url(f"**/enkater/svar/{customer.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == f"Kundenkät: svar för uppdrag {REFERENCE}"
    answer_table = page.get_by_role("table", name="Frågor och svar")
    planning = answer_table.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="väl planerad rekrytering", exact=True))
    assert planning.get_by_role("cell").inner_text() == "8"
    heard = answer_table.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Hur fick du kännedom om oss?"))
    assert heard.get_by_role("cell").inner_text() == "Via en kollega"
    assert "Ej aktuellt" in answer_table.inner_text()
    assert page.locator(".response-comment").inner_text() == "Tydlig process, bra stöd."
    assert_no_violations(page)
