"""A coordinator imports the old register in real Chromium: upload, preview, confirm; pages pass axe."""
import pytest

from assignments.models import Assignment
from tests.assignments.importing_helpers import SAMPLE, SAMPLE_BAD

from .conftest import axe_violations, login


def _assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_previews_and_confirms_an_import(page, live_server, coordinator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    login(page, live_server, "koordinator")
    page.wait_for_url(f"{live_server.url}/uppdrag/**")
    page.get_by_role("button", name="Register").click()
    page.get_by_role("link", name="Importera uppdrag").click()
    _assert_accessible(page)

    page.get_by_label("Fil att importera").set_input_files(str(SAMPLE_BAD))
    page.get_by_label("Skapa okända konsulter").check()
    page.get_by_role("button", name="Förhandsgranska").click()
    table = page.get_by_role("table", name="Fel per rad och kolumn")
    for line in ("37", "38", "39", "40"):
        assert table.get_by_role("rowheader", name=line, exact=True).is_visible()
    _assert_accessible(page)
    assert Assignment.objects.count() == 0

    page.get_by_role("link", name="Ladda upp en rättad fil").click()
    page.get_by_label("Fil att importera").set_input_files(str(SAMPLE))
    page.get_by_label("Skapa okända konsulter").check()
    page.get_by_role("button", name="Förhandsgranska").click()
    summary = page.get_by_role("table", name="Det här ändras om du importerar filen")
    assert summary.get_by_role("row", name="Nya uppdrag 248").is_visible()
    _assert_accessible(page)
    assert Assignment.objects.count() == 0

    page.get_by_role("button", name="Bekräfta och importera").click()
    page.get_by_role("heading", name="Import klar").wait_for()
    assert Assignment.objects.count() == 248
