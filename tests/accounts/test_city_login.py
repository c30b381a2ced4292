"""The city log-in (OpenID Connect) against a real provider: django-oauth-toolkit's OIDC support in its own
process on loopback (tests/oidc_provider/), with an RSA key made here and users whose `groups` claim the
test sets. Our application runs in pytest-django's live server and is driven with a requests.Session
through the provider's own log-in form, the code exchange, userinfo and the end-session call."""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from recruitment.roles import CONSULTANT, COORDINATOR, GROUP_NAMES, MANAGER, user_roles
from tests.factories import ConsultantFactory

PROVIDER_DIR = Path(__file__).resolve().parent.parent / "oidc_provider"
CLIENT_ID = "sf-rekrytering"
CLIENT_SECRET = "hemligt-klientlosen-" + "k" * 30
GROUP_ROLES = "SF-Rekrytering-Koordinatorer=coordinator,SF-Rekrytering-Konsulter=consultant,Stadens chefer=manager"
CONTACT = "Servicedesk Rekrytering (08-508 000 00)"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Provider:
    def __init__(self, root: Path, app_url: str):
        self.port = _free_port()
        self.issuer = f"http://127.0.0.1:{self.port}/o"
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
        self.env = {**os.environ, "OP_DB": str(root / "provider.sqlite3"), "OP_ISSUER": self.issuer,
                    "OP_RSA_KEY": pem}
        self.app_url = app_url
        self.process = None

    def manage(self, *args: str) -> None:
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=PROVIDER_DIR, env=self.env,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr

    def load(self, users: list[dict], client: bool = False) -> None:
        spec = {"users": users}
        if client:
            spec["client"] = {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
                              "redirect_uri": f"{self.app_url}/konto/stadens-konto/tillbaka/",
                              "post_logout_redirect_uri": f"{self.app_url}/konto/logga-in/"}
        self.manage("op_load", json.dumps(spec))

    def start(self) -> None:
        self.manage("migrate", "--noinput")
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload", "--skip-checks"],
            cwd=PROVIDER_DIR, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.issuer}/.well-known/openid-configuration", timeout=2).status_code == 200:
                    return
            except requests.ConnectionError:
                time.sleep(0.2)
        raise AssertionError("the test provider did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)


def _user(username: str, email: str, groups: list[str]) -> dict:
    return {"username": username, "password": f"{username}-lösen-1", "email": email, "first_name": "Karin",
            "last_name": "Konsult", "groups": groups}


@pytest.fixture
def provider(live_server, tmp_path, settings):
    op = Provider(tmp_path, live_server.url)
    op.start()
    try:
        op.load([], client=True)
        settings.OIDC_OP_ISSUER = op.issuer
        settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{op.issuer}/authorize/"
        settings.OIDC_OP_TOKEN_ENDPOINT = f"{op.issuer}/token/"
        settings.OIDC_OP_USER_ENDPOINT = f"{op.issuer}/userinfo/"
        settings.OIDC_OP_JWKS_ENDPOINT = f"{op.issuer}/.well-known/jwks.json"
        settings.OIDC_OP_END_SESSION_ENDPOINT = f"{op.issuer}/logout/"
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
        settings.OIDC_GROUP_ROLES = GROUP_ROLES
        settings.OIDC_NO_ROLE_CONTACT = CONTACT
        yield op
    finally:
        op.stop()


def city_log_in(app_url: str, session: requests.Session, user: dict) -> requests.Response:
    """Click "Logga in med stadens konto", answer the provider's log-in form; the response at the end."""
    login_page = session.get(f"{app_url}/konto/logga-in/?next=/uppdrag/")
    start = re.search(r'href="([^"]*/konto/stadens-konto/[^"]*)"', login_page.text)
    assert start, "no city log-in on the log-in page"
    form = session.get(app_url + start.group(1).replace("&amp;", "&"))
    if urlparse(form.url).path != "/accounts/login/":
        return form  # still logged in at the provider: straight back
    return session.post(form.url, data={
        "username": user["username"], "password": user["password"],
        "csrfmiddlewaretoken": session.cookies.get("op_csrftoken")})


def _roles(email: str) -> set[str]:
    user = get_user_model().objects.get(email__iexact=email)
    return set(user_roles(user))


def test_the_city_log_in_against_a_real_provider(provider, live_server, transactional_db):
    app = live_server.url
    karin = _user("karin", "Karin.Konsult@Stockholm.se", ["SF-Rekrytering-Konsulter", "Alla anställda"])
    nils = _user("nils", "nils.nollroll@stockholm.se", ["Alla anställda"])
    provider.load([karin, nils])
    record = ConsultantFactory(name="Karin Konsult", email="karin.konsult@stockholm.se")

    # 1. log-in: Karin ends on the page she asked for, as a consultant linked to her record, with no
    #    local password (so never asked for TOTP)
    browser = requests.Session()
    done = city_log_in(app, browser, karin)
    assert done.status_code == 200 and done.url == f"{app}/uppdrag/"
    user = get_user_model().objects.get(email__iexact="karin.konsult@stockholm.se")
    assert user.email == "Karin.Konsult@Stockholm.se" and not user.has_usable_password()
    assert _roles(user.email) == {CONSULTANT}
    record.refresh_from_db()
    assert record.user_id == user.pk

    # 2. log-out ends our session, then the provider's, and comes back to our log-in page
    csrf = browser.cookies.get("csrftoken")  # the provider's is op_csrftoken
    out = browser.post(f"{app}/konto/logga-ut/", data={"csrfmiddlewaretoken": csrf})
    assert [urlparse(r.headers["Location"]).path for r in out.history] == ["/o/logout/", "/konto/logga-in/"]
    assert out.url == f"{app}/konto/logga-in/"
    assert browser.get(f"{app}/uppdrag/", allow_redirects=False).headers["Location"].startswith("/konto/logga-in/")
    again = browser.get(f"{app}/konto/stadens-konto/")
    assert urlparse(again.url).path == "/accounts/login/"  # the provider asks for the password again

    # 3. the provider moves Karin from the consultants to the coordinators: the next log-in changes her role
    karin["groups"] = ["SF-Rekrytering-Koordinatorer", "Stadens chefer"]
    provider.load([karin])
    browser = requests.Session()
    done = city_log_in(app, browser, karin)
    assert done.url == f"{app}/uppdrag/"
    assert _roles(karin["email"]) == {COORDINATOR, MANAGER}
    assert get_user_model().objects.filter(email__iexact=karin["email"]).count() == 1

    # 4. Nils's groups map to no role: a Swedish page says whom to ask, and he is not logged in
    nils_browser = requests.Session()
    refused = city_log_in(app, nils_browser, nils)
    assert refused.status_code == 403
    assert "Ingen behörighet i SF Rekrytering" in refused.text and CONTACT in refused.text
    assert nils_browser.get(f"{app}/uppdrag/", allow_redirects=False).status_code == 302
    assert not get_user_model().objects.filter(email__iexact=nils["email"]).exists()

    # 5. Karin loses her groups: a log-in from her browser (still logged in here and at the provider) is
    #    refused, ends the session she had, and takes away her roles
    karin["groups"] = ["Alla anställda"]
    provider.load([karin])
    assert browser.get(f"{app}/uppdrag/").status_code == 200
    refused = city_log_in(app, browser, karin)
    assert refused.status_code == 403 and CONTACT in refused.text
    assert browser.get(f"{app}/uppdrag/", allow_redirects=False).status_code == 302
    assert _roles(karin["email"]) == set()
    assert Group.objects.get(name=GROUP_NAMES[COORDINATOR]).user_set.filter(email__iexact=karin["email"]).count() == 0
