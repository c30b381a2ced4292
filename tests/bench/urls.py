"""The project's URLs plus a trivial logged-in page, the baseline the benchmarks compare against."""
from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import path
from django.views.generic import TemplateView

from recruitment.urls import urlpatterns as project_urlpatterns


class TrivialPage(LoginRequiredMixin, TemplateView):
    template_name = "base.html"


urlpatterns = [*project_urlpatterns, path("bench/trivial/", TrivialPage.as_view(), name="bench_trivial")]
