"""A manager loads the published survey results in real Chromium, and the page passes axe."""
import pytest

from reporting.models import SurveyAggregate
from tests.reporting.sample_loader import SAMPLES

from .conftest import axe_violations, login


@pytest.mark.django_db(transaction=True)
def test_a_manager_uploads_published_results(page, live_server, manager):
    login(page, live_server, "chef")
    page.wait_for_url(f"{live_server.url}/**")
    page.goto(f"{live_server.url}/rapporter/publicerade-resultat/")
    page.get_by_label("CSV-fil").set_input_files(str(SAMPLES / "aggregates.csv"))
    page.get_by_role("button", name="Läs in").click()
    page.get_by_text("59 nya och 0 ersatta resultat inlästa").wait_for()
    table = page.get_by_role("table", name="Inlästa publicerade resultat")
    assert table.get_by_role("row").count() == 60
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]
    assert SurveyAggregate.objects.count() == 59


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_sees_the_bad_rows_of_a_rejected_file(page, live_server, coordinator, tmp_path):
    bad = tmp_path / "fel.csv"
    bad.write_text("year,survey,question,mean,yes_share,n\n2021,customer,planning,12,,\n", encoding="utf-8")
    login(page, live_server, "koordinator")
    page.wait_for_url(f"{live_server.url}/**")
    page.goto(f"{live_server.url}/rapporter/publicerade-resultat/")
    page.get_by_label("CSV-fil").set_input_files(str(bad))
    page.get_by_role("button", name="Läs in").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "Rad 2:" in alert.inner_text()
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]
    assert SurveyAggregate.objects.count() == 0
