"""The project's URLs plus the baselines the benchmarks compare against.

`bench_trivial` is the trivial logged-in page every speed target is measured against:
a page of this product with nothing of its own on it (base.html: menu, role checks,
log-out form), so a ratio says what a page costs beyond being a page of the product.
`bench_bare` (a plain-text "ok" behind log-in) is printed beside it as a stricter reference.
"""
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.urls import path
from django.views.generic import TemplateView

from recruitment.urls import urlpatterns as project_urlpatterns


class TrivialPage(LoginRequiredMixin, TemplateView):
    template_name = "base.html"


@login_required
def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    *project_urlpatterns,
    path("bench/trivial/", TrivialPage.as_view(), name="bench_trivial"),
    path("bench/bare/", bare, name="bench_bare"),
]
