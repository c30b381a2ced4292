"""Dashboard pages and their exports: permission-checked scope, a form, the selectors, render."""
from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from assignments.roles import ALL_ROLES, RoleRequiredMixin
from reporting.exports import table_csv, tables_xlsx

from .access import scope_for_user, sees_everyone
from .data import dashboard_build, period_label
from .figures import dashboard_charts
from .forms import DashboardForm
from .sections import all_tables, satisfied_note


class DashboardMixin(RoleRequiredMixin):
    allowed_roles = ALL_ROLES

    def dashboard(self, request):
        """(form, dashboard or None): the scope checked against the user's role (403 otherwise)."""
        today = timezone.localdate()
        form = DashboardForm(request.GET, today=today)
        if not form.is_valid():
            return form, None
        scope = scope_for_user(request.user, form.scope())
        period, compare, listed = form.period(), form.cleaned_data["compare"], sees_everyone(request.user)
        dash = dashboard_build(scope=scope, period=period, compare=compare, today=today, list_consultants=listed)
        return form, dash


class DashboardView(DashboardMixin, View):
    template_name = "reporting/dashboard/dashboard.html"

    def get(self, request):
        form, dash = self.dashboard(request)
        everyone = sees_everyone(request.user)
        if dash is None:
            return render(request, self.template_name, {"form": form, "sees_everyone": everyone}, status=400)
        query = request.GET.copy()
        query.pop("format", None)
        query.pop("table", None)
        context = {"dash": dash, "period_label": period_label(dash.period), "satisfied_note": satisfied_note(),
                   "sees_everyone": everyone, "query": query.urlencode()}
        sections = render_to_string(
            "reporting/dashboard/_sections.html",
            {**context, "tables": all_tables(dash), "charts": dashboard_charts(dash)},
        )
        return render(request, self.template_name, {**context, "form": form, "sections": sections})


class DashboardExportView(DashboardMixin, View):
    """?format=csv&table=<name> (one table) or ?format=xlsx[&table=<name>] (one sheet or every table)."""

    def get(self, request):
        fmt = request.GET.get("format", "xlsx")
        if fmt not in ("csv", "xlsx"):
            return HttpResponse(_("Okänt format: välj csv eller xlsx."), status=400, content_type="text/plain")
        form, dash = self.dashboard(request)
        if dash is None:
            errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
            return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
        tables = all_tables(dash)
        name = request.GET.get("table", "")
        if name and name not in tables:
            raise Http404(_("Det finns ingen tabell som heter ”%(name)s”.") % {"name": name})
        if fmt == "csv":
            if not name:
                return HttpResponse(_("Ange vilken tabell som ska exporteras (table=…)."), status=400,
                                    content_type="text/plain; charset=utf-8")
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
