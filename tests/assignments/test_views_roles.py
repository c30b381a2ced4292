"""Role matrix for every register page: allowed, 403, or a redirect to log-in."""
import pytest
from django.urls import reverse

from assignments.models import BillingKind
from tests.factories import AssignmentFactory, HireFactory


@pytest.fixture
def own(consultant_user):
    return AssignmentFactory(reference="2025-0001", lead_consultant=consultant_user.consultant)


@pytest.fixture
def others(other_consultant_user):
    return AssignmentFactory(reference="2025-0002", lead_consultant=other_consultant_user.consultant)


@pytest.fixture
def users(coordinator, consultant_user, other_consultant_user, manager, outsider):
    return {"coordinator": coordinator, "consultant": consultant_user, "manager": manager, "outsider": outsider}


@pytest.mark.django_db
@pytest.mark.parametrize("role,expected", [
    ("coordinator", 200), ("consultant", 200), ("manager", 200), ("outsider", 403),
])
def test_it_lets_every_role_read_the_list_detail_and_exports(client, users, own, role, expected):
    client.force_login(users[role])
    urls = [
        reverse("assignments:list"),
        reverse("assignments:detail", args=[own.reference]),
        reverse("assignments:export", args=["csv"]),
        reverse("assignments:export", args=["xlsx"]),
    ]
    assert [client.get(url).status_code for url in urls] == [expected] * len(urls)


@pytest.mark.django_db
@pytest.mark.parametrize("role,expected", [
    ("coordinator", 200), ("consultant", 403), ("manager", 403), ("outsider", 403),
])
def test_only_coordinators_open_the_create_form(client, users, role, expected):
    client.force_login(users[role])
    assert client.get(reverse("assignments:create")).status_code == expected
    assert client.post(reverse("assignments:create"), {}).status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize("role,which,expected", [
    ("coordinator", "own", 200), ("coordinator", "others", 200),
    ("consultant", "own", 200), ("consultant", "others", 403), ("consultant", "co", 200),
    ("manager", "own", 403), ("outsider", "own", 403),
])
def test_it_lets_only_editors_open_the_edit_form(client, users, own, others, consultant_user, role, which, expected):
    if which == "co":
        others.co_consultants.add(consultant_user.consultant)
    target = own if which == "own" else others
    client.force_login(users[role])
    assert client.get(reverse("assignments:edit", args=[target.reference])).status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize("role,which,allowed", [
    ("coordinator", "others", True), ("consultant", "own", True), ("consultant", "others", False),
    ("manager", "own", False), ("outsider", "own", False),
])
def test_it_refuses_every_write_to_those_who_may_not_edit(client, users, own, others, role, which, allowed):
    target = own if which == "own" else others
    hire = HireFactory(assignment=target)
    addon = target.billing_lines.create(kind=BillingKind.REFERENCES, description="Ref", quantity=1, unit_price=400)
    client.force_login(users[role])
    ref = target.reference
    posts = [
        (reverse("assignments:edit", args=[ref]), {}),
        (reverse("assignments:status", args=[ref]), {"to_status": "start_meeting", "on": "2025-03-02"}),
        (reverse("assignments:billing_package", args=[ref]), {"override-amount": "1", "override-reason": "x"}),
        (reverse("assignments:billing_reset", args=[ref]), {}),
        (reverse("assignments:billing_addon", args=[ref]), {"addon-kind": "references", "addon-quantity": "1"}),
        (reverse("assignments:billing_remove", args=[ref, addon.pk]), {}),
        (reverse("assignments:hire_add", args=[ref]), {"hire-name": "Ny"}),
        (reverse("assignments:hire_edit", args=[ref, hire.pk]), {"name": "Ändrad"}),
        (reverse("assignments:hire_remove", args=[ref, hire.pk]), {}),
    ]
    codes = [client.post(url, data).status_code for url, data in posts]
    if allowed:
        assert 403 not in codes
    else:
        assert codes == [403] * len(posts)
        target.refresh_from_db()
        assert target.status == "registered"
        assert target.hires.get().name == hire.name
        assert target.billing_lines.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("role,expected", [
    ("coordinator", 403), ("consultant", 200), ("manager", 403), ("outsider", 403),
])
def test_mina_uppdrag_is_for_consultants_only(client, users, role, expected):
    client.force_login(users[role])
    assert client.get(reverse("assignments:mine")).status_code == expected


@pytest.mark.django_db
def test_a_consultant_role_without_a_consultant_record_gets_403(client):
    from recruitment.roles import CONSULTANT
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="bara-roll", roles=[CONSULTANT]))
    assert client.get(reverse("assignments:mine")).status_code == 403


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client, own):
    urls = [
        reverse("assignments:list"), reverse("assignments:mine"), reverse("assignments:create"),
        reverse("assignments:detail", args=[own.reference]), reverse("assignments:edit", args=[own.reference]),
        reverse("assignments:export", args=["csv"]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url
    response = client.post(reverse("assignments:status", args=[own.reference]), {"to_status": "start_meeting"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == "registered"
