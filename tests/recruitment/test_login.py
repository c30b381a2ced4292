"""Log-in lockout: by user name and address together, the address read from a trusted proxy header only."""
import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from recruitment.client_ip import client_ip

PASSWORD = "pw-test-12345"  # tests.factories.UserFactory
LOGIN = reverse("login")
PROXY = "10.0.0.5"  # the city's proxy: every colleague's requests arrive from it
LOCKOUT = override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=10)
BEHIND_PROXY = override_settings(TRUSTED_PROXY_HEADER="X-Forwarded-For", TRUSTED_PROXY_COUNT=1)


def _post(username, password, **meta):
    return Client(**meta).post(LOGIN, {"username": username, "password": password})


def _fail_ten_times(username, **meta):
    statuses = [_post(username, "fel-lösenord", **meta).status_code for _ in range(10)]
    assert statuses == [200] * 9 + [429]  # the tenth failure locks


def _logs_in(response) -> bool:
    return response.status_code == 302 and response.url == reverse("home")


@pytest.mark.django_db
@LOCKOUT
def test_ten_failures_lock_the_user_from_that_address_but_not_a_colleague_behind_it(coordinator, manager):
    _fail_ten_times(coordinator.username, REMOTE_ADDR=PROXY)
    locked = _post(coordinator.username, PASSWORD, REMOTE_ADDR=PROXY)
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "För många inloggningsförsök" in html and '<html lang="sv"' in html and "Account locked" not in html
    assert _logs_in(_post(manager.username, PASSWORD, REMOTE_ADDR=PROXY))


@pytest.mark.django_db
@LOCKOUT
@BEHIND_PROXY
def test_behind_the_trusted_proxy_the_same_user_from_another_client_is_not_locked(coordinator):
    _fail_ten_times(coordinator.username, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.10")
    assert _post(coordinator.username, PASSWORD, REMOTE_ADDR=PROXY,
                 HTTP_X_FORWARDED_FOR="192.0.2.10").status_code == 429
    assert _logs_in(_post(coordinator.username, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.20"))


@pytest.mark.django_db
@LOCKOUT
@BEHIND_PROXY
def test_behind_the_trusted_proxy_an_address_the_client_prepends_is_not_believed(coordinator):
    real = "192.0.2.10"
    _fail_ten_times(coordinator.username, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=real)
    spoofed = _post(coordinator.username, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"198.51.100.7, {real}")
    assert spoofed.status_code == 429


@pytest.mark.django_db
@LOCKOUT
@override_settings(TRUSTED_PROXY_HEADER="")
def test_without_a_configured_header_a_spoofed_forwarded_for_is_ignored(coordinator):
    for n in range(10):
        _post(coordinator.username, "fel-lösenord", REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    locked = _post(coordinator.username, PASSWORD, REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert locked.status_code == 429


@pytest.mark.django_db
def test_a_locked_out_user_gets_a_swedish_page(client, coordinator, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 2
    url = reverse("login")
    for _ in range(3):
        response = client.post(url, {"username": coordinator.username, "password": "fel-lösenord"})
    assert response.status_code == 429
    assert "För många inloggningsförsök" in response.content.decode()


def _request(**meta):
    return RequestFactory().get("/", REMOTE_ADDR=PROXY, **meta)


@override_settings(TRUSTED_PROXY_HEADER="")
def test_the_client_address_is_the_connection_when_no_header_is_trusted():
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="192.0.2.10")) == PROXY


@pytest.mark.parametrize(("header", "count", "meta", "expected"), [
    ("X-Forwarded-For", 1, {"HTTP_X_FORWARDED_FOR": "192.0.2.10"}, "192.0.2.10"),
    ("X-Forwarded-For", 1, {"HTTP_X_FORWARDED_FOR": "198.51.100.7, 192.0.2.10"}, "192.0.2.10"),
    # Two proxies (the city's, then ours) each append the address they received from.
    ("X-Forwarded-For", 2, {"HTTP_X_FORWARDED_FOR": "198.51.100.7, 192.0.2.10, 10.1.1.1"}, "192.0.2.10"),
    ("X-Forwarded-For", 2, {"HTTP_X_FORWARDED_FOR": "192.0.2.10"}, "192.0.2.10"),
    ("HTTP_X_REAL_IP", 1, {"HTTP_X_REAL_IP": "2001:db8::1"}, "2001:db8::1"),
    ("X-Forwarded-For", 1, {"HTTP_X_FORWARDED_FOR": "192.0.2.10:51234"}, "192.0.2.10"),
    ("X-Forwarded-For", 1, {"HTTP_X_FORWARDED_FOR": "[2001:db8::1]:51234"}, "2001:db8::1"),
    # Missing or garbled: the connection's own address.
    ("X-Forwarded-For", 1, {}, PROXY),
    ("X-Forwarded-For", 1, {"HTTP_X_FORWARDED_FOR": "inte-en-adress"}, PROXY),
])
def test_the_client_address_is_read_from_the_trusted_header_counting_proxies_from_the_right(
        header, count, meta, expected):
    with override_settings(TRUSTED_PROXY_HEADER=header, TRUSTED_PROXY_COUNT=count):
        assert client_ip(_request(**meta)) == expected
