from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language

from accounts.oidc import CityAwareLoginView, CityAwareLogoutView
from assignments.views.home import home
from goals.targets import report_targets
from goals.tertial import REPORT_JOB
from operations.views import health
from orders.views.public import accessibility
from reporting import urls as reporting_urls
from timeline.urls import public_urlpatterns as timeline_public_urls

urlpatterns = [
    path("", home, name="home"),
    # browsers that ask for /favicon.ico before reading the page's <link rel="icon">
    path("favicon.ico", RedirectView.as_view(url=static("favicon.svg"), permanent=True), name="favicon"),
    path("konto/logga-in/", CityAwareLoginView.as_view(), name="login"),
    path("konto/logga-ut/", CityAwareLogoutView.as_view(), name="logout"),
    path("konto/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("uppdrag/", include("assignments.urls")),
    path("register/", include("assignments.reference.urls")),
    path("enkater/", include("surveys.urls")),
    path("s/", include("surveys.public_urls")),
    # reporting knows no goals: the plan's targets and the goals section of the PDF are passed in from here
    path("rapporter/", include((reporting_urls.patterns(targets=report_targets, report_job=REPORT_JOB), "reporting"))),
    path("mal/", include("goals.urls")),
    path("tidplan/", include("timeline.urls")),
    path("fakturering/", include("billing.urls")),
    path("fordelning/", include("allocation.urls")),
    *timeline_public_urls,
    path("bestallningar/", include("orders.urls")),
    path("bestall/", include("orders.public_urls")),
    path("tillganglighet/", accessibility, name="accessibility"),
    path("health/", health, name="health"),
    # the staff's language switch (templates/base.html): a POST that sets the language cookie
    path("sprak/", set_language, name="set_language"),
    path("resultatsamtal/", include("reviews.urls")),
    path("gallring/", include("retention.urls")),
    path("kundrapport/", include("customerpack.urls")),
    path("uppfoljning/", include("followup.urls")),
]
