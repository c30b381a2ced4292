from django.urls import path  # noqa: F401

app_name = "public_surveys"
urlpatterns: list = []

from surveys import dispatch_views  # noqa: E402

urlpatterns += [
    path("avregistrera/<str:token>/", dispatch_views.unsubscribe, name="unsubscribe"),
]
