"""A coordinator orders the tertial PDF without a broker and watches its progress until the link appears."""
import threading

import pytest

from .conftest import axe_violations, login


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_sees_the_report_progress_then_the_download_link(page, live_server, coordinator, settings,
                                                                       monkeypatch, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKGROUND_JOBS = "thread"  # no broker: the web process builds it in a thread
    reached, release = threading.Event(), threading.Event()

    def held_builder(*, year, tertial, progress, today=None):
        progress(40, "Hämtar siffror för Enhet 1 (1 av 2)")
        reached.set()
        release.wait(60)
        return b"%PDF-1.4 e2e"

    monkeypatch.setattr("goals.tertial.render_tertial_pdf", held_builder)
    try:
        login(page, live_server, "koordinator")
        page.wait_for_url(f"{live_server.url}/**")
        page.goto(f"{live_server.url}/rapporter/tertialrapporter/")
        page.get_by_label("År", exact=True).select_option("2026")
        page.get_by_label("Tertial", exact=True).select_option("2")
        page.get_by_role("button", name="Skapa rapport").click()
        page.get_by_text("Rapporten är beställd och skapas nu").wait_for()
        assert reached.wait(30)
        status = page.get_by_role("status")
        status.get_by_text("Hämtar siffror för Enhet 1 (1 av 2)").wait_for()  # the page polls, no reload
        assert status.locator("progress").get_attribute("value") == "40"
        assert page.get_by_role("link", name="Ladda ner PDF T2 2026").count() == 0
        violations = axe_violations(page)
        assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]][:3]) for v in violations]
    finally:
        release.set()
    link = page.get_by_role("link", name="Ladda ner PDF T2 2026")
    link.wait_for(timeout=30_000)  # the page fetches the progress until the report is done
    assert page.locator("[data-job-active]").count() == 0
    with page.expect_download() as pdf_info:
        link.click()
    assert open(pdf_info.value.path(), "rb").read(4) == b"%PDF"  # noqa: SIM115
