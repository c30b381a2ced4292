"""Picking a package without a customer survey turns the survey off on a new assignment (Omtag: reason omtag)."""
import pytest

from .conftest import login


@pytest.mark.django_db(transaction=True)
def test_it_turns_the_survey_off_with_reason_omtag_when_a_new_assignment_is_an_omtag(page, live_server,
                                                                                    coordinator):
    login(page, live_server, "koordinator")
    page.wait_for_url(f"{live_server.url}/uppdrag/")
    page.goto(f"{live_server.url}/uppdrag/nytt/")
    assert page.locator("#id_surveys_enabled").is_checked()
    page.locator("#id_package").select_option(label="Omtag")
    assert not page.locator("#id_surveys_enabled").is_checked()
    assert page.locator("#id_no_survey_reason").input_value() == "omtag"
    page.locator("#id_package").select_option(label="Stora paketet")
    assert page.locator("#id_surveys_enabled").is_checked()
    assert page.locator("#id_no_survey_reason").input_value() == ""
