"""The customer's report pack in Chromium: a coordinator picks a customer and a period, reads the pack (axe,
no sideways scrolling at 1280 and 360 px) and sends it to the customer's HR contact."""
import pytest

from surveys.models import OutboxEmail
from tests.customerpack.conftest import world  # noqa: F401  (the hand-made customers)
from tests.e2e.test_walkthrough import OVERFLOW_JS

from .conftest import axe_violations, login


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_reads_a_customers_pack_and_sends_it_to_hr(page, live_server, coordinator, world):  # noqa: F811
    login(page, live_server, coordinator.username)
    page.goto(f"{live_server.url}/kundrapport/")
    page.get_by_label("Kund", exact=True).select_option(label="Stadshus AB")
    page.get_by_label("År", exact=True).fill("2025")
    page.get_by_label("Period", exact=True).select_option(label="T2 (januari–augusti)")
    page.get_by_role("button", name="Visa rapporten").click()
    page.get_by_role("heading", name="Kundrapport: Stadshus AB").wait_for()
    summary = page.get_by_role("table", name="Sammanfattning")
    assert summary.get_by_role("row", name="Kundenkät: antal svar").inner_text().split("\t")[1:] == ["3", "4"]
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate(OVERFLOW_JS) is None
        assert axe_violations(page) == []

    page.get_by_label("HR-kontakt", exact=True).select_option(label="Hanna HR (hanna.hr@stadshus.example.se)")
    page.get_by_role("button", name="Skicka rapporten med PDF").click()
    page.get_by_text("ligger i utkorgen till Hanna HR").wait_for()
    assert OutboxEmail.objects.get().attachment_name == "kundrapport-stadshus-ab-2025-T2.pdf"
