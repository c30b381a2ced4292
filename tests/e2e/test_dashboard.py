"""A manager uses the reports in real Chromium: dashboard, one consultant's tertial, a section page, Excel, the PDF."""
import io

import pytest
from django.core.cache import cache
from openpyxl import load_workbook

from tests.reporting.sample_loader import load_samples

from .conftest import axe_violations, login


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


@pytest.mark.django_db(transaction=True)
def test_a_manager_switches_to_a_consultant_exports_excel_and_downloads_the_pdf(page, live_server, manager, media):
    load_samples()
    login(page, live_server, "chef")
    page.wait_for_url(f"{live_server.url}/**")
    page.get_by_role("button", name="Uppföljning").click()
    page.get_by_role("link", name="Resultat och nyckeltal").click()
    page.get_by_role("heading", level=1).filter(has_text="Hela avdelningen").wait_for()
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]][:3]) for v in violations]

    page.get_by_label("År", exact=True).select_option("2025")
    page.get_by_label("Period", exact=True).select_option("2")
    page.get_by_label("Konsult", exact=True).select_option(label="konsult03")
    page.get_by_role("button", name="Visa").click()
    page.get_by_role("heading", level=1).filter(has_text="konsult03").wait_for()
    assert "T2 2025" in page.get_by_role("heading", level=1).inner_text()
    assert page.get_by_role("table", name="Kundenkät: sammanfattning").get_by_role(
        "columnheader", name="Avdelningen").count() == 1

    # to a section page with the keyboard: the same consultant and tertial stay chosen
    pages = page.get_by_role("navigation", name="Rapportens sidor")
    assert pages.get_by_role("link", name="Översikt").get_attribute("aria-current") == "page"
    pages.get_by_role("link", name="Enkätresultat").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1).filter(has_text="Enkätresultat").wait_for()
    assert "konsult03" in page.get_by_role("heading", level=1).inner_text()
    assert "T2 2025" in page.get_by_role("heading", level=1).inner_text()
    assert pages.get_by_role("link", name="Enkätresultat").get_attribute("aria-current") == "page"
    assert page.get_by_label("Konsult", exact=True).input_value() != ""
    assert page.get_by_role("table", name="Kundenkät: medelvärde per fråga (1–10)").count() == 1
    assert page.get_by_role("table", name="Kundenkät: sammanfattning").count() == 0
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]][:3]) for v in violations]

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Exportera alla tabeller till Excel").click()
    download = download_info.value
    assert download.suggested_filename == "rapport-2025-t2.xlsx"
    book = load_workbook(io.BytesIO(open(download.path(), "rb").read()))  # noqa: SIM115
    assert "Kundenkät sammanfattning" in book.sheetnames  # sheets carry the Swedish captions

    page.get_by_role("link", name="Tertialrapporter (PDF)").click()
    page.get_by_label("År", exact=True).select_option("2025")
    page.get_by_label("Tertial", exact=True).select_option("2")
    page.get_by_role("button", name="Skapa rapport").click()
    link = page.get_by_role("link", name="Ladda ner PDF T2 2025")
    link.wait_for(timeout=60_000)
    with page.expect_download() as pdf_info:
        link.click()
    pdf = pdf_info.value
    assert pdf.suggested_filename == "tertialrapport-2025-t2.pdf"
    assert open(pdf.path(), "rb").read(4) == b"%PDF"  # noqa: SIM115
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]][:3]) for v in violations]
