"""A second factor (TOTP) for staff with a local password when TWO_FACTOR_REQUIRED is on."""
import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


@pytest.fixture
def local_user(db):
    user = UserFactory(username="admin-lokal", email="lokal@example.se")
    user.set_password("Lokalt-lösen-2026")
    user.save()
    return user


def _code(device, offset=0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def _unthrottle(device):
    """django-otp makes the next try after a wrong code wait (1 s, doubling): the test does not wait."""
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)


def _log_in(client, user):
    assert client.login(username=user.username, password="Lokalt-lösen-2026")


def test_a_local_user_without_a_device_is_sent_to_enrol_and_back_after_a_correct_code(client, local_user):
    _log_in(client, local_user)
    first = client.get("/uppdrag/")
    assert first.status_code == 302 and first["Location"] == "/konto/tvafaktor/ny/?next=%2Fuppdrag%2F"
    page = client.get(first["Location"])
    html = page.content.decode()
    assert "<svg" in html and "QR-kod" in html
    device = TOTPDevice.objects.get(user=local_user, confirmed=False)
    shown = re.search(r"<code[^>]*>([A-Z2-7 ]+)</code>", html).group(1).replace(" ", "")
    import base64
    assert base64.b32decode(shown + "=" * (-len(shown) % 8)) == device.bin_key
    wrong = client.post(first["Location"], {"code": "000000" if _code(device) != "000000" else "111111",
                                            "next": "/uppdrag/"})
    assert "Koden stämmer inte" in wrong.content.decode()
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    _unthrottle(device)
    done = client.post(first["Location"], {"code": _code(device), "next": "/uppdrag/"})
    assert done["Location"] == "/uppdrag/"
    device.refresh_from_db()
    assert device.confirmed
    assert not client.get("/uppdrag/").get("Location", "").startswith("/konto/")


def test_a_new_log_in_asks_for_the_code_and_refuses_a_wrong_or_malformed_one(client, local_user):
    device = TOTPDevice.objects.create(user=local_user, name="app", confirmed=True)
    _log_in(client, local_user)
    first = client.get("/rapporter/")
    assert first["Location"].startswith("/konto/tvafaktor/?next=")
    malformed = client.post("/konto/tvafaktor/", {"code": "12ab", "next": "/rapporter/"})
    assert "sex siffrorna" in malformed.content.decode()
    wrong = "123456" if _code(device) != "123456" else "654321"
    refused = client.post("/konto/tvafaktor/", {"code": wrong, "next": "/rapporter/"})
    assert refused.status_code == 200 and "Koden stämmer inte" in refused.content.decode()
    _unthrottle(device)
    accepted = client.post("/konto/tvafaktor/", {"code": _code(device), "next": "https://evil.example/"})
    assert accepted["Location"] == "/"  # never off-site
    assert client.get("/rapporter/").get("Location", "").startswith("/konto/") is False


def test_a_city_log_in_user_without_a_local_password_is_not_asked(client, db):
    sso = UserFactory(username="sso-user")
    sso.set_unusable_password()
    sso.save()
    client.force_login(sso)
    response = client.get("/uppdrag/")
    assert not response.get("Location", "").startswith("/konto/tvafaktor")


def test_public_pages_and_log_out_need_no_second_factor(client, local_user):
    _log_in(client, local_user)
    assert client.get("/health/").status_code in (200, 503)
    assert client.get("/bestall/").status_code == 200
    assert client.post("/konto/logga-ut/").status_code == 302


def test_without_the_setting_nobody_is_asked(client, local_user, settings):
    settings.TWO_FACTOR_REQUIRED = False
    _log_in(client, local_user)
    assert not client.get("/uppdrag/").get("Location", "").startswith("/konto/tvafaktor")
