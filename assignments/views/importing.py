"""Import from the old register in the browser: upload, preview, confirm, each step a background job.

The upload only stores the file and queues its check; the job page shows progress (it refreshes
itself) until the preview is ready; confirming queues the write. No request reads the rows.
"""
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from recruitment.roles import COORDINATOR, RoleRequiredMixin

from .. import exports
from ..importing import OPTIONAL_COLUMNS, PLANNED_COLUMNS, REQUIRED_COLUMNS
from ..importing.columns import COLUMNS, allowed_values, example_row
from ..importing.forms import ImportForm
from ..importing.jobs import ImportJobUnavailable, import_job_confirm, import_job_create
from ..importing.report import ImportReport
from ..models import ImportJob, ImportJobKind, ImportJobStatus

REFRESH_SECONDS = 2


class ImportView(RoleRequiredMixin, View):
    """GET: the upload form. POST: store the file and queue its check; then the job page."""

    allowed_roles = (COORDINATOR,)

    def _form_page(self, request, form, status=200):
        context = {"form": form, "required_columns": REQUIRED_COLUMNS, "optional_columns": OPTIONAL_COLUMNS,
                   "planned_columns": list(PLANNED_COLUMNS),
                   "allowed_values": allowed_values()}
        return render(request, "assignments/import.html", context, status=status)

    def get(self, request):
        return self._form_page(request, ImportForm())

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._form_page(request, form, status=400)
        upload = form.cleaned_data["file"]
        job = import_job_create(kind=ImportJobKind.REGISTER, data=upload.read(), filename=upload.name,
                                options={"create_consultants": form.cleaned_data["create_consultants"],
                                         "invoiced_until": _iso(form.cleaned_data["invoiced_until"])},
                                user=request.user, task="assignments.tasks.check_register_import")
        return redirect("assignments:import_job", pk=job.pk)


class ImportTemplateView(RoleRequiredMixin, View):
    """A file to fill in: exactly the import's columns and one example row (CSV or Excel)."""

    allowed_roles = (COORDINATOR,)

    def get(self, request, fmt: str):
        if fmt == "csv":
            content = "".join(exports.table_csv([list(COLUMNS), example_row()]))
            response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        elif fmt == "xlsx":
            response = HttpResponse(exports.table_xlsx([list(COLUMNS), example_row()]),
                                    content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        else:
            raise Http404
        response["Content-Disposition"] = f'attachment; filename="importmall-uppdrag.{fmt}"'
        return response


class ImportJobView(RoleRequiredMixin, View):
    """The job's progress while it runs, then its preview, errors or result. Only the uploader sees it."""

    allowed_roles = (COORDINATOR,)

    def get(self, request, pk: int):
        job = get_object_or_404(ImportJob, pk=pk, kind=ImportJobKind.REGISTER, requested_by=request.user)
        data = job.result if job.status in (ImportJobStatus.DONE, ImportJobStatus.REJECTED) and job.result \
            else job.preview
        if job.is_active or job.status == ImportJobStatus.FAILED or data is None:
            return render(request, "import_job.html", {
                "job": job, "refresh_seconds": REFRESH_SECONDS, "back": "assignments:import",
                "title": _("Import av uppdrag")})
        report = ImportReport.from_json(data)
        return render(request, "assignments/import_report.html", {
            "report": report, "preview": job.status == ImportJobStatus.CHECKED or report.dry_run, "job": job,
            "changed_rows": [(ref, report.changes.get(ref, [])) for ref in report.updated]})


class ImportConfirmView(RoleRequiredMixin, View):
    """POST: queue the write of exactly the file that was previewed."""

    allowed_roles = (COORDINATOR,)

    def post(self, request):
        try:
            job = import_job_confirm(job_id=request.POST.get("job"), user=request.user,
                                     task="assignments.tasks.write_register_import")
        except ImportJobUnavailable:
            messages.error(request, _("Det finns ingen förhandsgranskad fil att importera, eller så har "
                                      "förhandsgranskningen gått ut. Ladda upp filen igen."))
            return redirect("assignments:import")
        return redirect("assignments:import_job", pk=job.pk)


def _iso(day) -> str | None:
    return day.isoformat() if day else None
