"""Log-in related pages under /konto/: the city log-in, password reset and the second factor for local accounts."""
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import oidc, two_factor
from .passwords import QuietPasswordResetForm

urlpatterns = [
    path("stadens-konto/", oidc.CityLoginStartView.as_view(), name="city_login"),
    path("stadens-konto/tillbaka/", oidc.CityLoginCallbackView.as_view(), name="city_login_callback"),
    path("tvafaktor/", two_factor.verify, name="two_factor_verify"),
    path("tvafaktor/ny/", two_factor.enrol, name="two_factor_enrol"),
    path("glomt-losenord/", auth_views.PasswordResetView.as_view(
        form_class=QuietPasswordResetForm, template_name="accounts/password_reset_form.html",
        success_url=reverse_lazy("password_reset_done")), name="password_reset"),
    path("glomt-losenord/skickat/", auth_views.PasswordResetDoneView.as_view(
        template_name="accounts/password_reset_done.html"), name="password_reset_done"),
    path("nytt-losenord/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html", success_url=reverse_lazy("password_reset_complete")),
        name="password_reset_confirm"),
    path("nytt-losenord/klart/", auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"), name="password_reset_complete"),
]
