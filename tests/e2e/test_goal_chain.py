"""In real Chromium: a manager enters the ads published for a tertial and sees the share indicator change."""
import datetime as dt
from pathlib import Path

import pytest

from tests.factories import AssignmentFactory, OrganisationFactory

from .conftest import axe_violations, login

AMI_FILE = Path(__file__).resolve().parents[1] / "data" / "ami.csv"  # the shared sample, kept with the tests


def _share_row(page):
    return page.locator('tr[data-indicator="edu_share"]')


@pytest.mark.django_db(transaction=True)
def test_a_manager_enters_ads_and_sees_the_share_indicator_change_status(page, live_server, manager):
    edu = OrganisationFactory(name="Utbildningsförvaltningen")
    AssignmentFactory(organisation=edu, ordered_on=dt.date(2025, 2, 3))
    AssignmentFactory(organisation=edu, ordered_on=dt.date(2025, 3, 17))
    AssignmentFactory(organisation=edu, ordered_on=dt.date(2025, 6, 2))  # T2: not in T1

    login(page, live_server, "chef")
    page.wait_for_url(f"{live_server.url}/**")
    page.goto(f"{live_server.url}/mal/2025/?tertial=T1")
    row = _share_row(page)
    assert "Inga data" in row.inner_text()
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]][:3]) for v in violations]

    page.get_by_role("link", name="Mata in siffror").click()
    page.get_by_role("heading", name="T1 (januari–april)").wait_for()
    group = page.get_by_role("group", name="Publicerade annonser – Utbildningsförvaltningen")
    group.get_by_label("Värde").fill("100")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("siffror sparades").wait_for()

    page.get_by_role("link", name="Tillbaka till målkedjan").click()
    row = _share_row(page)
    text = row.inner_text()
    assert "Ej uppfyllt" in text and "2,0 %" in text  # 2 of 100 ads against the target 5 %

    page.goto(f"{live_server.url}/mal/2025/siffror/?period=T1")
    group = page.get_by_role("group", name="Publicerade annonser – Utbildningsförvaltningen")
    group.get_by_label("Värde").fill("40")
    group.get_by_label("Kommentar/underlag").fill("Jobba i stan, T1")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("siffror sparades").wait_for()
    page.goto(f"{live_server.url}/mal/2025/?tertial=T1")
    text = _share_row(page).inner_text()
    assert "Uppfyllt" in text and "Ej uppfyllt" not in text and "5,0 %" in text


@pytest.mark.django_db(transaction=True)
def test_the_goal_pages_work_on_a_phone_without_axe_violations(phone_page, live_server, manager):

    from django.core.management import call_command

    call_command("import_employee_survey", str(AMI_FILE), "--year", "2025")
    login(phone_page, live_server, "chef")
    phone_page.wait_for_url(f"{live_server.url}/**")
    for path in ("/mal/2025/?tertial=T2", "/mal/ami/", "/mal/2025/siffror/?period=T2"):
        phone_page.goto(f"{live_server.url}{path}")
        phone_page.get_by_role("heading", level=1).wait_for()
        violations = axe_violations(phone_page)
        assert violations == [], (path, [(v["id"], [n["html"] for n in v["nodes"]][:3]) for v in violations])
