"""The city log-in's rules without a provider: the group mapping, the user update, the pages when it is
off or on, the ID token's issuer and audience, the configuration check. The whole flow against a real
provider is in test_city_login.py."""
import time
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousOperation
from django.test import RequestFactory

from accounts.checks import city_login_settings
from accounts.oidc import CityLoginBackend, axes_skips_city_login, claim_groups, parse_group_roles
from accounts.services import user_sync_from_city
from recruitment.roles import CONSULTANT, COORDINATOR, GROUP_NAMES, MANAGER, user_roles
from tests.factories import ConsultantFactory, UserFactory

SECRET = "klienthemlighet-" + "h" * 40


@pytest.fixture
def city(settings):
    settings.OIDC_RP_CLIENT_ID = "sf-rekrytering"
    settings.OIDC_RP_CLIENT_SECRET = SECRET
    settings.OIDC_OP_ISSUER = "https://login.example.se/stad"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://login.example.se/stad/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://login.example.se/stad/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://login.example.se/stad/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://login.example.se/stad/keys"
    settings.OIDC_OP_END_SESSION_ENDPOINT = "https://login.example.se/stad/logout"
    settings.OIDC_GROUP_ROLES = "Rekrytering-Koordinator=coordinator,Rekrytering-Konsult=consultant"
    return settings


def test_group_roles_are_read_case_insensitively_and_a_group_may_carry_several_roles():
    assert parse_group_roles(" Ledning=coordinator, ledning=manager ,x=y=consultant,") == {
        "ledning": {COORDINATOR, MANAGER}, "x=y": {CONSULTANT}}
    assert parse_group_roles("") == {}


@pytest.mark.parametrize("text", ["Ledning=chef", "Ledning", "=manager"])
def test_a_bad_group_role_entry_is_refused_with_its_text(text):
    with pytest.raises(ValueError, match="OIDC_GROUP_ROLES"):
        parse_group_roles(text)


def test_the_groups_claim_is_the_configured_one_and_a_lone_string_counts_as_one_group(settings):
    assert claim_groups({"groups": ["a", "b"], "roles": "c"}) == ["a", "b"]
    settings.OIDC_GROUPS_CLAIM = "roles"
    assert claim_groups({"groups": ["a", "b"], "roles": "c"}) == ["c"]
    assert claim_groups({}) == []


def test_a_local_user_with_the_same_email_in_another_case_becomes_a_city_user_with_exactly_the_mapped_roles(db):
    local = UserFactory(username="kim", email="Kim.Koordinator@Stockholm.se", roles=[MANAGER])
    local.set_password("Lokalt-lösen-2026")
    local.save()
    other = Group.objects.create(name="Nyhetsbrev")
    local.groups.add(other)

    user = user_sync_from_city(email="kim.koordinator@stockholm.se", roles={COORDINATOR, CONSULTANT},
                               first_name="Kim", last_name="Koordinator")

    assert user.pk == local.pk
    user.refresh_from_db()
    assert not user.has_usable_password()
    assert (user.email, user.first_name, user.last_name) == ("kim.koordinator@stockholm.se", "Kim", "Koordinator")
    assert set(user_roles(user)) == {COORDINATOR, CONSULTANT}
    assert set(user.groups.values_list("name", flat=True)) == {"Koordinator", "Konsult", "Nyhetsbrev"}


def test_a_new_city_user_gets_its_email_as_user_name_and_its_consultant_record_moves_with_the_email(db):
    old = ConsultantFactory(name="Gammal post", email="karin@gammal.example.se")
    new = ConsultantFactory(name="Karin Konsult", email="karin.konsult@stockholm.se")
    user = user_sync_from_city(email="Karin.Konsult@stockholm.se", roles={CONSULTANT})
    assert user.username == "karin.konsult@stockholm.se"
    new.refresh_from_db()
    assert new.user_id == user.pk
    new.user = None  # as if Karin's user had been linked to her old record before
    new.save()
    old.user = user
    old.save()

    assert user_sync_from_city(email="karin.konsult@stockholm.se", roles={CONSULTANT}).pk == user.pk

    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.user_id, new.user_id) == (None, user.pk)


def test_without_roles_no_user_is_created_and_an_existing_one_loses_its_roles(db):
    assert user_sync_from_city(email="ny@stockholm.se", roles=set()) is None
    assert not Group.objects.get(name=GROUP_NAMES[CONSULTANT]).user_set.exists()
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(email__iexact="ny@stockholm.se").exists()
    had = UserFactory(username="had", email="had@stockholm.se", roles=[COORDINATOR])
    had.set_password("Lokalt-lösen-2026")
    had.save()
    assert user_sync_from_city(email="HAD@stockholm.se", roles=set()) is None
    had.refresh_from_db()
    assert set(user_roles(had)) == set() and had.has_usable_password()


def test_two_users_with_the_email_refuse_the_log_in_and_change_nothing(db):
    UserFactory(username="a", email="dubbel@stockholm.se", roles=[MANAGER])
    UserFactory(username="b", email="Dubbel@Stockholm.se")
    assert user_sync_from_city(email="dubbel@stockholm.se", roles={COORDINATOR}) is None
    assert not Group.objects.get(name=GROUP_NAMES[COORDINATOR]).user_set.exists()


def test_when_off_the_log_in_page_has_no_city_button_and_its_pages_are_not_found(client, db):
    page = client.get("/konto/logga-in/")
    assert page.status_code == 200 and "stadens konto" not in page.content.decode()
    assert client.get("/konto/stadens-konto/").status_code == 404
    assert client.get("/konto/stadens-konto/tillbaka/?code=x&state=y").status_code == 404


def test_when_on_the_button_starts_the_code_flow_with_pkce_and_keeps_where_to_go(client, db, city):
    page = client.get("/konto/logga-in/?next=/uppdrag/").content.decode()
    assert 'href="/konto/stadens-konto/?next=/uppdrag/"' in page and "Logga in med stadens konto" in page
    response = client.get("/konto/stadens-konto/?next=/uppdrag/")
    target = urlparse(response["Location"])
    query = {k: v[0] for k, v in parse_qs(target.query).items()}
    assert f"{target.scheme}://{target.netloc}{target.path}" == "https://login.example.se/stad/authorize"
    assert query["client_id"] == "sf-rekrytering" and query["response_type"] == "code"
    assert query["redirect_uri"] == "http://testserver/konto/stadens-konto/tillbaka/"
    assert query["scope"] == "openid email profile" and query["code_challenge_method"] == "S256"
    assert query["state"] in client.session["oidc_states"]
    assert client.session["oidc_login_next"] == "/uppdrag/"


def test_a_return_with_an_unknown_state_or_a_refusal_goes_back_to_log_in_with_a_swedish_message(client, db, city):
    client.get("/konto/stadens-konto/")
    failed = client.get("/konto/stadens-konto/tillbaka/?code=abc&state=okand", follow=True)
    assert failed.redirect_chain[-1][0] == "/konto/logga-in/"
    assert "Inloggningen med stadens konto misslyckades" in failed.content.decode()
    cancelled = client.get("/konto/stadens-konto/tillbaka/?error=access_denied&state=okand", follow=True)
    assert "Inloggningen med stadens konto avbröts" in cancelled.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_local_user_logs_out_to_our_log_in_page_not_the_providers(client, db, city):
    client.force_login(UserFactory(username="lokal", roles=[COORDINATOR]))
    response = client.post("/konto/logga-ut/")
    assert response.status_code == 302 and response["Location"] == "/konto/logga-in/"


def test_a_city_user_logs_out_through_the_providers_end_session(client, db, city):
    user = UserFactory(username="stad", roles=[COORDINATOR])
    client.force_login(user, backend="accounts.oidc.CityLoginBackend")
    session = client.session
    session["oidc_id_token"] = "id.token.here"
    session.save()
    response = client.post("/konto/logga-ut/")
    target = urlparse(response["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == "https://login.example.se/stad/logout"
    assert parse_qs(target.query) == {"client_id": ["sf-rekrytering"], "id_token_hint": ["id.token.here"],
                                      "post_logout_redirect_uri": ["http://testserver/konto/logga-in/"]}
    assert "_auth_user_id" not in client.session


def test_the_backend_ignores_a_password_log_in_even_with_code_and_state_in_the_address(db, city):
    request = RequestFactory().get("/konto/logga-in/?code=x&state=y")
    assert CityLoginBackend().authenticate(request, username="kim", password="x") is None


def _id_token(**claims) -> str:
    now = int(time.time())
    payload = {"iss": "https://login.example.se/stad", "aud": "sf-rekrytering", "sub": "1", "nonce": "n1",
               "iat": now, "exp": now + 300, **claims}
    return jwt.encode(payload, SECRET, algorithm="HS256")


@pytest.mark.parametrize(("claims", "accepted"), [
    ({}, True),
    ({"aud": ["annan-tjanst", "sf-rekrytering"]}, True),
    ({"aud": "annan-tjanst"}, False),
    ({"iss": "https://annan.example.se"}, False),
    ({"nonce": "n2"}, False),
    ({"exp": int(time.time()) - 60}, False),
])
def test_the_id_token_must_be_for_us_from_our_issuer_with_our_nonce_and_unexpired(db, city, claims, accepted):
    city.OIDC_RP_SIGN_ALGO = "HS256"
    backend = CityLoginBackend()
    if accepted:
        assert backend.verify_token(_id_token(**claims), nonce="n1")["sub"] == "1"
    else:
        with pytest.raises((SuspiciousOperation, jwt.InvalidTokenError)):
            backend.verify_token(_id_token(**claims), nonce="n1")


def test_the_check_names_what_a_half_configured_city_log_in_lacks(settings, city):
    assert city_login_settings() == []
    settings.OIDC_OP_TOKEN_ENDPOINT = ""
    settings.OIDC_GROUP_ROLES = "Ledning=chef"
    assert sorted(e.id for e in city_login_settings()) == ["accounts.E002", "accounts.E004"]
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = ""
    assert [e.id for e in city_login_settings()] == ["accounts.E001"]


def test_axes_leaves_the_city_log_ins_return_alone_but_not_the_password_form():
    factory = RequestFactory()
    assert axes_skips_city_login(factory.get("/konto/stadens-konto/tillbaka/"), {})
    assert not axes_skips_city_login(factory.post("/konto/logga-in/"), {"username": "kim"})


def test_an_unreachable_token_endpoint_sends_back_to_log_in_with_a_message_not_an_error_page(client, db, city):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    city.OIDC_OP_TOKEN_ENDPOINT = f"http://127.0.0.1:{closed_port}/token"
    city.OIDC_TIMEOUT = 2
    start = urlparse(client.get("/konto/stadens-konto/")["Location"])
    state = parse_qs(start.query)["state"][0]
    failed = client.get(f"/konto/stadens-konto/tillbaka/?code=abc&state={state}", follow=True)
    assert failed.redirect_chain == [("/konto/logga-in/", 302)]
    assert "Inloggningen med stadens konto misslyckades" in failed.content.decode()
    assert "_auth_user_id" not in client.session
