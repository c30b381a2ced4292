"""Coordinator pages: survey versions (list, preview, copy, edit), course sessions, history import."""
from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from assignments.models import Package
from assignments.roles import COORDINATOR, RoleRequiredMixin
from surveys.forms import (
    ImportUploadForm,
    ManualEvaluationForm,
    QuestionAddForm,
    QuestionEditFormSet,
    TrainingSessionForm,
    VersionCopyForm,
)
from surveys.models import SurveyKind, SurveyVersion, TrainingSession
from surveys.public_views import render_form
from surveys.selectors.answering import version_list, version_questions
from surveys.services.answering import SubmissionInvalid, answers_clean
from surveys.services.importing import ImportRejected, UnreadableFile, responses_import, responses_parse
from surveys.services.training import (
    training_session_create,
    training_session_link_token,
    training_session_set_manual,
)
from surveys.services.versions import VersionError, questions_update, version_copy

IMPORT_SESSION_KEY = "surveys_import_upload"


class CoordinatorView(RoleRequiredMixin, View):
    allowed_roles = (COORDINATOR,)


class VersionListView(CoordinatorView):
    def get(self, request):
        versions = version_list()
        groups = [{"kind": kind, "versions": [v for v in versions if v.kind == kind.value]} for kind in SurveyKind]
        return render(request, "surveys/staff/version_list.html", {"groups": groups})


class VersionPreviewView(CoordinatorView):
    """The form as a respondent sees it; a submit validates but stores nothing."""

    def _context(self, request, pk):
        version = get_object_or_404(SurveyVersion, pk=pk)
        package = Package.objects.filter(code=request.GET.get("paket", "")).first()
        return version, package, version_questions(version, package=package)

    def get(self, request, pk):
        version, package, questions = self._context(request, pk)
        return render_form(request, version=version, questions=questions, preview=True,
                           extra={"preview_package": package})

    def post(self, request, pk):
        version, package, questions = self._context(request, pk)
        try:
            answers_clean(questions, request.POST)
        except SubmissionInvalid as exc:
            return render_form(request, version=version, questions=questions, values=request.POST,
                               errors=exc.errors, preview=True, extra={"preview_package": package})
        return render_form(request, version=version, questions=questions, values=request.POST, preview=True,
                           extra={"preview_package": package, "preview_ok": True})


class VersionCopyView(CoordinatorView):
    def _render(self, request, version, form):
        return render(request, "surveys/staff/version_copy.html", {"version": version, "form": form})

    def get(self, request, pk):
        version = get_object_or_404(SurveyVersion, pk=pk)
        latest = SurveyVersion.objects.filter(kind=version.kind).order_by("-year").values_list("year", flat=True)[0]
        return self._render(request, version, VersionCopyForm(initial={"year": latest + 1}))

    def post(self, request, pk):
        version = get_object_or_404(SurveyVersion, pk=pk)
        form = VersionCopyForm(request.POST)
        if form.is_valid():
            try:
                new = version_copy(version=version, year=form.cleaned_data["year"])
            except VersionError as exc:
                form.add_error("year", str(exc))
            else:
                messages.success(request, _("Versionen från %(year)s är skapad. Redigera frågorna nedan.")
                                 % {"year": new.year})
                return redirect("surveys:version_edit", pk=new.pk)
        return self._render(request, version, form)


class VersionEditView(CoordinatorView):
    def _render(self, request, version, formset, add_form, status=200):
        return render(request, "surveys/staff/version_edit.html", {
            "version": version, "formset": formset, "add_form": add_form,
            "answered": version.responses.exists()}, status=status)

    def _initial(self, version):
        return [{"id": q.pk, "text": q.text, "required": q.required, "order": q.order, "key": q.key,
                 "qtype": q.get_qtype_display()} for q in version.questions.order_by("order", "id")]

    def get(self, request, pk):
        version = get_object_or_404(SurveyVersion, pk=pk)
        initial = self._initial(version)
        formset = QuestionEditFormSet(initial=initial)
        return self._render(request, version, _label(formset, initial), QuestionAddForm(prefix="add"))

    def post(self, request, pk):
        version = get_object_or_404(SurveyVersion, pk=pk)
        initial = self._initial(version)
        formset = QuestionEditFormSet(request.POST, initial=initial)
        add_form = QuestionAddForm(request.POST, prefix="add")
        if formset.is_valid() and add_form.is_valid():
            changes = [f.cleaned_data for f in formset.forms if f.cleaned_data]
            delete = [c["id"] for c in changes if c.get("delete")]
            add = None
            if add_form.cleaned_data.get("key"):
                data = add_form.cleaned_data
                add = {"key": data["key"], "text": data["text"], "qtype": data["qtype"] or "scale_1_10",
                       "required": data["required"], "order": data["order"] or 999}
            try:
                questions_update(version=version, changes=changes, delete=delete, add=add)
            except VersionError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Frågorna är sparade."))
                return redirect("surveys:version_edit", pk=version.pk)
        return self._render(request, version, _label(formset, initial), add_form, status=400)


def _label(formset, initial):
    """Attach each question's key and type to its form for the table."""
    for form, row in zip(formset.forms, initial, strict=False):
        form.key, form.qtype = row["key"], row["qtype"]
    return formset


class TrainingListView(CoordinatorView):
    def _render(self, request, form, status=200):
        sessions = TrainingSession.objects.select_related("assignment", "organisation").order_by("-held_on")[:200]
        return render(request, "surveys/staff/training_list.html", {"sessions": sessions, "form": form},
                      status=status)

    def get(self, request):
        return self._render(request, TrainingSessionForm())

    def post(self, request):
        form = TrainingSessionForm(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        session, _token = training_session_create(**form.cleaned_data)
        messages.success(request, _("Kurstillfället är skapat. Dela länken nedan med deltagarna."))
        return redirect("surveys:training_detail", pk=session.pk)


class TrainingDetailView(CoordinatorView):
    def _render(self, request, session, form, status=200):
        token = training_session_link_token(session)
        link = request.build_absolute_uri(reverse("public_surveys:training", args=[token])) if token else ""
        return render(request, "surveys/staff/training_detail.html", {
            "session": session, "link": link, "form": form,
            "answer_count": session.responses.count()}, status=status)

    def get(self, request, pk):
        session = get_object_or_404(TrainingSession.objects.select_related("assignment", "organisation"), pk=pk)
        form = ManualEvaluationForm(initial={"manual_mean": session.manual_mean,
                                             "manual_count": session.manual_count})
        return self._render(request, session, form)

    def post(self, request, pk):
        session = get_object_or_404(TrainingSession, pk=pk)
        form = ManualEvaluationForm(request.POST)
        if not form.is_valid():
            return self._render(request, session, form, status=400)
        training_session_set_manual(session=session, mean=form.cleaned_data["manual_mean"],
                                    count=form.cleaned_data["manual_count"])
        messages.success(request, _("Kundens egen utvärdering är sparad."))
        return redirect("surveys:training_detail", pk=session.pk)


def _upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "survey-imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


class ImportView(CoordinatorView):
    """Upload → preview with counts and errors → confirm. The file waits in MEDIA_ROOT meanwhile."""

    def get(self, request):
        return render(request, "surveys/staff/import.html", {"form": ImportUploadForm()})

    def post(self, request):
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, "surveys/staff/import.html", {"form": form}, status=400)
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            plan = responses_parse(content=content, filename=upload.name)
        except UnreadableFile as exc:
            form.add_error("file", _("Filen kunde inte läsas. Spara den som CSV (UTF-8) eller .xlsx."))
            form.add_error("file", str(exc))
            return render(request, "surveys/staff/import.html", {"form": form}, status=400)
        context = {"form": ImportUploadForm(), "plan": plan, "filename": upload.name}
        if not plan.errors and plan.new_rows:
            stored = _upload_dir() / f"{uuid.uuid4().hex}{Path(upload.name).suffix.lower()}"
            stored.write_bytes(content)
            request.session[IMPORT_SESSION_KEY] = {"path": stored.name, "filename": upload.name}
        return render(request, "surveys/staff/import.html", context, status=200 if not plan.errors else 400)


class ImportConfirmView(CoordinatorView):
    def post(self, request):
        pending = request.session.pop(IMPORT_SESSION_KEY, None)
        if not pending:
            messages.error(request, _("Ingen fil väntar på import. Ladda upp filen igen."))
            return redirect("surveys:import")
        path = _upload_dir() / Path(pending["path"]).name
        try:
            content = path.read_bytes()
        except OSError:
            messages.error(request, _("Ingen fil väntar på import. Ladda upp filen igen."))
            return redirect("surveys:import")
        try:
            result = responses_import(content=content, filename=pending["filename"])
        except ImportRejected as exc:
            messages.error(request, _("Filen innehåller %(n)s fel och importerades inte.") % {"n": len(exc.errors)})
            return redirect("surveys:import")
        finally:
            path.unlink(missing_ok=True)
        messages.success(request, _("%(created)s svar importerades (%(skipped)s fanns redan).")
                         % {"created": result.created, "skipped": result.skipped})
        return redirect("surveys:import")
