from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from assignments.views_home import home
from timeline.urls import public_urlpatterns as timeline_public_urls

urlpatterns = [
    path("", home, name="home"),
    # browsers that ask for /favicon.ico before reading the page's <link rel="icon">
    path("favicon.ico", RedirectView.as_view(url=static("favicon.svg"), permanent=True), name="favicon"),
    path("konto/logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("uppdrag/", include("assignments.urls")),
    path("register/", include("assignments.reference.urls")),
    path("enkater/", include("surveys.urls")),
    path("s/", include("surveys.public_urls")),
    path("rapporter/", include("reporting.urls")),
    path("mal/", include("goals.urls")),
    path("tidplan/", include("timeline.urls")),
    *timeline_public_urls,
]
