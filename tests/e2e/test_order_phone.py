"""The order service end to end in Chromium: a hiring manager orders on a 360 px phone and confirms by the
link e-mailed to a real SMTP server on loopback, a coordinator accepts the order with a consultant, and the
hiring manager's status page shows the consultant and the planned timeline. axe-core on every public page."""
import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from assignments.models import Status
from orders.models import Order
from tests.factories import ConsultantFactory, OrganisationFactory
from tests.surveys.conftest import SmtpServer, free_port

from .conftest import axe_violations, login
from .test_register_flow import field

EMAIL = "nina.norrmalm@stockholm.se"


def assert_no_violations(page):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]


def assert_fits(page):
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")


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


def link_in(smtp, to: str, kind: str, count: int) -> str:
    assert smtp.collector.wait_for(count, timeout=10)
    for message in reversed(smtp.collector.messages):
        if to in str(message["To"]).lower():
            text = message.get_body(preferencelist=("plain",)).get_content()
            found = re.search(rf"https?://\S+/bestall/{kind}/[A-Za-z0-9_-]+/", text)
            if found:
                return found.group(0)
    raise AssertionError(f"no {kind} link to {to}")


@pytest.mark.django_db(transaction=True)
def test_a_hiring_manager_orders_on_a_phone_and_follows_the_order(page, phone_page, live_server, smtp,
                                                                  coordinator):
    OrganisationFactory(name="Norrmalms stadsdelsförvaltning", kind="stadsdelsforvaltning")
    lead = ConsultantFactory(name="Lena Ledare", email="lena.ledare@stockholm.se")

    # 1. the form on a 360 px phone, with the type-ahead over the register
    phone_page.goto(f"{live_server.url}/bestall/")
    assert_no_violations(phone_page)
    assert_fits(phone_page)
    field(phone_page, "Organisation").press_sequentially("Norrm", delay=30)
    phone_page.wait_for_function(
        "() => document.querySelectorAll('#organisation-suggestions option').length > 0")
    field(phone_page, "Organisation").fill("Norrmalms stadsdelsförvaltning")
    field(phone_page, "Ditt namn").fill("Nina Norrmalm")
    field(phone_page, "Din e-postadress").fill(EMAIL)
    field(phone_page, "Ditt telefonnummer").fill("08-508 000 00")
    field(phone_page, "Kostnadsställe").fill("4711")
    field(phone_page, "Befattning").fill("Förskollärare")
    phone_page.get_by_label("Medarbetare", exact=True).check()
    field(phone_page, "Verksamhet").select_option(label="Förskola")
    phone_page.get_by_label(re.compile(r"Stora paketet")).check()
    phone_page.get_by_role("group", name=re.compile("Har ni rekryterat")).get_by_label("Nej").check()
    field(phone_page, "Vilka från er ska delta i urval och intervjuer?").fill("Jag och en kollega.")
    # a bad phone number first: a Swedish message, and nothing typed is lost
    field(phone_page, "Ditt telefonnummer").fill("ring mig")
    phone_page.get_by_role("button", name="Granska beställningen").click()
    phone_page.get_by_text("Skriv telefonnumret med siffror").first.wait_for()
    assert field(phone_page, "Ditt namn").input_value() == "Nina Norrmalm"
    assert_no_violations(phone_page)
    field(phone_page, "Ditt telefonnummer").fill("08-508 000 00")
    phone_page.get_by_role("button", name="Granska beställningen").click()

    # 2. the summary, back to the form and forward again, then send
    phone_page.get_by_role("heading", name="Granska din beställning").wait_for()
    assert_no_violations(phone_page)
    assert_fits(phone_page)
    phone_page.get_by_role("link", name="Tillbaka och ändra").click()
    assert field(phone_page, "Vilka från er ska delta i urval och intervjuer?").input_value() == "Jag och en kollega."
    phone_page.get_by_role("button", name="Granska beställningen").click()
    phone_page.get_by_role("button", name="Skicka beställningen").click()
    phone_page.get_by_role("heading", name="Bekräfta beställningen i din e-post").wait_for()
    assert_no_violations(phone_page)

    # 3. the dispatcher sends the confirmation over SMTP; the link confirms the order
    call_command("send_due_surveys")
    phone_page.goto(link_in(smtp, EMAIL, "bekrafta", 1))
    assert_no_violations(phone_page)
    phone_page.get_by_role("button", name="Bekräfta beställningen").click()
    order = Order.objects.get()
    reference = order.assignment.reference
    phone_page.get_by_role("heading", name=f"Din beställning {reference}").wait_for()
    assert_no_violations(phone_page)
    assert_fits(phone_page)
    call_command("send_due_surveys")
    status_link = link_in(smtp, EMAIL, "status", 2)
    assert status_link == phone_page.url

    # 4. a coordinator accepts it from the queue with a consultant and a start meeting
    login(page, live_server, "koordinator")
    page.goto(f"{live_server.url}/bestallningar/")
    page.get_by_role("link", name="Förskollärare").click()
    page.get_by_role("link", name="Ta emot beställningen").click()
    field(page, "Ansvarig konsult").select_option(label=lead.name)
    meeting = timezone.localdate() + dt.timedelta(days=7)
    field(page, "Planerat uppstartsmöte").fill(meeting.isoformat())
    page.get_by_role("button", name="Ta emot och meddela kunden").click()
    page.wait_for_url(re.compile(rf".*/uppdrag/{reference}/$"))
    order.assignment.refresh_from_db()
    assert order.assignment.status == Status.REGISTERED and order.assignment.lead_consultant == lead

    # 5. the status page shows the consultant and the planned timeline
    phone_page.goto(status_link)
    phone_page.get_by_role("heading", name="Tidplan").wait_for()
    assert "Lena Ledare" in phone_page.content()
    assert phone_page.get_by_role("row", name=re.compile("Uppstartsmöte")).count() == 1
    assert_no_violations(phone_page)
    assert_fits(phone_page)

    # 6. the accessibility statement and a dead link's page
    phone_page.get_by_role("link", name="Tillgänglighetsredogörelse").click()
    phone_page.get_by_role("heading", name="Tillgänglighetsredogörelse", level=1).wait_for()
    assert_no_violations(phone_page)
    phone_page.goto(f"{live_server.url}/bestall/status/ingen-sadan-lank/")
    phone_page.get_by_role("heading", name="Länken går inte att använda").wait_for()
    assert_no_violations(phone_page)
