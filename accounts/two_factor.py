"""Two-factor log-in (TOTP, django-otp) for staff users with a local password.

When `TWO_FACTOR_REQUIRED` is on (production settings' default), a logged-in user who has a usable
local password and has not passed a second factor in this session is sent to:
- `/konto/tvafaktor/ny/` to enrol an authenticator app (a QR code and the key in text), when they
  have no confirmed device, or
- `/konto/tvafaktor/` to enter the six-digit code, when they have one.
Users of the city log-in (no usable local password: their second factor is the identity provider's)
are never asked. django-otp throttles wrong codes per device.
"""
from __future__ import annotations

from io import BytesIO
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

EXEMPT_PREFIXES = ("/konto/", "/static/", "/s/", "/bestall/", "/health/", "/tillganglighet/", "/favicon.ico")


def needs_second_factor(user) -> bool:
    """Whether this user must pass a second factor before using the staff pages."""
    return (getattr(settings, "TWO_FACTOR_REQUIRED", False) and user.is_authenticated
            and user.has_usable_password() and not user.is_verified())


class RequireSecondFactorMiddleware:
    """After django_otp.middleware.OTPMiddleware: staff pages wait for the second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if needs_second_factor(request.user) and not request.path.startswith(EXEMPT_PREFIXES):
            confirmed = any(devices_for_user(request.user, confirmed=True))
            target = reverse("two_factor_verify" if confirmed else "two_factor_enrol")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Kod från appen (sex siffror)"), max_length=8,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                                         "autofocus": True}))

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError(_("Skriv de sex siffrorna som appen visar just nu."))
        return code


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    return target if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()) else "/"


def _qr_svg(url: str) -> str:
    import qrcode
    import qrcode.image.svg

    out = BytesIO()
    qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).save(out)
    svg = out.getvalue().decode()
    return svg[svg.index("<svg"):]


@login_required
def enrol(request):
    """Show a new key as a QR code and in text; a correct code from the app confirms the device."""
    if not request.user.has_usable_password():
        return redirect("/")
    if any(devices_for_user(request.user, confirmed=True)):
        return redirect(f"{reverse('two_factor_verify')}?{urlencode({'next': _next(request)})}")
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first() or TOTPDevice.objects.create(
            user=request.user, name=str(_("Autentiseringsapp")), confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("code", _("Koden stämmer inte. Kontrollera att telefonens klocka går rätt och försök igen."))
    key = device.bin_key
    import base64

    secret = base64.b32encode(key).decode().rstrip("=")
    return render(request, "accounts/two_factor_enrol.html", {
        "form": form, "next": _next(request), "qr": mark_safe(_qr_svg(device.config_url)),  # noqa: S308 - our SVG
        "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))})


@login_required
def verify(request):
    """Ask for the code of the user's authenticator app once per log-in."""
    if not request.user.has_usable_password() or request.user.is_verified():
        return redirect(_next(request))
    if not any(devices_for_user(request.user, confirmed=True)):
        return redirect(f"{reverse('two_factor_enrol')}?{urlencode({'next': _next(request)})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("code", _("Koden stämmer inte eller är för gammal. Vänta på nästa kod och försök igen."))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next(request)})
