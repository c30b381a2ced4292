"""Password reset for local accounts by e-mail, without revealing whether an address exists.

The form answers the same page, at once, for any address: the e-mail itself is built and sent by a
background job (`password_reset_send`) that is given only the user's id, so the request takes the same
time whether or not an account matched, and the one-time link (Django's token, valid
`PASSWORD_RESET_TIMEOUT` seconds and void once the password changes) is never stored: not in the
outbox, a job row or a log line.
"""
from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from recruitment.jobs import background_job, run_in_background

JOB = "accounts.passwords.password_reset_send"


class QuietPasswordResetForm(PasswordResetForm):
    """Django's form, with the e-mail sent by a background job for each matching active local account."""

    def save(self, **kwargs) -> None:  # noqa: D102 - the arguments of PasswordResetForm.save are not used
        for user in self.get_users(self.cleaned_data["email"]):
            run_in_background(JOB, user.pk)


@background_job
def password_reset_send(user_pk: int) -> None:
    """Send the reset link to the user `user_pk` if it still may reset its password (active, local)."""
    user = get_user_model().objects.filter(pk=user_pk, is_active=True).first()
    if user is None or not user.has_usable_password() or not user.email:
        return
    path = reverse("password_reset_confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)})
    context = {"user": user, "link": settings.SITE_URL.rstrip("/") + path,
               "hours": settings.PASSWORD_RESET_TIMEOUT // 3600}
    with translation.override("sv"):
        subject = " ".join(render_to_string("accounts/password_reset_subject.txt", context).split())
        text = render_to_string("accounts/password_reset_email.txt", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email])
    message.send()
