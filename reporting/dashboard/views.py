"""Dashboard pages and their exports: permission-checked scope, a form, the selectors, render."""
from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from recruitment.roles import ALL_ROLES, RoleRequiredMixin
from reporting.exports import table_csv, tables_xlsx
from reporting.targets import TargetsFor, no_targets

from .access import scope_for_user, sees_everyone
from .build import PARTS, dashboard_build, period_label
from .forms import DashboardForm
from .pages import OVERVIEW, Page, page_links, page_of_table
from .sections import all_tables, satisfied_note


class DashboardMixin(RoleRequiredMixin):
    allowed_roles = ALL_ROLES
    targets: TargetsFor = staticmethod(no_targets)  # the plan's targets, passed in by the project's urls.py

    def dashboard(self, request, parts=PARTS):
        """(form, dashboard or None): the scope checked against the user's role (403 otherwise),
        then only the asked-for parts built."""
        today = timezone.localdate()
        form = DashboardForm(request.GET, today=today)
        if not form.is_valid():
            return form, None
        scope = scope_for_user(request.user, form.scope())
        period, compare, listed = form.period(), form.cleaned_data["compare"], sees_everyone(request.user)
        dash = dashboard_build(scope=scope, period=period, compare=compare, today=today, list_consultants=listed,
                               parts=parts, targets=self.targets, package_names=form.package_names)
        return form, dash


def filter_query(request) -> str:
    """The page's filters as a query string, for the sub-navigation and the export links."""
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("table", None)
    return query.urlencode()


class DashboardPageView(DashboardMixin, View):
    """One dashboard page (see pages.py): the same form on each, only that page's figures built."""

    page: Page = OVERVIEW

    def get(self, request):
        page = self.page
        form, dash = self.dashboard(request, page.parts)
        query = filter_query(request)
        context = {"form": form, "page": page, "pages": page_links(page, query), "query": query,
                   "sees_everyone": sees_everyone(request.user)}
        if dash is None:
            return render(request, page.template, context, status=400)
        context.update({
            "dash": dash, "period_label": period_label(dash.period),
            # the satisfied threshold where satisfaction is shown
            "satisfied_note": satisfied_note() if page.key in ("overview", "surveys") else "",
            "tables": {t.name: t for t in page.tables(dash)}, "charts": {c.name: c for c in page.charts(dash)},
        })
        return render(request, page.template, context)


class DashboardExportView(DashboardMixin, View):
    """?format=csv&table=<name> (one table) or ?format=xlsx[&table=<name>] (one sheet or every table).

    One table builds only its page's parts; every table builds everything.
    """

    def get(self, request):
        fmt = request.GET.get("format", "xlsx")
        if fmt not in ("csv", "xlsx"):
            return HttpResponse(_("Okänt format: välj csv eller xlsx."), status=400, content_type="text/plain")
        name = request.GET.get("table", "")
        page = page_of_table(name) if name else None
        refused = (name and page is None) or (fmt == "csv" and not name)
        # a refused request still has its form and role checked first, but builds nothing
        form, dash = self.dashboard(request, () if refused else page.parts if page else PARTS)
        if dash is None:
            errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
            return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
        if fmt == "csv" and not name:
            return HttpResponse(_("Ange vilken tabell som ska exporteras (table=…)."), status=400,
                                content_type="text/plain; charset=utf-8")
        tables = {t.name: t for t in page.tables(dash)} if page else {} if name else all_tables(dash)
        if name and name not in tables:  # unknown, or e.g. per_konsult for one consultant's scope
            raise Http404(_("Det finns ingen tabell som heter ”%(name)s”.") % {"name": name})
        if fmt == "csv":
            response = HttpResponse(table_csv(tables[name]), content_type="text/csv; charset=utf-8")
            filename = f"{name}.csv"
        else:
            chosen = [tables[name]] if name else list(tables.values())
            response = HttpResponse(
                tables_xlsx(chosen), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
            suffix = f"-t{dash.period.tertial}" if dash.period.tertial else ""
            filename = f"{name or 'rapport'}-{dash.period.year}{suffix}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
