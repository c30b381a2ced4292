"""The customer's report pack for staff: the page (coordinators, managers), its Excel and PDF files, and
"e-post till HR-kontakten" (coordinators)."""
from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from recruitment.roles import COORDINATOR, MANAGER, RoleRequiredMixin, has_role
from reporting.exports import tables_xlsx

from . import services
from .forms import PackEmailForm, PackForm
from .pdf import pack_filename, render_pack_pdf
from .selectors import PackError, pack_build, period_for
from .tables import pack_tables

STAFF = (COORDINATOR, MANAGER)


def _query(data) -> str:
    """The choice's part of a query string: only the keys given (none: the page shows its form alone)."""
    return urlencode({key: data[key] for key in ("organisation", "year", "tertial") if key in data})


def _pack_of(form: PackForm):
    data = form.cleaned_data
    return pack_build(organisation=data["organisation"], period=period_for(year=data["year"], tertial=data["tertial"]))


class PackView(RoleRequiredMixin, TemplateView):
    """GET ?organisation=ID&year=YYYY[&tertial=T]: the pack; without them, the form alone."""

    template_name = "customerpack/pack.html"
    allowed_roles = STAFF

    def get(self, request, *args, **kwargs):
        bound = any(key in request.GET for key in ("organisation", "year"))
        form = PackForm(request.GET if bound else None)
        if not bound:
            return self.render_to_response(self.get_context_data(form=form))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        pack = _pack_of(form)
        context = {"form": form, "pack": pack, "tables": pack_tables(pack), "query": _query(request.GET)}
        if has_role(request.user, COORDINATOR):
            context["contacts"] = list(services.hr_contacts(pack.organisation))
        return self.render_to_response(self.get_context_data(**context))


class PackFileView(RoleRequiredMixin, View):
    """The pack as an Excel file or a PDF; a bad or missing choice goes back to the page, which says why."""

    allowed_roles = STAFF

    def get(self, request, *args, fmt: str, **kwargs):
        form = PackForm(request.GET)
        if not form.is_valid():
            query = _query(request.GET)
            return redirect(f"{reverse('customerpack:pack')}?{query}" if query else reverse("customerpack:pack"))
        pack = _pack_of(form)
        if fmt == "pdf":
            content, mimetype = render_pack_pdf(pack), "application/pdf"
        else:
            content = tables_xlsx(pack_tables(pack))
            mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(content, content_type=mimetype)
        response["Content-Disposition"] = f'attachment; filename="{pack_filename(pack, fmt)}"'
        return response


class PackEmailView(RoleRequiredMixin, View):
    """POST: queue the pack, PDF attached, to one of the organisation's HR contacts (coordinators only)."""

    allowed_roles = (COORDINATOR,)
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = PackEmailForm(request.POST)
        back = f"{reverse('customerpack:pack')}?{_query(request.POST)}"
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(back)
        data = form.cleaned_data
        try:
            services.pack_email(organisation=data["organisation"],
                                period=period_for(year=data["year"], tertial=data["tertial"]),
                                contact=data["contact"], by=request.user)
        except PackError as exc:
            messages.error(request, str(exc))
            return redirect(back)
        messages.success(request, _("Rapporten med PDF-filen ligger i utkorgen till %(name)s (%(email)s) och "
                                    "skickas vid nästa utskick.") % {"name": data["contact"].name,
                                                                      "email": data["contact"].email})
        return redirect(back)
