"""Import from the old register in the browser: upload, preview (a dry run), confirm."""
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from .forms_import import ImportForm
from .importing import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, assignments_import
from .importing.pending import (
    PendingImportExpired,
    digest,
    pending_import_discard,
    pending_import_load,
    pending_import_store,
)
from .roles import COORDINATOR, RoleRequiredMixin

SESSION_KEY = "assignment_import"


class ImportView(RoleRequiredMixin, View):
    """GET: the upload form. POST: check the file and show what importing it would change."""

    allowed_roles = (COORDINATOR,)

    def _form_page(self, request, form, status=200):
        context = {"form": form, "required_columns": REQUIRED_COLUMNS, "optional_columns": OPTIONAL_COLUMNS}
        return render(request, "assignments/import.html", context, status=status)

    def get(self, request):
        return self._form_page(request, ImportForm())

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._form_page(request, form, status=400)
        upload = form.cleaned_data["file"]
        data = upload.read()
        create = form.cleaned_data["create_consultants"]
        report = assignments_import(file=data, filename=upload.name, create_consultants=create, dry_run=True,
                                    by=request.user)
        previous = request.session.pop(SESSION_KEY, None)
        if previous:
            pending_import_discard(token=previous["token"])
        if report.ok:
            request.session[SESSION_KEY] = {
                "token": pending_import_store(data=data), "sha256": digest(data), "filename": upload.name,
                "create_consultants": create,
            }
        return render(request, "assignments/import_report.html", {"report": report, "preview": True})


class ImportConfirmView(RoleRequiredMixin, View):
    """POST: apply exactly the file that was previewed in this session."""

    allowed_roles = (COORDINATOR,)

    def post(self, request):
        pending = request.session.get(SESSION_KEY)
        if not pending or request.POST.get("token") != pending["token"]:
            messages.error(request, _("Det finns ingen förhandsgranskad fil att importera. Ladda upp filen igen."))
            return redirect("assignments:import")
        try:
            data = pending_import_load(token=pending["token"], sha256=pending["sha256"])
        except PendingImportExpired:
            request.session.pop(SESSION_KEY, None)
            messages.error(request, _("Förhandsgranskningen har gått ut. Ladda upp filen igen."))
            return redirect("assignments:import")
        report = assignments_import(file=data, filename=pending["filename"],
                                    create_consultants=pending["create_consultants"], dry_run=False, by=request.user)
        request.session.pop(SESSION_KEY, None)
        pending_import_discard(token=pending["token"])
        return render(request, "assignments/import_report.html", {"report": report, "preview": False})
