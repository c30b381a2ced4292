"""A coordinator types part of a customer's name, picks it with the keyboard, picks one of its hiring
managers and a consultant the same way, and saves."""
import re

import pytest

from assignments.models import Assignment
from tests.factories import AssignmentFactory, ContactFactory, OrganisationFactory

from .conftest import axe_violations, login


def assert_no_violations(page):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]


def field(page, label):
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_picks_customer_and_manager_with_the_keyboard(page, live_server, coordinator,
                                                                     consultant_user):
    skarholmen = OrganisationFactory(name="Skärholmens stadsdelsförvaltning")
    OrganisationFactory(name="Skolförvaltningen")
    OrganisationFactory(name="Södermalms stadsdelsförvaltning")
    ContactFactory(organisation=skarholmen, name="Sara Sjöberg")
    ContactFactory(organisation=OrganisationFactory(name="Trafikkontoret"), name="Sara Trafik")

    login(page, live_server, "koordinator")
    page.wait_for_url(f"{live_server.url}/uppdrag/")
    page.goto(f"{live_server.url}/uppdrag/nytt/")

    customer = field(page, "Kund")
    customer.press_sequentially("skarh")
    listbox = page.get_by_role("listbox", name="Förslag: Kund")
    listbox.wait_for()
    assert customer.get_attribute("role") == "combobox"
    assert customer.get_attribute("aria-expanded") == "true"
    assert customer.get_attribute("aria-controls") == listbox.get_attribute("id")
    assert listbox.get_by_role("option").all_inner_texts() == ["Skärholmens stadsdelsförvaltning"]
    assert page.locator("#div_id_organisation [role=status]").inner_text() == "1 träff"
    assert_no_violations(page)

    customer.fill("")
    customer.press_sequentially("stadsdelsförv")  # the seeded administrations also end in "förvaltningen"
    page.locator("#div_id_organisation [role=status]").get_by_text("2 träffar").wait_for()
    customer.press("ArrowDown")
    customer.press("ArrowDown")
    assert page.locator(f"#{customer.get_attribute('aria-activedescendant')}").inner_text() \
        == "Södermalms stadsdelsförvaltning"
    customer.press("ArrowUp")
    active = customer.get_attribute("aria-activedescendant")
    assert page.locator(f"#{active}").inner_text() == "Skärholmens stadsdelsförvaltning"
    assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    customer.press("Enter")
    assert customer.input_value() == "Skärholmens stadsdelsförvaltning"
    assert customer.get_attribute("aria-expanded") == "false"
    assert page.locator("#id_organisation_key").input_value() == str(skarholmen.pk)
    assert page.url.endswith("/uppdrag/nytt/")  # Enter picked, it did not submit

    manager = field(page, "Rekryterande chef")
    manager.press_sequentially("sara")
    options = page.get_by_role("listbox", name="Förslag: Rekryterande chef").get_by_role("option")
    options.first.wait_for()
    # only the chosen customer's managers are offered
    assert options.all_inner_texts() == ["Sara Sjöberg (Skärholmens stadsdelsförvaltning)"]
    manager.press("ArrowDown")
    manager.press("Enter")

    consultant = field(page, "Ansvarig konsult")
    consultant.press_sequentially("karin")
    page.get_by_role("listbox", name="Förslag: Ansvarig konsult").get_by_role("option").first.wait_for()
    consultant.press("Escape")
    assert consultant.get_attribute("aria-expanded") == "false"
    consultant.press("ArrowDown")
    assert consultant.get_attribute("aria-expanded") == "true"
    consultant.press("Enter")
    assert consultant.input_value() == "Karin Konsult"

    field(page, "Befattning").fill("Enhetschef hemtjänst")
    field(page, "Paket").select_option(label="Rekrytering chef")
    page.get_by_role("button", name="Registrera").click()
    page.wait_for_url(re.compile(r".*/uppdrag/\d{4}-\d{4}/$"))
    assignment = Assignment.objects.get()
    assert (assignment.organisation, assignment.contact.name, assignment.lead_consultant.name) == (
        skarholmen, "Sara Sjöberg", "Karin Konsult")
    body = page.locator("main").inner_text()
    assert "Skärholmens stadsdelsförvaltning" in body
    assert "Sara Sjöberg" in body


@pytest.mark.django_db(transaction=True)
def test_a_manager_picked_first_fills_in_the_customer(page, live_server, coordinator):
    norrmalm = OrganisationFactory(name="Norrmalms stadsdelsförvaltning")
    ContactFactory(organisation=norrmalm, name="Nina Norrmalm")
    login(page, live_server, "koordinator")
    page.wait_for_url(f"{live_server.url}/uppdrag/")
    page.goto(f"{live_server.url}/uppdrag/nytt/")
    manager = field(page, "Rekryterande chef")
    manager.press_sequentially("nina")
    page.get_by_role("option", name="Nina Norrmalm (Norrmalms stadsdelsförvaltning)").click()
    assert field(page, "Kund").input_value() == "Norrmalms stadsdelsförvaltning"
    assert page.locator("#id_organisation_key").input_value() == str(norrmalm.pk)
    # another customer empties a manager who is not theirs
    customer = field(page, "Kund")
    OrganisationFactory(name="Trafikkontoret")
    customer.fill("")
    customer.press_sequentially("trafik")
    page.get_by_role("option", name="Trafikkontoret").wait_for()
    customer.press("ArrowDown")
    customer.press("Enter")
    assert manager.input_value() == ""
    assert page.locator("#id_contact_key").input_value() == ""


@pytest.mark.django_db(transaction=True)
def test_the_list_filters_customer_by_typing(page, live_server, manager):
    skarholmen = OrganisationFactory(name="Skärholmens stadsdelsförvaltning")
    AssignmentFactory(reference="2026-0001", organisation=skarholmen, role_title="Enhetschef")
    AssignmentFactory(reference="2026-0002", organisation=OrganisationFactory(name="Skolförvaltningen"),
                      role_title="Rektor")
    login(page, live_server, "chef")
    page.wait_for_url(f"{live_server.url}/**")
    page.goto(f"{live_server.url}/uppdrag/")
    customer = page.get_by_role("combobox", name="Kund")
    customer.press_sequentially("skarh")
    listbox = page.get_by_role("listbox", name="Förslag: Kund")
    listbox.wait_for()
    assert listbox.get_by_role("option").all_inner_texts() == ["Skärholmens stadsdelsförvaltning"]
    assert page.locator("#id_organisation_listbox + [role=status]").inner_text() == "1 träff"
    assert_no_violations(page)
    customer.press("ArrowDown")
    customer.press("Enter")
    page.get_by_role("button", name="Filtrera").click()
    page.wait_for_url(f"**/uppdrag/?*organisation={skarholmen.pk}*")
    assert page.get_by_role("combobox", name="Kund").input_value() == "Skärholmens stadsdelsförvaltning"
    table = page.locator("main table").first.inner_text()
    assert "2026-0001" in table
    assert "2026-0002" not in table
