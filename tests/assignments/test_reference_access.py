"""Role matrix of the reference-data pages: who may read, who may write, who is turned away."""
import pytest
from django.urls import reverse

from assignments.models import Organisation, Project, Unit
from tests.factories import ConsultantFactory, ContactFactory, OrganisationFactory, package

READ_PAGES = [
    ("reference:index", None),
    ("reference:load", None),
    ("reference:org_list", None),
    ("reference:org_detail", "org"),
    ("reference:contact_list", None),
    ("reference:consultant_list", None),
    ("reference:unit_list", None),
    ("reference:project_list", None),
    ("reference:project_detail", "project"),
    ("reference:package_list", None),
]
EDIT_PAGES = [
    ("reference:org_create", None),
    ("reference:org_edit", "org"),
    ("reference:contact_create", None),
    ("reference:contact_edit", "contact"),
    ("reference:consultant_create", None),
    ("reference:consultant_edit", "consultant"),
    ("reference:unit_create", None),
    ("reference:unit_edit", "unit"),
    ("reference:project_create", None),
    ("reference:project_edit", "project"),
    ("reference:package_create", None),
    ("reference:package_edit", "package"),
]
ROLES = ["coordinator", "consultant_user", "manager", "outsider"]


@pytest.fixture
def objects(db):
    org = OrganisationFactory(name="Kungsholmens stadsdelsförvaltning")
    return {
        "org": org,
        "contact": ContactFactory(organisation=org),
        "consultant": ConsultantFactory(),
        "unit": Unit.objects.get(name="Enhet 1"),
        "project": Project.objects.create(name="Sommarvikarier 2026", organisation=org),
        "package": package("STORA"),
    }


def _url(name, key, objects):
    return reverse(name, args=[objects[key].pk]) if key else reverse(name)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "key"), READ_PAGES)
def test_it_lets_every_role_read_and_refuses_users_without_a_role(client, request, objects, role, name, key):
    client.force_login(request.getfixturevalue(role))
    response = client.get(_url(name, key, objects))
    assert response.status_code == (403 if role == "outsider" else 200)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "key"), EDIT_PAGES)
def test_it_lets_only_coordinators_open_the_forms(client, request, objects, role, name, key):
    client.force_login(request.getfixturevalue(role))
    response = client.get(_url(name, key, objects))
    assert response.status_code == (200 if role == "coordinator" else 403)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "key"), READ_PAGES + EDIT_PAGES)
def test_it_sends_anonymous_visitors_to_log_in(client, objects, name, key):
    url = _url(name, key, objects)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["consultant_user", "manager", "outsider"])
def test_a_post_from_a_non_coordinator_changes_nothing(client, request, objects, role):
    client.force_login(request.getfixturevalue(role))
    org = objects["org"]
    response = client.post(reverse("reference:org_edit", args=[org.pk]),
                           {"name": "Kapat namn", "kind": org.kind, "active": "on"})
    assert response.status_code == 403
    org.refresh_from_db()
    assert org.name == "Kungsholmens stadsdelsförvaltning"
    response = client.post(reverse("reference:org_create"), {"name": "Nytt bolag", "kind": "bolag"})
    assert response.status_code == 403
    assert not Organisation.objects.filter(name="Nytt bolag").exists()


@pytest.mark.django_db
def test_the_nav_shows_register_to_coordinators_and_load_to_every_role(client, coordinator, manager, objects):
    client.force_login(coordinator)
    page = client.get(reverse("reference:org_list")).content.decode()
    register_link = 'id="nav-register"'  # the coordinators' register menu
    load_link = f'class="nav-link" href="{reverse("reference:load")}"'
    assert register_link in page and load_link in page
    client.force_login(manager)
    page = client.get(reverse("reference:org_list")).content.decode()
    assert register_link not in page
    assert load_link in page
