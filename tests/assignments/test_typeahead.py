"""Type-ahead for customer, hiring manager and lead consultant: the suggestion endpoints and the
form's path without JavaScript (a typed name resolved on the server)."""
import re

import pytest
from django.urls import reverse

from assignments.models import Assignment, Project, Unit
from tests.factories import AssignmentFactory, ConsultantFactory, ContactFactory, OrganisationFactory, package

ORGS = reverse("assignments:suggest_organisations")
CONTACTS = reverse("assignments:suggest_contacts")
CONSULTANTS = reverse("assignments:suggest_consultants")


def labels(response) -> list[str]:
    assert response.status_code == 200
    return [item["label"] for item in response.json()["results"]]


@pytest.mark.django_db
class TestSuggestions:
    def test_every_word_matches_ignoring_case_and_accents(self, client, coordinator):
        OrganisationFactory(name="Skärholmens stadsdelsförvaltning")
        OrganisationFactory(name="Södermalms stadsdelsförvaltning")
        OrganisationFactory(name="Skolförvaltningen")
        client.force_login(coordinator)
        assert labels(client.get(ORGS, {"q": "STADSDELSFORV skarh"})) == ["Skärholmens stadsdelsförvaltning"]
        created = {"Skolförvaltningen", "Skärholmens stadsdelsförvaltning", "Södermalms stadsdelsförvaltning"}
        # the migrations also create the administrations the seeded plans name (Förskoleförvaltningen, ...)
        assert [label for label in labels(client.get(ORGS, {"q": "förvaltning"})) if label in created] == [
            "Skolförvaltningen", "Skärholmens stadsdelsförvaltning", "Södermalms stadsdelsförvaltning"]
        response = client.get(ORGS, {"q": "SÖDERM"})
        assert labels(response) == ["Södermalms stadsdelsförvaltning"]
        assert response.json()["message"] == "1 träff"

    def test_names_starting_with_the_typed_word_come_first(self, client, coordinator):
        OrganisationFactory(name="Arbetsmarknadsförvaltningen")
        OrganisationFactory(name="Miljöförvaltningen")
        client.force_login(coordinator)
        assert labels(client.get(ORGS, {"q": "milj"})) == ["Miljöförvaltningen"]
        assert labels(client.get(ORGS, {"q": "m"}))[0] == "Miljöförvaltningen"

    def test_inactive_rows_and_empty_text_suggest_nothing(self, client, coordinator):
        OrganisationFactory(name="Gamla förvaltningen", active=False)
        client.force_login(coordinator)
        assert labels(client.get(ORGS, {"q": "gamla"})) == []
        response = client.get(ORGS, {"q": "  "})
        assert (labels(response), response.json()["message"]) == ([], "Inga träffar")

    def test_hiring_managers_are_narrowed_to_the_chosen_customer(self, client, coordinator):
        norrmalm = OrganisationFactory(name="Norrmalms stadsdelsförvaltning")
        ContactFactory(organisation=norrmalm, name="Anna Åberg")
        ContactFactory(organisation=OrganisationFactory(name="Trafikkontoret"), name="Anna Andersson")
        client.force_login(coordinator)
        assert labels(client.get(CONTACTS, {"q": "anna"})) == [
            "Anna Andersson (Trafikkontoret)", "Anna Åberg (Norrmalms stadsdelsförvaltning)"]
        response = client.get(CONTACTS, {"q": "anna", "organisation": norrmalm.pk})
        assert response.json()["results"] == [{
            "value": norrmalm.contacts.get().pk, "label": "Anna Åberg (Norrmalms stadsdelsförvaltning)",
            "group": norrmalm.pk, "group_label": "Norrmalms stadsdelsförvaltning"}]
        # the customer's name finds its managers too
        assert labels(client.get(CONTACTS, {"q": "trafik"})) == ["Anna Andersson (Trafikkontoret)"]

    def test_suggestions_show_only_the_name_the_form_shows(self, client, coordinator):
        ConsultantFactory(name="Örjan Öst", email="orjan.ost@rekrytering.example.se")
        client.force_login(coordinator)
        response = client.get(CONSULTANTS, {"q": "orjan"})
        assert response.json()["results"] == [{"value": response.json()["results"][0]["value"],
                                               "label": "Örjan Öst"}]
        assert "orjan.ost@" not in response.content.decode()

    def test_at_most_twenty_and_a_hint_to_type_more(self, client, coordinator):
        for n in range(25):
            ConsultantFactory(name=f"Lisa Lind {n:02d}")
        client.force_login(coordinator)
        data = client.get(CONSULTANTS, {"q": "lisa"}).json()
        assert len(data["results"]) == 20
        assert data["more"] is True
        assert data["message"] == "Fler än 20 träffar – skriv mer av namnet."
        assert client.get(CONSULTANTS, {"q": "lisa 03"}).json()["message"] == "1 träff"

    def test_a_consultant_may_ask_and_the_query_count_is_fixed(self, client, consultant_user,
                                                                django_assert_max_num_queries):
        for n in range(5):
            ContactFactory(name=f"Chef Berg {n}")
        client.force_login(consultant_user)
        client.get(CONTACTS, {"q": "berg"})
        with django_assert_max_num_queries(4):  # session, user, groups, contacts with their customer
            assert len(labels(client.get(CONTACTS, {"q": "berg"}))) == 5

    @pytest.mark.parametrize("url", [ORGS, CONTACTS, CONSULTANTS])
    def test_managers_and_users_without_a_role_are_refused(self, client, manager, outsider, url):
        for user in (manager, outsider):
            client.force_login(user)
            assert client.get(url, {"q": "a"}).status_code == 403
        client.logout()
        assert client.get(url, {"q": "a"})["Location"].startswith(reverse("login"))


def typed_form(**overrides) -> dict:
    data = {
        "organisation_text": "norrmalm", "contact_text": "nina", "lead_consultant_text": "karin",
        "sector": "aldreomsorg", "role_title": "Enhetschef hemtjänst", "role_level": "chef",
        "package": package("CHEF").pk, "ordered_on": "2026-02-03", "surveys_enabled": "on",
        "applicants": "", "screened_candidates": "", "hours": "", "no_survey_reason": "", "notes": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def customers(db):
    norrmalm = OrganisationFactory(name="Norrmalms stadsdelsförvaltning")
    ContactFactory(organisation=norrmalm, name="Nina Norrmalm")
    ContactFactory(organisation=OrganisationFactory(name="Trafikkontoret"), name="Nina Trafik")
    return norrmalm


@pytest.mark.django_db
class TestWithoutJavaScript:
    def test_typed_names_choose_customer_manager_and_consultant(self, client, coordinator, consultant_user,
                                                               customers):
        client.force_login(coordinator)
        # "nina" alone would match two managers; within the chosen customer it is one
        response = client.post(reverse("assignments:create"), typed_form())
        assert response.status_code == 302
        assignment = Assignment.objects.get()
        assert assignment.organisation == customers
        assert assignment.contact.name == "Nina Norrmalm"
        assert assignment.lead_consultant == consultant_user.consultant

    def test_an_unknown_name_is_refused_in_swedish_and_the_typed_values_stay(self, client, coordinator,
                                                                            consultant_user, customers):
        client.force_login(coordinator)
        response = client.post(reverse("assignments:create"), typed_form(organisation_text="Kungsholmen"))
        body = response.content.decode()
        assert response.status_code == 200
        assert "Ingen kund matchar ”Kungsholmen”." in body
        assert 'name="organisation_text" value="Kungsholmen"' in body
        assert 'name="lead_consultant_text" value="karin"' in body
        assert 'value="Enhetschef hemtjänst"' in body
        assert not Assignment.objects.exists()

    def test_an_ambiguous_name_lists_the_matches(self, client, coordinator, consultant_user, customers):
        client.force_login(coordinator)
        response = client.post(reverse("assignments:create"), typed_form(organisation_text="", contact_text="nina"))
        body = response.content.decode()
        assert "Detta fält måste fyllas i." in body
        assert ("Flera rekryterande chefer matchar ”nina”: Nina Norrmalm (Norrmalms stadsdelsförvaltning), "
                "Nina Trafik (Trafikkontoret). Skriv mer av namnet.") in body
        assert 'name="contact_text" value="nina"' in body
        assert not Assignment.objects.exists()

    def test_an_exact_name_wins_over_longer_ones(self, client, coordinator, consultant_user, customers):
        ConsultantFactory(name="Karin Konsultsson")
        client.force_login(coordinator)
        response = client.post(reverse("assignments:create"), typed_form(lead_consultant_text="karin konsult"))
        assert response.status_code == 302
        assert Assignment.objects.get().lead_consultant == consultant_user.consultant

    def test_a_picked_key_counts_only_while_the_text_still_names_it(self, client, coordinator, consultant_user,
                                                                   customers):
        trafik = OrganisationFactory(name="Trafikkontoret")
        client.force_login(coordinator)
        # the script filled the key, then the person typed another customer over the label
        client.post(reverse("assignments:create"), typed_form(
            organisation=trafik.pk, organisation_text="Norrmalms stadsdelsförvaltning"))
        assert Assignment.objects.get().organisation == customers
        client.post(reverse("assignments:create"), typed_form(
            organisation=trafik.pk, organisation_text="trafikkontoret", contact_text=""))
        assert Assignment.objects.latest("pk").organisation == trafik

    def test_the_edit_form_shows_the_current_names_and_saves_them_unchanged(self, client, coordinator):
        contact = ContactFactory(organisation=OrganisationFactory(name="Östermalms stadsdelsförvaltning"),
                                 name="Åsa Ek")
        assignment = AssignmentFactory(organisation=contact.organisation, contact=contact)
        client.force_login(coordinator)
        url = reverse("assignments:edit", args=[assignment.reference])
        body = client.get(url).content.decode()
        assert 'name="organisation_text" value="Östermalms stadsdelsförvaltning"' in body
        assert 'name="contact_text" value="Åsa Ek (Östermalms stadsdelsförvaltning)"' in body
        assert f'name="contact" id="id_contact_key" value="{contact.pk}" data-typeahead-key ' \
               f'data-group="{contact.organisation_id}"' in body
        form = response_form(client.get(url))
        form["role_title"] = "Ny titel"
        assert client.post(url, form).status_code == 302
        assignment.refresh_from_db()
        assert (assignment.contact, assignment.role_title) == (contact, "Ny titel")


def response_form(response) -> dict:
    """The posted values of the rendered form (text, hidden, checked boxes, selected options)."""
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        widget = field.widget
        if hasattr(widget, "suggest_url"):
            data[name] = value or ""
            data[name + "_text"] = widget.get_context(name, value, {})["widget"]["text"]
        elif isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    return data


@pytest.mark.django_db
class TestReferenceForms:
    """A contact's customer, a project's customer and lead, a unit's manager: typed the same way."""

    def test_a_contact_is_added_to_a_typed_customer(self, client, coordinator):
        kista = OrganisationFactory(name="Rinkeby-Kista stadsdelsförvaltning")
        OrganisationFactory(name="Spånga-Tensta stadsdelsförvaltning")
        client.force_login(coordinator)
        url = reverse("reference:contact_create")
        assert '<select name="organisation"' not in client.get(url).content.decode()
        data = {"organisation_text": "rinkeby kista", "name": "Anna Andersson", "email": "anna.a@stockholm.se",
                "role": "hiring_manager", "email_status": "ok", "active": "on"}
        assert client.post(url, data).status_code == 302
        assert kista.contacts.get().name == "Anna Andersson"
        response = client.post(url, data | {"organisation_text": "stadsdelsförvaltning", "email": ""})
        assert "Flera kunder matchar ”stadsdelsförvaltning”" in response.content.decode()

    def test_a_project_and_a_unit_get_typed_consultants(self, client, coordinator):
        ConsultantFactory(name="Ulla Ullberg")
        client.force_login(coordinator)
        client.post(reverse("reference:unit_create"), {"name": "Enhet 3", "manager_text": "ullberg"})
        assert Unit.objects.get(name="Enhet 3").manager.name == "Ulla Ullberg"
        response = client.post(reverse("reference:project_create"), {
            "name": "Sommarvikarier", "organisation_text": "", "lead_text": "Okänd Person"})
        assert "Ingen konsult matchar ”Okänd Person”." in response.content.decode()
        assert not Project.objects.exists()


@pytest.mark.django_db
def test_the_list_keeps_select_filters_that_the_script_turns_into_type_aheads(client, manager):
    org = OrganisationFactory(name="Skärholmens stadsdelsförvaltning")
    client.force_login(manager)
    body = client.get(reverse("assignments:list"), {"organisation": org.pk}).content.decode()
    for name in ("organisation", "consultant"):
        assert re.search(rf'<div data-typeahead-select [^>]*data-msg-many="{{n}} träffar"[^>]*>'
                         rf'<select class="form-select" name="{name}"', body)
    assert f'<option value="{org.pk}" selected>Skärholmens stadsdelsförvaltning</option>' in body
    assert "assignments/typeahead.js" in body
