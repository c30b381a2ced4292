"""Every staff page, found by walking the URL configuration: anonymous users are
sent to log in and logged-in users without a role are refused, for GET and POST.

New pages are covered automatically; public pages are listed explicitly."""
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import AssignmentFactory

PUBLIC = {"home", "login", "logout", "favicon", "public_surveys", "timeline_feed", "public_orders", "accessibility",
          "health", "password_reset", "password_reset_done", "password_reset_confirm", "password_reset_complete",
          "city_login", "city_login_callback",
          "two_factor_verify", "two_factor_enrol", "set_language"}
SAMPLE_ARGS = {"reference": "2025-0001", "fmt": "csv", "year": "2025"}


def _walk(patterns, prefix="", namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            if ns == "admin":
                continue
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern) and p.name:
            yield prefix + str(p.pattern), (f"{namespace}:{p.name}" if namespace else p.name)


def _staff_pages():
    pages = []
    for route, name in _walk(get_resolver().url_patterns):
        if name in PUBLIC or name.split(":")[0] in PUBLIC:
            continue
        params = re.findall(r"<(?:(\w+):)?(\w+)>", route)
        kwargs = {arg: SAMPLE_ARGS.get(arg, "1") for _conv, arg in params}
        pages.append(pytest.param(name, kwargs, bool(params), id=name))
    return pages


STAFF_PAGES = _staff_pages()


def test_the_walk_finds_the_pages_of_every_app():
    names = {p.values[0].split(":")[0] for p in STAFF_PAGES}
    assert {"assignments", "reference", "surveys", "reporting", "goals", "orders"} <= names
    assert len(STAFF_PAGES) > 60


@pytest.fixture
def an_assignment(db):
    return AssignmentFactory(reference="2025-0001")


@pytest.mark.parametrize(("name", "kwargs", "has_params"), STAFF_PAGES)
def test_anonymous_users_are_sent_to_log_in(client, an_assignment, name, kwargs, has_params):
    url = reverse(name, kwargs=kwargs)
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code in (302, 405), (name, method.__name__, response.status_code)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("login")), (name, response["Location"])


@pytest.mark.parametrize(("name", "kwargs", "has_params"), STAFF_PAGES)
def test_users_without_a_role_are_refused(client, outsider, an_assignment, name, kwargs, has_params):
    client.force_login(outsider)
    url = reverse(name, kwargs=kwargs)
    allowed = {403, 405} | ({404} if has_params else set())
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code in allowed, (name, method.__name__, response.status_code)
