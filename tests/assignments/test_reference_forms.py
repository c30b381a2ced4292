"""Creating and editing reference data: Swedish errors, nothing written on bad input, history kept."""
from decimal import Decimal

import pytest
from django.urls import reverse

from assignments.models import (
    Consultant,
    ConsultantBudget,
    Contact,
    EmailStatus,
    Organisation,
    OrganisationKind,
    Package,
    PackagePrice,
    Project,
    Unit,
)
from tests.factories import ConsultantFactory, ContactFactory, OrganisationFactory, UserFactory, package

pytestmark = pytest.mark.django_db


def formset(prefix, rows, *, initial=0):
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": "" if v is None else str(v) for k, v in row.items()})
    return data


def errors_of(response):
    return response.content.decode()


@pytest.fixture
def coord_client(client, coordinator):
    client.force_login(coordinator)
    return client


class TestOrganisations:
    def test_it_creates_an_organisation_and_records_who(self, coord_client, coordinator):
        response = coord_client.post(reverse("reference:org_create"),
                                     {"name": "Stockholm Vatten och Avfall", "kind": "bolag", "active": "on"})
        org = Organisation.objects.get(name="Stockholm Vatten och Avfall")
        assert response.status_code == 302
        assert response["Location"] == reverse("reference:org_detail", args=[org.pk])
        record = org.history.get()
        assert (record.history_type, record.history_user) == ("+", coordinator)

    def test_it_allows_a_parent_company_for_a_company(self, coord_client):
        parent = OrganisationFactory(name="Stockholms Stadshus AB", kind=OrganisationKind.COMPANY)
        coord_client.post(reverse("reference:org_create"),
                          {"name": "Micasa Fastigheter", "kind": "bolag", "parent": parent.pk, "active": "on"})
        assert Organisation.objects.get(name="Micasa Fastigheter").parent == parent

    def test_it_refuses_a_parent_for_an_administration(self, coord_client):
        parent = OrganisationFactory(name="Stockholms Stadshus AB", kind=OrganisationKind.COMPANY)
        response = coord_client.post(reverse("reference:org_create"),
                                     {"name": "Miljöförvaltningen", "kind": "fackforvaltning", "parent": parent.pk})
        assert response.status_code == 200
        assert "Bara ett bolag kan ha ett moderbolag." in errors_of(response)
        assert not Organisation.objects.filter(name="Miljöförvaltningen").exists()

    def test_it_refuses_a_subsidiary_as_parent(self, coord_client):
        top = OrganisationFactory(name="Stockholms Stadshus AB", kind=OrganisationKind.COMPANY)
        sub = OrganisationFactory(name="Svenska Bostäder", kind=OrganisationKind.COMPANY, parent=top)
        response = coord_client.post(reverse("reference:org_create"),
                                     {"name": "Dotterdotter AB", "kind": "bolag", "parent": sub.pk})
        assert "Moderbolaget måste vara ett bolag som inte självt har ett moderbolag." in errors_of(response)
        assert not Organisation.objects.filter(name="Dotterdotter AB").exists()

    def test_it_refuses_an_administration_as_parent(self, coord_client):
        admin = OrganisationFactory(name="Utbildningsförvaltningen")
        response = coord_client.post(reverse("reference:org_create"),
                                     {"name": "Skolbolaget AB", "kind": "bolag", "parent": admin.pk})
        assert "Välj ett giltigt alternativ" in errors_of(response)
        assert not Organisation.objects.filter(name="Skolbolaget AB").exists()

    def test_a_parent_company_must_stay_a_company(self, coord_client):
        top = OrganisationFactory(name="Stockholms Stadshus AB", kind=OrganisationKind.COMPANY)
        OrganisationFactory(name="Svenska Bostäder", kind=OrganisationKind.COMPANY, parent=top)
        response = coord_client.post(reverse("reference:org_edit", args=[top.pk]),
                                     {"name": top.name, "kind": "fackforvaltning", "active": "on"})
        assert "är moderbolag till andra bolag" in errors_of(response)
        top.refresh_from_db()
        assert top.kind == OrganisationKind.COMPANY

    def test_it_refuses_a_name_already_taken(self, coord_client):
        OrganisationFactory(name="Kulturförvaltningen")
        response = coord_client.post(reverse("reference:org_create"),
                                     {"name": "Kulturförvaltningen", "kind": "fackforvaltning"})
        assert "finns redan" in errors_of(response)
        assert Organisation.objects.filter(name="Kulturförvaltningen").count() == 1

    def test_an_edit_deactivates_and_keeps_the_history(self, coord_client, coordinator):
        org = OrganisationFactory(name="Gamla förvaltningen")
        coord_client.post(reverse("reference:org_edit", args=[org.pk]),
                          {"name": "Gamla förvaltningen", "kind": "fackforvaltning"})
        org.refresh_from_db()
        assert org.active is False
        latest = org.history.first()
        assert (latest.history_type, latest.history_user, latest.active) == ("~", coordinator, False)
        assert org.history.count() == 2


class TestContacts:
    def test_it_creates_a_contact_and_returns_to_the_organisation(self, coord_client, coordinator):
        org = OrganisationFactory()
        response = coord_client.post(reverse("reference:contact_create"), {
            "organisation": org.pk, "name": "Anna Andersson", "email": "Anna.Andersson@stockholm.se",
            "phone": "08-508 000 00", "role": "hiring_manager", "email_status": "ok", "active": "on"})
        assert response["Location"] == reverse("reference:org_detail", args=[org.pk])
        contact = Contact.objects.get(name="Anna Andersson")
        assert contact.history.get().history_user == coordinator

    def test_it_refuses_an_email_in_use_whatever_the_case(self, coord_client):
        existing = ContactFactory(email="anna.andersson@stockholm.se")
        response = coord_client.post(reverse("reference:contact_create"), {
            "organisation": existing.organisation_id, "name": "Anna A", "email": "ANNA.Andersson@Stockholm.se",
            "role": "hiring_manager", "email_status": "ok"})
        assert "E-postadressen används redan av" in errors_of(response)
        assert Contact.objects.count() == 1

    def test_a_coordinator_fixes_a_bounced_address(self, coord_client, coordinator):
        contact = ContactFactory(email="fel@stockholm.se", email_status=EmailStatus.BOUNCED)
        coord_client.post(reverse("reference:contact_edit", args=[contact.pk]), {
            "organisation": contact.organisation_id, "name": contact.name, "email": "Ratt@stockholm.se",
            "role": contact.role, "email_status": "ok", "active": "on"})
        contact.refresh_from_db()
        assert (contact.email, contact.email_status) == ("Ratt@stockholm.se", EmailStatus.OK)
        assert contact.history.first().history_user == coordinator

    def test_it_keeps_its_own_address_in_another_case(self, coord_client):
        contact = ContactFactory(email="eva@stockholm.se")
        response = coord_client.post(reverse("reference:contact_edit", args=[contact.pk]), {
            "organisation": contact.organisation_id, "name": contact.name, "email": "Eva@Stockholm.se",
            "role": contact.role, "email_status": "ok", "active": "on"})
        assert response.status_code == 302


class TestConsultants:
    def _data(self, **overrides):
        data = {"name": "Sara Svensson", "email": "sara.svensson@stockholm.se", "unit": Unit.objects.get(
            name="Enhet 2").pk, "fte": "0.80", "role": "konsult", "manager_qualified": "on", "active": "on"}
        data.update(overrides)
        return data

    def test_it_creates_a_consultant_with_budgets_and_history(self, coord_client, coordinator):
        user = UserFactory(username="sara")
        data = self._data(user=user.pk) | formset("budgets", [
            {"year": 2025, "amount_sek": "950000"}, {"year": 2026, "amount_sek": "1000000"}])
        response = coord_client.post(reverse("reference:consultant_create"), data)
        assert response.status_code == 302, errors_of(response)
        c = Consultant.objects.get(email="sara.svensson@stockholm.se")
        assert (c.user, c.fte, c.manager_qualified) == (user, Decimal("0.80"), True)
        assert dict(c.budgets.values_list("year", "amount_sek")) == {2025: Decimal("950000"), 2026: Decimal("1000000")}
        assert c.history.get().history_user == coordinator
        assert {b.history_user for b in ConsultantBudget.history.all()} == {coordinator}

    def test_it_refuses_two_budgets_for_one_year(self, coord_client):
        data = self._data() | formset("budgets", [
            {"year": 2026, "amount_sek": "900000"}, {"year": 2026, "amount_sek": "1000000"}])
        response = coord_client.post(reverse("reference:consultant_create"), data)
        assert "Konsulten har redan en budget för år 2026." in errors_of(response)
        assert not Consultant.objects.filter(email="sara.svensson@stockholm.se").exists()
        assert not ConsultantBudget.objects.exists()

    def test_it_refuses_a_second_budget_for_a_year_on_edit(self, coord_client):
        c = ConsultantFactory()
        b = ConsultantBudget.objects.create(consultant=c, year=2026, amount_sek=Decimal("900000"))
        data = self._data(name=c.name, email=c.email) | formset("budgets", [
            {"id": b.pk, "consultant": c.pk, "year": 2026, "amount_sek": "900000"},
            {"consultant": c.pk, "year": 2026, "amount_sek": "5"}], initial=1)
        response = coord_client.post(reverse("reference:consultant_edit", args=[c.pk]), data)
        assert "Konsulten har redan en budget för år 2026." in errors_of(response)
        assert c.budgets.count() == 1

    def test_it_changes_a_budget(self, coord_client, coordinator):
        c = ConsultantFactory()
        b = ConsultantBudget.objects.create(consultant=c, year=2026, amount_sek=Decimal("900000"))
        data = self._data(name=c.name, email=c.email) | formset("budgets", [
            {"id": b.pk, "consultant": c.pk, "year": 2026, "amount_sek": "1100000"},
            {"consultant": c.pk, "year": "", "amount_sek": ""}], initial=1)
        response = coord_client.post(reverse("reference:consultant_edit", args=[c.pk]), data)
        assert response.status_code == 302, errors_of(response)
        b.refresh_from_db()
        assert b.amount_sek == Decimal("1100000")
        assert b.history.first().history_user == coordinator

    @pytest.mark.parametrize("fte", ["0", "1.5", "-0.5"])
    def test_it_refuses_an_fte_outside_zero_to_one(self, coord_client, fte):
        response = coord_client.post(reverse("reference:consultant_create"), self._data(fte=fte) | formset(
            "budgets", []))
        assert "Tjänstgöringsgraden ska vara större än 0 och högst 1,00." in errors_of(response)
        assert not Consultant.objects.filter(email="sara.svensson@stockholm.se").exists()

    def test_it_accepts_a_swedish_decimal_comma_for_the_fte(self, coord_client):
        response = coord_client.post(reverse("reference:consultant_create"),
                                     self._data(fte="0,75") | formset("budgets", []))
        assert response.status_code == 302, errors_of(response)
        assert Consultant.objects.get(email="sara.svensson@stockholm.se").fte == Decimal("0.75")

    def test_it_refuses_an_email_used_by_another_consultant(self, coord_client):
        ConsultantFactory(email="sara.svensson@stockholm.se")
        response = coord_client.post(reverse("reference:consultant_create"),
                                     self._data(email="Sara.Svensson@stockholm.se") | formset("budgets", []))
        assert "Det finns redan en konsult med den e-postadressen." in errors_of(response)

    def test_a_consultant_who_left_keeps_no_login_and_is_inactive(self, coord_client):
        c = ConsultantFactory(user=UserFactory(username="slutat"))
        data = self._data(name=c.name, email=c.email, user="", active="") | formset("budgets", [])
        data.pop("active")
        coord_client.post(reverse("reference:consultant_edit", args=[c.pk]), data)
        c.refresh_from_db()
        assert (c.user, c.active) == (None, False)


class TestPackagesAndPrices:
    def _package_data(self, p: Package, **overrides):
        data = {"code": p.code, "name": p.name, "unit": p.unit, "standard_hours": p.standard_hours or "",
                "standard_days": p.standard_days or "", "offered": "on" if p.offered else "",
                "full_process_with_tests": "on" if p.full_process_with_tests else "",
                "includes_interviews": "on", "customer_survey_default": "on"}
        data.update(overrides)
        return {k: v for k, v in data.items() if v != ""} | {"standard_hours": data["standard_hours"]}

    def _price_rows(self, p: Package, extra):
        rows = [{"id": pr.pk, "package": p.pk, "year": pr.year, "price_sek": pr.price_sek}
                for pr in p.prices.all()]
        return formset("prices", rows + extra, initial=len(rows))

    def test_it_adds_a_price_for_a_new_year(self, coord_client, coordinator):
        stora = package("STORA")
        data = self._package_data(stora) | self._price_rows(stora, [{"package": stora.pk, "year": 2026,
                                                                       "price_sek": "28000"}])
        response = coord_client.post(reverse("reference:package_edit", args=[stora.pk]), data)
        assert response.status_code == 302, errors_of(response)
        price = PackagePrice.objects.get(package=stora, year=2026)
        assert price.price_sek == Decimal("28000")
        assert price.history.get().history_user == coordinator
        assert stora.prices.count() == 4

    def test_it_refuses_a_second_price_for_a_year(self, coord_client):
        stora = package("STORA")
        data = self._package_data(stora) | self._price_rows(stora, [{"package": stora.pk, "year": 2025,
                                                                       "price_sek": "1"}])
        response = coord_client.post(reverse("reference:package_edit", args=[stora.pk]), data)
        assert response.status_code == 200
        assert "Paketet har redan ett pris för år 2025." in errors_of(response)
        assert PackagePrice.objects.get(package=stora, year=2025).price_sek == Decimal("27000")
        assert stora.prices.count() == 3

    def test_it_retires_a_package_without_deleting_it(self, coord_client, coordinator):
        lilla = package("LILLA")
        data = self._package_data(lilla) | self._price_rows(lilla, [])
        data.pop("offered")
        coord_client.post(reverse("reference:package_edit", args=[lilla.pk]), data)
        lilla.refresh_from_db()
        assert lilla.offered is False
        assert lilla.history.first().history_user == coordinator

    def test_it_creates_a_package_with_its_first_price(self, coord_client):
        data = {"code": "screening_plus", "name": "Screening plus", "unit": "assignment",
                "includes_interviews": "on", "offered": "on", "standard_hours": ""} | formset(
            "prices", [{"year": 2026, "price_sek": "6500"}])
        response = coord_client.post(reverse("reference:package_create"), data)
        assert response.status_code == 302, errors_of(response)
        created = Package.objects.get(code="SCREENING_PLUS")
        assert created.prices.get().price_sek == Decimal("6500")

    @pytest.mark.parametrize(("code", "message"), [
        ("stora", "Det finns redan ett paket med koden STORA."),
        ("NYTT PAKET", "Koden får bara innehålla A–Z, siffror och understreck."),
    ])
    def test_it_refuses_a_bad_or_taken_code(self, coord_client, code, message):
        data = {"code": code, "name": "X", "unit": "assignment", "standard_hours": ""} | formset("prices", [])
        response = coord_client.post(reverse("reference:package_create"), data)
        assert message in errors_of(response)
        assert Package.objects.count() == 14

    def test_it_refuses_a_negative_price(self, coord_client):
        stora = package("STORA")
        data = self._package_data(stora) | self._price_rows(stora, [{"package": stora.pk, "year": 2026,
                                                                       "price_sek": "-5"}])
        response = coord_client.post(reverse("reference:package_edit", args=[stora.pk]), data)
        assert "Priset kan inte vara negativt." in errors_of(response)
        assert not PackagePrice.objects.filter(package=stora, year=2026).exists()


class TestProjectsAndUnits:
    def test_it_creates_a_project_and_refuses_an_end_before_the_start(self, coord_client, coordinator):
        org = OrganisationFactory()
        lead = ConsultantFactory()
        data = {"name": "Sommarvikarier äldreomsorg", "organisation": org.pk, "lead": lead.pk,
                "starts_on": "2026-03-01", "ends_on": "2026-02-01", "description": "Cirka 100 vikarier"}
        response = coord_client.post(reverse("reference:project_create"), data)
        assert "Slutdatum kan inte vara före startdatum." in errors_of(response)
        assert not Project.objects.exists()
        response = coord_client.post(reverse("reference:project_create"), data | {"ends_on": "2026-07-31"})
        project = Project.objects.get()
        assert response["Location"] == reverse("reference:project_detail", args=[project.pk])
        assert project.history.get().history_user == coordinator

    def test_it_creates_and_renames_a_unit_and_logs_who(self, coord_client, coordinator):
        boss = ConsultantFactory(name="Ulla Enhetschef")
        coord_client.post(reverse("reference:unit_create"), {"name": "Enhet 3", "manager": boss.pk})
        unit = Unit.objects.get(name="Enhet 3")
        coord_client.post(reverse("reference:unit_edit", args=[unit.pk]), {"name": "Enhet Tre", "manager": boss.pk})
        unit.refresh_from_db()
        assert (unit.name, unit.manager) == ("Enhet Tre", boss)
        history = list(unit.history.order_by("history_date"))
        assert [(h.history_user, h.history_type, h.name) for h in history] == [
            (coordinator, "+", "Enhet 3"), (coordinator, "~", "Enhet Tre")]

    def test_it_refuses_a_unit_name_already_taken(self, coord_client):
        response = coord_client.post(reverse("reference:unit_create"), {"name": "Enhet 1"})
        assert "finns redan" in errors_of(response)
        assert Unit.objects.filter(name="Enhet 1").count() == 1


@pytest.mark.parametrize("kind", ["org", "package", "consultant"])
def test_the_edit_form_shows_the_current_values(coord_client, kind):
    if kind == "org":
        obj, url_name, shown = OrganisationFactory(name="Idrottsförvaltningen"), "reference:org_edit", \
            'value="Idrottsförvaltningen"'
    elif kind == "package":
        obj, url_name, shown = package("STORA"), "reference:package_edit", 'value="27000.00"'
    else:
        obj = ConsultantFactory(name="Vera Värde")
        ConsultantBudget.objects.create(consultant=obj, year=2026, amount_sek=Decimal("777000"))
        url_name, shown = "reference:consultant_edit", 'value="777000.00"'
    response = coord_client.get(reverse(url_name, args=[obj.pk]))
    assert response.context["form"].instance.pk == obj.pk
    assert shown in response.content.decode()
