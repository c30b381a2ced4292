"""The log-in page in real Chromium: usable on a phone and free of axe violations."""
import pytest

from .conftest import axe_violations, login


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_logs_in_on_a_phone(phone_page, live_server, coordinator):
    phone_page.goto(f"{live_server.url}/konto/logga-in/")
    violations = axe_violations(phone_page)
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]
    login(phone_page, live_server, "koordinator")
    phone_page.wait_for_url(f"{live_server.url}/uppdrag/**")
    # on a phone the menu is folded behind a labelled toggle
    phone_page.get_by_role("button", name="Visa meny").click()
    phone_page.get_by_role("button", name="Logga ut").wait_for(state="visible")
    violations = axe_violations(phone_page)
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]
