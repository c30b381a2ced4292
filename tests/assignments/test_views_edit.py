"""Create and edit forms, the edit conflict, billing overrides and add-ons, hires."""
import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from assignments import services
from assignments.models import Assignment, BillingKind, NoSurveyReason, Status
from tests.factories import AssignmentFactory, ContactFactory, HireFactory, OrganisationFactory, package


def form_data(**overrides) -> dict:
    org = overrides.pop("organisation", None) or OrganisationFactory(name="Norrmalms stadsdelsförvaltning")
    contact = overrides.pop("contact", None) or ContactFactory(organisation=org, name="Nina Norrmalm")
    data = {
        "organisation": org.pk, "contact": contact.pk, "sector": "aldreomsorg", "role_title": "Enhetschef",
        "role_level": "chef", "package": package("CHEF").pk, "ordered_on": "2026-02-03", "applicants": "",
        "screened_candidates": "", "hours": "", "surveys_enabled": "on", "no_survey_reason": "", "notes": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.django_db
class TestCreate:
    def test_it_registers_with_the_next_reference_and_the_package_line(self, client, coordinator, consultant_user,
                                                                     other_consultant_user):
        services.reference_seen(reference="2026-0142")
        client.force_login(coordinator)
        response = client.post(reverse("assignments:create"), form_data(
            lead_consultant=consultant_user.consultant.pk, co_consultants=[other_consultant_user.consultant.pk],
            screening="on", screened_candidates="40",
        ))
        assignment = Assignment.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("assignments:detail", args=["2026-0143"])
        assert assignment.reference == "2026-0143"
        assert assignment.status == Status.REGISTERED
        assert list(assignment.co_consultants.all()) == [other_consultant_user.consultant]
        line = assignment.billing_lines.get()
        assert (line.kind, line.amount) == (BillingKind.PACKAGE, Decimal("34000"))
        assert {h.history_user for h in assignment.history.all()} == {coordinator}
        registered = assignment.status_changes.get()
        assert (registered.from_status, registered.to_status, registered.changed_by) == (
            "", Status.REGISTERED, coordinator)

    def test_it_uses_the_order_year_for_reference_and_price(self, client, coordinator, consultant_user):
        client.force_login(coordinator)
        client.post(reverse("assignments:create"), form_data(
            lead_consultant=consultant_user.consultant.pk, package=package("STORA").pk, ordered_on="2024-12-30"))
        assignment = Assignment.objects.get()
        assert assignment.reference == "2024-0001"
        assert services.invoiced_amount(assignment=assignment) == Decimal("25000")  # the 2023 price

    def test_co_consultants_are_ticked_not_ctrl_clicked(self, client, coordinator, consultant_user):
        client.force_login(coordinator)
        body = client.get(reverse("assignments:create")).content.decode()
        assert re.search(r'<input type="checkbox"[^>]*name="co_consultants"', body)
        assert '<select name="co_consultants"' not in body

    def test_customer_manager_and_consultant_are_typed_not_picked_from_long_selects(self, client, coordinator):
        # was: contact <option>s carried their customer for the form script; now type-aheads (test_typeahead.py)
        client.force_login(coordinator)
        body = client.get(reverse("assignments:create")).content.decode()
        for name in ("organisation", "contact", "lead_consultant"):
            assert f'<select name="{name}"' not in body
            assert re.search(rf'<input type="text" name="{name}_text"[^>]*id="id_{name}"', body)
            assert f'<input type="hidden" name="{name}" id="id_{name}_key"' in body
        assert "assignments/typeahead.js" in body
        assert "assignments/assignment-form.js" in body

    def test_no_survey_needs_a_reason(self, client, coordinator, consultant_user):
        client.force_login(coordinator)
        response = client.post(reverse("assignments:create"), form_data(
            lead_consultant=consultant_user.consultant.pk, surveys_enabled=None))
        assert response.status_code == 200
        assert "Ange varför ingen kundenkät ska skickas." in response.content.decode()
        assert not Assignment.objects.exists()
        client.post(reverse("assignments:create"), form_data(
            lead_consultant=consultant_user.consultant.pk, surveys_enabled=None, no_survey_reason="omtag"))
        assert Assignment.objects.get().no_survey_reason == NoSurveyReason.REDO

    def test_bad_input_is_refused_and_writes_nothing(self, client, coordinator, consultant_user):
        other_org_contact = ContactFactory()
        client.force_login(coordinator)
        response = client.post(reverse("assignments:create"), form_data(
            lead_consultant=consultant_user.consultant.pk, contact=other_org_contact,
            co_consultants=[consultant_user.consultant.pk], redo_reference="2019-9999", ordered_on="31/02/2026"))
        body = response.content.decode()
        assert response.status_code == 200
        assert "hör till en annan kund" in body
        assert "Det finns inget uppdrag med nummer 2019-9999." in body
        assert "kan inte också vara medkonsult" in body
        assert not Assignment.objects.exists()
        assert services.reference_next(year=2026) == "2026-0001"  # no number was used up

    def test_a_redo_points_to_the_assignment_it_redoes(self, client, coordinator, consultant_user):
        first = AssignmentFactory(reference="2025-0200")
        client.force_login(coordinator)
        client.post(reverse("assignments:create"), form_data(
            lead_consultant=consultant_user.consultant.pk, redo_reference="2025-0200", package=package("OMTAG").pk))
        assert Assignment.objects.exclude(pk=first.pk).get().redo_of == first


@pytest.mark.django_db
class TestEdit:
    def edit_data(self, assignment, **overrides):
        values = {
            "organisation": assignment.organisation, "contact": assignment.contact,
            "lead_consultant": assignment.lead_consultant_id, "package": assignment.package_id,
            "ordered_on": assignment.ordered_on.isoformat(), "version": assignment.version,
        }
        return form_data(**{**values, **overrides})

    def test_a_consultant_edits_their_own_assignment(self, client, consultant_user):
        a = AssignmentFactory(lead_consultant=consultant_user.consultant)
        client.force_login(consultant_user)
        response = client.post(reverse("assignments:edit", args=[a.reference]),
                               self.edit_data(a, role_title="Biträdande rektor", hours="31.5", applicants="87"))
        assert response.status_code == 302
        a.refresh_from_db()
        assert (a.role_title, a.hours, a.applicants, a.version) == ("Biträdande rektor", Decimal("31.5"), 87, 2)

    @pytest.mark.parametrize(("field", "value"), [
        ("hours", "-5"), ("applicants", "-3"), ("screened_candidates", "-1"), ("hours", "1e400"), ("hours", "nan"),
    ])
    def test_a_negative_or_impossible_number_is_refused_in_swedish(self, client, coordinator, field, value):
        a = AssignmentFactory(hours=Decimal("12"), applicants=40)
        client.force_login(coordinator)
        response = client.post(reverse("assignments:edit", args=[a.reference]), self.edit_data(a, **{field: value}))
        assert response.status_code == 200
        errors = response.context["form"].errors[field]
        assert errors and all("Ensure" not in e and "Enter" not in e for e in errors), errors
        a.refresh_from_db()
        assert (a.hours, a.applicants, a.version) == (Decimal("12"), 40, 1)

    def test_the_database_refuses_negative_hours_too(self):
        from django.db import IntegrityError, transaction
        a = AssignmentFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            type(a).objects.filter(pk=a.pk).update(hours=Decimal("-5"))

    def test_the_second_of_two_open_forms_is_refused(self, client, coordinator, consultant_user):
        a = AssignmentFactory(lead_consultant=consultant_user.consultant, role_title="Lärare")
        url = reverse("assignments:edit", args=[a.reference])
        client.force_login(coordinator)
        first_form = client.get(url).context["form"]
        second_form = client.get(url).context["form"]
        assert first_form["version"].value() == second_form["version"].value() == 1
        assert client.post(url, self.edit_data(a, role_title="Lärare i matematik")).status_code == 302
        response = client.post(url, self.edit_data(a, role_title="Lärare i svenska"))
        assert response.status_code == 409
        body = response.content.decode()
        assert "Någon annan har sparat uppdraget medan du redigerade" in body
        assert 'value="Lärare i svenska"' in body  # what the user typed is kept in the form
        a.refresh_from_db()
        assert (a.role_title, a.version) == ("Lärare i matematik", 2)

    def test_changing_the_package_reprices_the_package_line(self, client, coordinator):
        a = AssignmentFactory(package=package("STORA"), ordered_on=dt.date(2025, 3, 1))
        services.billing_package_line_set(assignment=a)
        client.force_login(coordinator)
        client.post(reverse("assignments:edit", args=[a.reference]), self.edit_data(a, package=package("LILLA").pk))
        assert services.invoiced_amount(assignment=a) == Decimal("10000")

    def test_there_is_no_way_to_delete_an_assignment(self, client, coordinator):
        a = AssignmentFactory()
        client.force_login(coordinator)
        body = client.get(reverse("assignments:detail", args=[a.reference])).content.decode()
        assert "Radera uppdrag" not in body
        assert client.delete(reverse("assignments:detail", args=[a.reference])).status_code == 405
        assert Assignment.objects.filter(pk=a.pk).exists()


@pytest.fixture
def a(db):
    """A Stora paketet assignment of 2025 with its package line (27 000 kr)."""
    a = AssignmentFactory(package=package("STORA"), ordered_on=dt.date(2025, 2, 1))
    services.billing_package_line_set(assignment=a)
    return a


@pytest.mark.django_db
class TestBilling:
    def test_an_override_needs_a_reason(self, client, coordinator, a):
        client.force_login(coordinator)
        url = reverse("assignments:billing_package", args=[a.reference])
        response = client.post(url, {"override-amount": "20000", "override-reason": "  "}, follow=True)
        assert "Priset ändrades inte" in response.content.decode()
        assert services.invoiced_amount(assignment=a) == Decimal("27000")
        client.post(url, {"override-amount": "20000", "override-reason": "Rabatt enligt avtal"})
        line = a.billing_lines.get()
        assert (line.amount, line.override_reason) == (Decimal("20000"), "Rabatt enligt avtal")
        client.post(reverse("assignments:billing_reset", args=[a.reference]))
        line.refresh_from_db()
        assert (line.amount, line.override_reason) == (Decimal("27000"), "")

    def test_addons_are_priced_from_the_catalogue_and_removable(self, client, coordinator, a):
        client.force_login(coordinator)
        url = reverse("assignments:billing_addon", args=[a.reference])
        client.post(url, {"addon-kind": "extra_hours", "addon-quantity": "3"})
        client.post(url, {"addon-kind": "references", "addon-quantity": "2"})
        assert services.invoiced_amount(assignment=a) == Decimal("30410")
        response = client.get(reverse("assignments:detail", args=[a.reference]))
        assert response.context["assignment"].invoiced == Decimal("30410")
        hours = a.billing_lines.get(kind=BillingKind.EXTRA_HOURS)
        client.post(reverse("assignments:billing_remove", args=[a.reference, hours.pk]))
        assert services.invoiced_amount(assignment=a) == Decimal("27800")

    def test_an_add_on_package_is_added_by_hand_at_its_price_in_the_order_year(self, client, coordinator, a):
        client.force_login(coordinator)
        search = package("SEARCH")
        form = client.get(reverse("assignments:detail", args=[a.reference])).context["addon_form"]
        assert (f"addon:{search.pk}", "Searchpaket") in form.fields["kind"].choices
        assert f"addon:{package('STORA').pk}" not in dict(form.fields["kind"].choices)  # not an add-on
        client.post(reverse("assignments:billing_addon", args=[a.reference]),
                    {"addon-kind": f"addon:{search.pk}", "addon-quantity": "1"})
        line = a.billing_lines.get(kind=BillingKind.ADDON)
        assert (line.addon, line.description, line.unit_price) == (search, "Searchpaket", Decimal("7500"))
        assert services.invoiced_amount(assignment=a) == Decimal("34500")

    def test_the_package_line_cannot_be_removed(self, client, coordinator, a):
        client.force_login(coordinator)
        line = a.billing_lines.get()
        response = client.post(reverse("assignments:billing_remove", args=[a.reference, line.pk]), follow=True)
        assert "Paketraden kan inte tas bort." in response.content.decode()
        assert a.billing_lines.count() == 1

    def test_a_bad_quantity_adds_nothing(self, client, coordinator, a):
        client.force_login(coordinator)
        client.post(reverse("assignments:billing_addon", args=[a.reference]),
                    {"addon-kind": "references", "addon-quantity": "-2"})
        assert a.billing_lines.count() == 1


@pytest.mark.django_db
class TestHires:
    def test_a_consultant_adds_edits_and_removes_hires(
        self, client, consultant_user, django_capture_on_commit_callbacks
    ):
        a = AssignmentFactory(lead_consultant=consultant_user.consultant)
        client.force_login(consultant_user)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("assignments:hire_add", args=[a.reference]),
                        {"hire-name": "Sara Svensson", "hire-email": "sara@example.se",
                         "hire-start_date": "2025-08-18"})
        hire = a.hires.get()
        assert (hire.name, hire.start_date) == ("Sara Svensson", dt.date(2025, 8, 18))
        client.post(reverse("assignments:hire_edit", args=[a.reference, hire.pk]),
                    {"name": "Sara Svensson Berg", "email": "sara@example.se", "start_date": "2025-09-01"})
        hire.refresh_from_db()
        assert (hire.name, hire.start_date) == ("Sara Svensson Berg", dt.date(2025, 9, 1))
        client.post(reverse("assignments:hire_remove", args=[a.reference, hire.pk]))
        assert not a.hires.exists()

    def test_the_last_hire_of_an_assignment_closed_with_hire_stays(self, client, coordinator):
        a = AssignmentFactory(status=Status.CLOSED_HIRED)
        hire = HireFactory(assignment=a)
        client.force_login(coordinator)
        response = client.post(reverse("assignments:hire_remove", args=[a.reference, hire.pk]), follow=True)
        assert "Byt status innan den sista tillsättningen tas bort." in response.content.decode()
        assert a.hires.count() == 1

    def test_a_hire_without_a_name_is_refused(self, client, coordinator):
        a = AssignmentFactory()
        client.force_login(coordinator)
        response = client.post(reverse("assignments:hire_add", args=[a.reference]), {"hire-name": ""}, follow=True)
        assert "Tillsättningen registrerades inte" in response.content.decode()
        assert not a.hires.exists()
