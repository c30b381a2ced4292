"""The detail page: every field, billing with its sum, hires, status history and the change history."""
import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from assignments import services
from assignments.models import BillingKind, Project, Status
from tests.factories import AssignmentFactory, ConsultantFactory, HireFactory, package


@pytest.fixture
def assignment(consultant_user):
    first = AssignmentFactory(reference="2025-0010")
    a = AssignmentFactory(
        reference="2025-0011", lead_consultant=consultant_user.consultant, package=package("STORA"),
        ordered_on=dt.date(2025, 2, 1), role_title="Socialsekreterare", redo_of=first,
        project=Project.objects.create(name="Sommarvikarier 2025"), applicants=64,
    )
    a.co_consultants.add(ConsultantFactory(name="Cecilia Medkonsult"))
    services.billing_package_line_set(assignment=a)
    services.billing_addon_add(assignment=a, kind=BillingKind.REFERENCES, quantity=Decimal("2"))
    return a


@pytest.mark.django_db
def test_it_shows_fields_billing_hires_and_status_history(client, manager, coordinator, assignment):
    HireFactory(assignment=assignment, name="Sara Svensson", start_date=dt.date(2025, 8, 18))
    services.assignment_change_status(assignment=assignment, to_status=Status.START_MEETING,
                                      on=dt.date(2025, 2, 5), by=coordinator)
    client.force_login(manager)
    response = client.get(reverse("assignments:detail", args=[assignment.reference]))
    body = response.content.decode()
    for text in ["Socialsekreterare", "Cecilia Medkonsult", "Sommarvikarier 2025", "Stora paketet", "Sara Svensson",
                 "2025-08-18", "Digitala referenser", "Uppstartsmöte", "Kim Koordinator", "2025-02-05"]:
        assert text in body, text
    assert f'href="{reverse("assignments:detail", args=["2025-0010"])}"' in body
    assert response.context["assignment"].invoiced == Decimal("27800")


@pytest.mark.django_db
def test_edit_buttons_are_shown_only_to_those_who_may_edit(client, manager, consultant_user, other_consultant_user,
                                                          assignment):
    edit_url = reverse("assignments:edit", args=[assignment.reference])
    for user, shown in [(consultant_user, True), (other_consultant_user, False), (manager, False)]:
        client.force_login(user)
        body = client.get(reverse("assignments:detail", args=[assignment.reference])).content.decode()
        assert (edit_url in body) is shown
        assert (reverse("assignments:status", args=[assignment.reference]) in body) is shown
        assert (reverse("assignments:hire_add", args=[assignment.reference]) in body) is shown


@pytest.mark.django_db
def test_the_change_history_says_who_changed_what_from_what_to_what(client, coordinator, consultant_user,
                                                                    assignment):
    client.force_login(coordinator)
    edit = {
        "organisation": assignment.organisation_id, "contact": assignment.contact_id, "sector": "socialtjanst",
        "role_title": "Socialsekreterare barn och unga", "role_level": "medarbetare",
        "lead_consultant": assignment.lead_consultant_id, "package": assignment.package_id,
        "ordered_on": "2025-02-01", "applicants": "70", "surveys_enabled": "on", "version": assignment.version,
    }
    assert client.post(reverse("assignments:edit", args=[assignment.reference]), edit).status_code == 302
    client.post(reverse("assignments:billing_package", args=[assignment.reference]),
                {"override-amount": "24000", "override-reason": "Rabatt"})
    client.force_login(consultant_user)
    client.post(reverse("assignments:hire_add", args=[assignment.reference]), {"hire-name": "Sara Svensson"})
    response = client.get(reverse("assignments:detail", args=[assignment.reference]))
    history = response.context["history"]
    changes = {(c.label, c.old, c.new): e.who for e in history for c in e.changes}
    assert changes[("Befattning", "Socialsekreterare", "Socialsekreterare barn och unga")] == "Kim Koordinator"
    assert changes[("Sektor", "Övrigt", "Socialtjänst")] == "Kim Koordinator"
    assert changes[("Antal sökande", "64", "70")] == "Kim Koordinator"
    assert changes[("À-pris (kr)", "27\xa0000,00", "24\xa0000,00")] == "Kim Koordinator"  # Swedish numbers
    assert changes[("Skäl till avvikande pris", "—", "Rabatt")] == "Kim Koordinator"
    created = [(e.subject, e.action, e.who) for e in history if e.kind == "+"]
    assert ("Tillsättning: Sara Svensson", "Skapad", "Karin Konsult") in created
    body = response.content.decode()
    assert "Uppdraget ändrat" in body and "Uppdraget ändrad" not in body  # the participle agrees
    assert "Socialsekreterare → Socialsekreterare barn och unga" in body


@pytest.mark.django_db
def test_the_history_shows_co_consultant_changes_by_name(client, coordinator, assignment):
    newcomer = ConsultantFactory(name="Nils Nykomling")
    client.force_login(coordinator)
    edit = {
        "organisation": assignment.organisation_id, "contact": assignment.contact_id, "sector": "ovrigt",
        "role_title": assignment.role_title, "role_level": "medarbetare", "co_consultants": [newcomer.pk],
        "lead_consultant": assignment.lead_consultant_id, "package": assignment.package_id,
        "ordered_on": "2025-02-01", "applicants": "64", "surveys_enabled": "on", "version": assignment.version,
        "project": assignment.project_id, "redo_reference": "2025-0010",
    }
    client.post(reverse("assignments:edit", args=[assignment.reference]), edit)
    history = client.get(reverse("assignments:detail", args=[assignment.reference])).context["history"]
    latest = history[0]
    assert latest.who == "Kim Koordinator"
    expected = [("Medkonsulter", "Cecilia Medkonsult", "Nils Nykomling")]
    assert [(c.label, c.old, c.new) for c in latest.changes] == expected


@pytest.mark.django_db
def test_an_unknown_reference_is_404(client, manager):
    client.force_login(manager)
    assert client.get(reverse("assignments:detail", args=["2099-0001"])).status_code == 404


@pytest.mark.django_db
def test_the_detail_page_query_count_does_not_grow_with_lines_hires_or_history(client, coordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def build(reference, n):
        a = AssignmentFactory(reference=reference, package=package("STORA"))
        a.co_consultants.add(*[ConsultantFactory() for _ in range(n)])
        services.billing_package_line_set(assignment=a)
        for i in range(n):
            services.billing_addon_add(assignment=a, kind=BillingKind.EXTRA_HOURS, quantity=Decimal(i + 1))
            HireFactory(assignment=a)
            a.role_title = f"Titel {i}"
            a.save()
        return a

    small, large = build("2025-0501", 2), build("2025-0502", 12)
    client.force_login(coordinator)
    counts = []
    for a in (small, large):
        client.get(reverse("assignments:detail", args=[a.reference]))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("assignments:detail", args=[a.reference]))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_only_the_assignments_consultants_see_the_candidates_email(client, consultant_user, other_consultant_user,
                                                                    coordinator, manager):
    assignment = AssignmentFactory(lead_consultant=consultant_user.consultant)
    HireFactory(assignment=assignment, email="kandidat.hemlig@example.se")
    url = reverse("assignments:detail", args=[assignment.reference])
    for user, sees in ((consultant_user, True), (coordinator, True), (other_consultant_user, False), (manager, False)):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert ("kandidat.hemlig@example.se" in response.content.decode()) is sees, user.username
