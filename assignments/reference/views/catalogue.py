"""Volume projects, and the package catalogue with its prices per year."""
from __future__ import annotations

from django.core.paginator import Paginator
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, UpdateView

from ...models import Package, Project
from .. import selectors, services
from ..forms import PackageForm, PriceInlineFormSet, ProjectForm
from .base import EditMixin, FormsetEditMixin, ReadMixin, ReferenceListView

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
