"""The organisation and project pages, and the lists: right content in a fixed number of queries."""
import datetime as dt

import pytest
from django.urls import reverse

from assignments.models import OrganisationKind, Project
from tests.factories import (
    AssignmentFactory,
    ConsultantFactory,
    ContactFactory,
    HireFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def kungsholmen(db):
    org = OrganisationFactory(name="Kungsholmens stadsdelsförvaltning", kind=OrganisationKind.DISTRICT)
    eva = ConsultantFactory(name="Eva Erfaren")
    ivar = ConsultantFactory(name="Ivar Junior")
    ContactFactory(organisation=org, name="Helena Hälsa", email="helena@stockholm.se")
    AssignmentFactory(organisation=org, lead_consultant=eva, reference="2024-0001", ordered_on=dt.date(2024, 1, 5))
    a2 = AssignmentFactory(organisation=org, lead_consultant=eva, reference="2026-0007",
                           ordered_on=dt.date(2026, 2, 1))
    a2.co_consultants.add(ivar)
    a3 = AssignmentFactory(organisation=org, lead_consultant=ivar, reference="2025-0100",
                           ordered_on=dt.date(2025, 6, 1))
    a3.co_consultants.add(eva)
    AssignmentFactory(reference="2026-0099", lead_consultant=ConsultantFactory(name="Annan Kund-Konsult"))
    return org


def test_the_organisation_page_lists_recent_assignments_contacts_and_consultants(client, manager, kungsholmen):
    client.force_login(manager)
    response = client.get(reverse("reference:org_detail", args=[kungsholmen.pk]))
    refs = [a.reference for a in response.context["assignments_page"].object_list]
    assert refs == ["2026-0007", "2025-0100", "2024-0001"]
    people = {c.name: (c.n_lead, c.n_co, c.n_total) for c in response.context["consultants"]}
    assert people == {"Eva Erfaren": (2, 1, 3), "Ivar Junior": (1, 1, 2)}
    page = response.content.decode()
    assert "Helena Hälsa" in page and "Annan Kund-Konsult" not in page


def test_the_organisation_page_paginates_its_assignments(client, manager, kungsholmen):
    eva = kungsholmen.assignments.first().lead_consultant
    for i in range(25):
        AssignmentFactory(organisation=kungsholmen, lead_consultant=eva, reference=f"2023-{i + 1:04d}",
                          ordered_on=dt.date(2023, 1, 1) + dt.timedelta(days=i))
    client.force_login(manager)
    response = client.get(reverse("reference:org_detail", args=[kungsholmen.pk]), {"page": 2})
    page = response.context["assignments_page"]
    assert (page.number, page.paginator.count, len(page.object_list)) == (2, 28, 8)
    assert list(page.object_list)[-1].reference == "2023-0001"


@pytest.mark.parametrize("extra", [0, 30])
def test_the_organisation_page_uses_a_fixed_number_of_queries(client, manager, kungsholmen, extra,
                                                              django_assert_num_queries):
    for _ in range(extra):
        a = AssignmentFactory(organisation=kungsholmen, lead_consultant=ConsultantFactory())
        a.co_consultants.add(ConsultantFactory())
        HireFactory(assignment=a)
        ContactFactory(organisation=kungsholmen)
    client.force_login(manager)
    # session, user, groups, organisation, assignment count, assignment page, contacts, consultants, subsidiaries,
    # billing's panel (the invoicing details), followup's panel (the contact log, the account managers)
    with django_assert_num_queries(12):
        response = client.get(reverse("reference:org_detail", args=[kungsholmen.pk]))
    assert response.status_code == 200


def test_the_project_page_lists_its_assignments_with_hires(client, consultant_user, kungsholmen):
    project = Project.objects.create(name="Sommarvikarier 2026", organisation=kungsholmen)
    a, b = kungsholmen.assignments.order_by("reference")[:2]
    for x in (a, b):
        x.project = project
        x.save()
    HireFactory.create_batch(3, assignment=a)
    client.force_login(consultant_user)
    response = client.get(reverse("reference:project_detail", args=[project.pk]))
    hires = {r.reference: r.n_hires for r in response.context["assignments_page"].object_list}
    assert hires == {a.reference: 3, b.reference: 0}
    assert response.context["totals"] == {"n_assignments": 2, "n_hires": 3}


LISTS = ["reference:org_list", "reference:contact_list", "reference:consultant_list", "reference:unit_list",
         "reference:project_list", "reference:package_list"]


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("size", [2, 20])
def test_the_lists_use_a_fixed_number_of_queries(client, coordinator, django_assert_num_queries, name, size):
    for i in range(size):
        org = OrganisationFactory()
        ContactFactory(organisation=org)
        lead = ConsultantFactory()
        Project.objects.create(name=f"Projekt {i}", organisation=org, lead=lead)
        AssignmentFactory(organisation=org, lead_consultant=lead)
    client.force_login(coordinator)
    # session, user, groups, count, page (packages: + their prices)
    with django_assert_num_queries(6 if name == "reference:package_list" else 5):
        response = client.get(reverse(name))
    assert response.status_code == 200


def test_the_search_finds_by_name_and_keeps_the_term_in_the_pages(client, coordinator):
    OrganisationFactory(name="Kulturförvaltningen")
    OrganisationFactory(name="Socialförvaltningen")
    client.force_login(coordinator)
    response = client.get(reverse("reference:org_list"), {"q": "kultur"})
    assert [o.name for o in response.context["object_list"]] == ["Kulturförvaltningen"]
    assert response.context["page_query"] == "q=kultur"


def test_the_contact_search_finds_by_email(client, manager):
    ContactFactory(name="Per Person", email="per.person@stockholm.se")
    ContactFactory(name="Lisa Larsson", email="lisa@stockholm.se")
    client.force_login(manager)
    response = client.get(reverse("reference:contact_list"), {"q": "PER.PERSON"})
    assert [c.name for c in response.context["object_list"]] == ["Per Person"]
