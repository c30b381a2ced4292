"""Tertial reports (PDF): list with progress, request, download. Managers and coordinators only."""
from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from recruitment.roles import COORDINATOR, MANAGER, RoleRequiredMixin
from reporting.models import ReportFile, ReportStatus
from reporting.periods import tertial_of
from reporting.report_files import GENERATE_JOB, ReportRequestError, report_request

from .forms import FIRST_YEAR

REFRESH_SECONDS = 2


class ReportRequestForm(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("År"), coerce=int)
    tertial = forms.TypedChoiceField(
        label=gettext_lazy("Tertial"), coerce=int, empty_value=None, required=False,
        choices=[("", gettext_lazy("Helår")), (1, "T1"), (2, "T2"), (3, "T3")],
    )

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        today = today or timezone.localdate()
        self.fields["year"].choices = [(y, str(y)) for y in range(today.year, FIRST_YEAR - 1, -1)]
        self.fields["year"].initial = today.year
        self.fields["tertial"].initial = tertial_of(today)


class ReportListView(RoleRequiredMixin, View):
    allowed_roles = (MANAGER, COORDINATOR)
    template_name = "reporting/dashboard/reports.html"
    generate_job = GENERATE_JOB  # the job that builds the PDF, passed in by the project's urls.py

    def _render(self, request, form, status=200):
        reports = list(ReportFile.objects.select_related("requested_by")[:30])
        return render(request, self.template_name, {
            "form": form, "reports": reports, "refresh": any(r.is_active for r in reports),
            "refresh_seconds": REFRESH_SECONDS,
        }, status=status)

    def get(self, request):
        return self._render(request, ReportRequestForm())

    def post(self, request):
        form = ReportRequestForm(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        try:
            report_request(year=form.cleaned_data["year"], tertial=form.cleaned_data["tertial"],
                           requested_by=request.user, job=self.generate_job)
        except ReportRequestError as exc:
            form.add_error(None, str(exc))
            return self._render(request, form, status=400)
        messages.success(request, _("Rapporten är beställd och skapas nu. Förloppet visas i listan nedan."))
        return redirect("reporting:report_list")


class ReportDownloadView(RoleRequiredMixin, View):
    allowed_roles = (MANAGER, COORDINATOR)

    def get(self, request, pk: int):
        report = get_object_or_404(ReportFile, pk=pk)
        if report.status != ReportStatus.DONE or not report.file:
            raise Http404(_("Rapporten är inte klar."))
        name = f"tertialrapport-{report.year}" + (f"-t{report.tertial}" if report.tertial else "") + ".pdf"
        return FileResponse(report.file.open("rb"), as_attachment=True, filename=name,
                            content_type="application/pdf")
