"""The project's own pages: the error pages a user can meet are in Swedish (the locked-out page: test_login.py)."""
import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import page_not_found, server_error

pytestmark = pytest.mark.django_db


def test_it_explains_a_refused_form_in_swedish(coordinator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    response = client.post(reverse("logout"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formuläret kunde inte skickas" in html and '<html lang="sv"' in html
    assert "CSRF" not in html and "Forbidden" not in html


def test_the_server_error_page_is_swedish():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Något gick fel" in response.content.decode()


def test_the_not_found_page_is_swedish():
    response = page_not_found(RequestFactory().get("/finns-inte/"), exception=None)
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()
