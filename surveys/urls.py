from django.urls import path  # noqa: F401

app_name = "surveys"
urlpatterns: list = []

from surveys import dispatch_views  # noqa: E402

urlpatterns += [
    path("utskick/", dispatch_views.invitation_list, name="invitations"),
    path("utskick/<int:pk>/hall-inne/", dispatch_views.invitation_action, {"action": "hold"}, name="invitation_hold"),
    path("utskick/<int:pk>/slapp/", dispatch_views.invitation_action, {"action": "release"},
         name="invitation_release"),
    path("utskick/<int:pk>/skicka-igen/", dispatch_views.invitation_action, {"action": "resend"},
         name="invitation_resend"),
    path("utkorg/", dispatch_views.local_mail_list, name="local_mail"),
    path("utkorg/<int:pk>/", dispatch_views.local_mail_detail, name="local_mail_detail"),
    path("flaggor/", dispatch_views.flag_list, name="flags"),
    path("flaggor/<int:pk>/", dispatch_views.flag_detail, name="flag_detail"),
]
