"""`manage.py check` (and every start): a half-configured city log-in is named, not found at the first log-in."""
from django.conf import settings
from django.core.checks import Error, register

REQUIRED = ("OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_USER_ENDPOINT", "OIDC_RP_CLIENT_SECRET", "OIDC_GROUP_ROLES")


@register()
def city_login_settings(app_configs=None, **kwargs):
    from .oidc import oidc_configured, parse_group_roles

    if not oidc_configured():
        if settings.OIDC_RP_CLIENT_ID or settings.OIDC_OP_AUTHORIZATION_ENDPOINT:
            return [Error("The city log-in needs both OIDC_RP_CLIENT_ID and OIDC_OP_AUTHORIZATION_ENDPOINT.",
                          id="accounts.E001")]
        return []
    errors = [Error(f"The city log-in is configured but {name} is empty.", id="accounts.E002")
              for name in REQUIRED if not getattr(settings, name)]
    if settings.OIDC_RP_SIGN_ALGO[:2] in ("RS", "ES") and not settings.OIDC_OP_JWKS_ENDPOINT:
        errors.append(Error(f"OIDC_RP_SIGN_ALGO={settings.OIDC_RP_SIGN_ALGO} needs OIDC_OP_JWKS_ENDPOINT.",
                            id="accounts.E003"))
    try:
        parse_group_roles(settings.OIDC_GROUP_ROLES)
    except ValueError as exc:
        errors.append(Error(str(exc), id="accounts.E004"))
    return errors
