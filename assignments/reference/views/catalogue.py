"""Volume projects, and the package catalogue with its prices per year."""
from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, TemplateView, UpdateView

from recruitment.roles import COORDINATOR, RoleRequiredMixin

from ...models import Package, PackagePrice, Project
from ...services import today
from .. import selectors, services
from ..forms import YEAR_MAX, YEAR_MIN, PackageForm, PriceGridForm, PriceInlineFormSet, ProjectForm
from .base import EditMixin, FormsetEditMixin, ReadMixin, ReferenceListView

PRICE_GRID_YEARS = 3


def kronor_text(amount) -> str:
    """An amount as a Swedish user types it: 24500, or 19500,50 when there are öre."""
    return f"{amount:.0f}" if amount == amount.to_integral_value() else f"{amount:.2f}".replace(".", ",")

PROJECT_ASSIGNMENTS_PER_PAGE = 50


class ProjectList(ReferenceListView):
    template_name = "assignments/reference/project_list.html"
    selector = staticmethod(selectors.project_list)
    create_url_name = "reference:project_create"


class ProjectDetail(ReadMixin, DetailView):
    """The project and its assignments, each with its number of hires."""

    model = Project
    template_name = "assignments/reference/project_detail.html"
    queryset = Project.objects.select_related("organisation", "lead")

    def get_context_data(self, **kwargs):
        rows = selectors.assignment_rows(self.object.assignments.all())
        paginator = Paginator(rows, PROJECT_ASSIGNMENTS_PER_PAGE)
        kwargs["assignments_page"] = paginator.get_page(self.request.GET.get("page"))
        kwargs["totals"] = selectors.project_totals(project=self.object)
        # sections that apps built on the register add (settings.PROJECT_DETAIL_PANELS), e.g. the timeline's
        kwargs["panels"] = settings.PROJECT_DETAIL_PANELS
        return super().get_context_data(**kwargs)


class _ProjectForm(EditMixin):
    model = Project
    form_class = ProjectForm
    cancel_url_name = "reference:project_list"

    def get_success_url(self):
        return reverse("reference:project_detail", args=[self.object.pk])


class ProjectCreate(_ProjectForm, CreateView):
    pass


class ProjectEdit(_ProjectForm, UpdateView):
    pass


class PackageList(ReferenceListView):
    template_name = "assignments/reference/package_list.html"
    selector = staticmethod(selectors.package_list)
    create_url_name = "reference:package_create"


class _PackageForm(FormsetEditMixin):
    model = Package
    form_class = PackageForm
    formset_class = PriceInlineFormSet
    formset_title = _("Pris per år")
    cancel_url_name = "reference:package_list"
    success_url = reverse_lazy("reference:package_list")

    def save(self, form, formset):
        return services.package_save(form=form, prices=formset, by=self.request.user)


class PackageCreate(_PackageForm, CreateView):
    pass


class PackageEdit(_PackageForm, UpdateView):
    pass


class PriceGridView(RoleRequiredMixin, TemplateView):
    """Every package's prices for three years side by side (from `fran`, default last year), edited at once."""

    allowed_roles = (COORDINATOR,)
    template_name = "assignments/reference/price_grid.html"

    def years(self) -> list[int]:
        try:
            first = int(self.request.GET.get("fran", ""))
        except ValueError:
            first = today().year - 1
        first = min(max(first, YEAR_MIN), YEAR_MAX - PRICE_GRID_YEARS + 1)
        return list(range(first, first + PRICE_GRID_YEARS))

    def form(self, data=None) -> PriceGridForm:
        years = self.years()
        packages = Package.objects.order_by("-offered", "name")
        initial = {PriceGridForm.field_name(p.package_id, p.year): kronor_text(p.price_sek)
                   for p in PackagePrice.objects.filter(year__in=years)}
        return PriceGridForm(data, packages=packages, years=years, initial=initial)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.form())
        years = self.years()
        kwargs.update(years=years, earlier=years[0] - 1, later=years[0] + 1)
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        changed = services.package_prices_save(prices=form.prices(), by=request.user)
        messages.success(request, gettext_now("Priserna är sparade (%(n)s ändrade).") % {"n": changed})
        return redirect(f"{reverse('reference:price_grid')}?fran={self.years()[0]}")
