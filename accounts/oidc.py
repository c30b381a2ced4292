"""The city log-in: OpenID Connect (authorization code flow with PKCE) through mozilla-django-oidc.

Configured only by environment variables (settings `OIDC_*`, README "Accounts"); off while
`OIDC_RP_CLIENT_ID` or `OIDC_OP_AUTHORIZATION_ENDPOINT` is empty, and then its pages answer 404 and
the backend authenticates nobody. At every log-in the user is found or created by e-mail
(case-insensitive), gets an unusable local password (so no TOTP: the provider is the second factor),
and gets exactly the roles its groups map to (`OIDC_GROUP_ROLES`); a user whose groups map to no
role is not logged in and sees whom to ask (`OIDC_NO_ROLE_CONTACT`).
"""
from __future__ import annotations

import logging
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.contrib.auth.views import LoginView, LogoutView
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from recruitment.roles import ALL_ROLES

from .services import user_sync_from_city

log = logging.getLogger(__name__)

BACKEND_PATH = "accounts.oidc.CityLoginBackend"
# Set on the request by the backend when the provider vouched for the person but no group gave a role.
NO_ROLE = "city_login_no_role"


def oidc_configured() -> bool:
    """Whether the city log-in is on (the client id and the provider's authorization endpoint are set)."""
    return bool(settings.OIDC_RP_CLIENT_ID and settings.OIDC_OP_AUTHORIZATION_ENDPOINT)


def parse_group_roles(text: str) -> dict[str, set[str]]:
    """`"<group>=<role>,<group>=<role>"` as {group (case-folded): {roles}}; ValueError naming a bad entry.

    A group may carry several roles (listed once per role); the role is what follows the last "=",
    so a group name may itself contain "=".
    """
    mapping: dict[str, set[str]] = {}
    for entry in (part.strip() for part in text.split(",")):
        if not entry:
            continue
        group, sep, role = entry.rpartition("=")
        group, role = group.strip(), role.strip().lower()
        if not sep or not group:
            raise ValueError(f"OIDC_GROUP_ROLES: {entry!r} is not <group>=<role>")
        if role not in ALL_ROLES:
            raise ValueError(f"OIDC_GROUP_ROLES: {entry!r} names an unknown role; use one of {', '.join(ALL_ROLES)}")
        mapping.setdefault(group.casefold(), set()).add(role)
    return mapping


def claim_groups(claims: dict) -> list[str]:
    """The groups in the claim `OIDC_GROUPS_CLAIM`: a list, or one string (ADFS sends a lone group so)."""
    value = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    if isinstance(value, str):
        return [value]
    return [str(group) for group in value] if isinstance(value, list | tuple) else []


def roles_for_groups(groups: list[str]) -> set[str]:
    mapping = parse_group_roles(settings.OIDC_GROUP_ROLES)
    return set().union(*(mapping.get(group.casefold(), set()) for group in groups))


class CityLoginBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend: users by e-mail, roles from groups, the consultant record linked.

    Answers only the city log-in's callback (which passes the `nonce`), never a password form."""

    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()
        self.configured = oidc_configured()
        if self.configured:
            super().__init__(*args, **kwargs)

    def authenticate(self, request, **kwargs):
        if not self.configured or request is None or "nonce" not in kwargs:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except (requests.RequestException, jwt.PyJWTError, SuspiciousOperation, ValueError, KeyError) as exc:
            # The provider refused the code, was unreachable, or sent a token that does not verify:
            # no log-in, a line in the log (no token), and the log-in page says it failed.
            log.warning("City log-in failed: %s: %s", type(exc).__name__, str(exc)[:300])
            return None

    def verify_token(self, token, **kwargs):
        """The library checks signature, expiry and nonce; also check issuer and audience of the ID token."""
        payload = super().verify_token(token, **kwargs)
        if "nonce" in kwargs:  # the ID token (the userinfo answer, when a JWT, is checked by the library alone)
            if settings.OIDC_OP_ISSUER and payload.get("iss") != settings.OIDC_OP_ISSUER:
                raise SuspiciousOperation("ID token from another issuer")
            audience = payload.get("aud")
            audiences = [audience] if isinstance(audience, str) else list(audience or [])
            if self.OIDC_RP_CLIENT_ID not in audiences:
                raise SuspiciousOperation("ID token for another client")
        return payload

    def verify_claims(self, claims) -> bool:
        return bool(claims.get("email"))

    def get_or_create_user(self, access_token, id_token, payload):
        """The ID token's claims with the userinfo answer's on top (Entra ID puts groups only in the token)."""
        claims = {**payload, **self.get_userinfo(access_token, id_token, payload)}
        if not self.verify_claims(claims):
            raise SuspiciousOperation("No e-mail among the claims")
        roles = roles_for_groups(claim_groups(claims))
        user = user_sync_from_city(
            email=str(claims["email"]).strip(), roles=roles,
            first_name=str(claims.get("given_name") or ""), last_name=str(claims.get("family_name") or ""))
        if user is None and not roles:
            setattr(self.request, NO_ROLE, True)
        return user


class CityLoginStartView(OIDCAuthenticationRequestView):
    """"Logga in med stadens konto": off unless configured; otherwise the library's redirect to the provider."""

    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)  # the library's reads settings that may be unset

    def get(self, request):
        if not oidc_configured():
            raise Http404
        self.OIDC_OP_AUTH_ENDPOINT = settings.OIDC_OP_AUTHORIZATION_ENDPOINT
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


class CityLoginCallbackView(OIDCAuthenticationCallbackView):
    """The provider's redirect back: log in, or the no-role page, or back to log-in with a message."""

    def get(self, request):
        if not oidc_configured():
            raise Http404
        try:
            return super().get(request)
        except SuspiciousOperation as exc:  # an unknown state: a reused or forged return address
            log.warning("City log-in refused: %s", exc)
            return self.login_failure()

    def login_failure(self):
        if getattr(self.request, NO_ROLE, False):
            auth.logout(self.request)  # not even an earlier log-in of this browser stays
            return render(self.request, "accounts/city_login_no_role.html",
                          {"contact": settings.OIDC_NO_ROLE_CONTACT}, status=403)
        if self.request.GET.get("error") == "access_denied":
            messages.info(self.request, _("Inloggningen med stadens konto avbröts."))
        else:
            messages.error(self.request, _("Inloggningen med stadens konto misslyckades. Försök igen om en stund; "
                                           "händer det igen, kontakta %(contact)s.")
                           % {"contact": settings.OIDC_NO_ROLE_CONTACT})
        return HttpResponseRedirect(reverse("login"))


class CityAwareLoginView(LoginView):
    """Django's log-in page, with "Logga in med stadens konto" when the city log-in is configured."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "city_login": oidc_configured()}


def end_session_url(request) -> str | None:
    """The provider's end-session address for a user logged in through it, when one is configured."""
    endpoint = settings.OIDC_OP_END_SESSION_ENDPOINT
    if not (oidc_configured() and endpoint and request.session.get(BACKEND_SESSION_KEY) == BACKEND_PATH):
        return None
    params = {"client_id": settings.OIDC_RP_CLIENT_ID,
              "post_logout_redirect_uri": request.build_absolute_uri(reverse("login"))}
    if request.session.get("oidc_id_token"):
        params["id_token_hint"] = request.session["oidc_id_token"]
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(params)}"


class CityAwareLogoutView(LogoutView):
    """Django's log-out (POST); a user of the city log-in is then sent to the provider's end-session."""

    def post(self, request, *args, **kwargs):
        provider_logout = end_session_url(request)
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(provider_logout) if provider_logout else response


def axes_skips_city_login(request, credentials) -> bool:
    """AXES_WHITELIST_CALLABLE: django-axes counts password guesses, not the city log-in's return."""
    return request is not None and request.path == reverse("city_login_callback")
