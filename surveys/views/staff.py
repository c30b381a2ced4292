"""Coordinator pages: survey versions (list, preview, copy, edit), course sessions, history import."""
from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View

from assignments.importing.jobs import ImportJobUnavailable, import_job_confirm, import_job_create
from assignments.models import ImportJob, ImportJobKind, ImportJobStatus, Package
from recruitment.roles import COORDINATOR, RoleRequiredMixin
from surveys.forms.staff import (
    ImportUploadForm,
    ManualEvaluationForm,
    QuestionAddForm,
    QuestionEditFormSet,
    TrainingSessionForm,
    VersionCopyForm,
    VersionTranslationsForm,
)
from surveys.languages import chrome_language
from surveys.models import SurveyKind, SurveyVersion, TrainingSession
from surveys.selectors.answering import version_list, version_questions
from surveys.services.answering import SubmissionInvalid, answers_clean
from surveys.services.training import (
    training_session_create,
    training_session_link_token,
    training_session_set_manual,
)
from surveys.services.versions import (
    TRANSLATED_QUESTION_TEXTS,
    TRANSLATED_VERSION_TEXTS,
    VersionError,
    version_copy,
    version_edit,
)
from surveys.views.answering import render_form, respondent_language, switched_language

IMPORT_REFRESH_SECONDS = 2
TRANSLATED_TEXTS = set(TRANSLATED_QUESTION_TEXTS) | set(TRANSLATED_VERSION_TEXTS)


class CoordinatorView(RoleRequiredMixin, View):
    allowed_roles = (COORDINATOR,)


class VersionListView(CoordinatorView):
    def get(self, request):
        versions = version_list()
        groups = [{"kind": kind, "versions": [v for v in versions if v.kind == kind.value]} for kind in SurveyKind]
        return render(request, "surveys/staff/version_list.html", {"groups": groups})


class VersionPreviewView(CoordinatorView):
    """The form as a respondent sees it, in the language they chose (`?lang=`, the page's switch);
    a submit validates but stores nothing."""

    def _context(self, request, pk):
        version = get_object_or_404(SurveyVersion, pk=pk)
        package = Package.objects.filter(code=request.GET.get("paket", "")).first()
        return version, package, version_questions(version, package=package)

    def get(self, request, pk):
        version, package, questions = self._context(request, pk)
        language = respondent_language(request)
        with translation.override(chrome_language(language)):
            return render_form(request, version=version, questions=questions, preview=True, language=language,
                               extra={"preview_package": package})

    def post(self, request, pk):
        version, package, questions = self._context(request, pk)
        language = switched_language(request) or respondent_language(request)
        form = {"version": version, "questions": questions, "values": request.POST, "preview": True,
                "language": language}
        with translation.override(chrome_language(language)):
            if switched_language(request):
                return render_form(request, **form, extra={"preview_package": package})
            try:
                answers_clean(questions, request.POST)
            except SubmissionInvalid as exc:
                return render_form(request, **form, errors=exc.errors, extra={"preview_package": package})
            return render_form(request, **form, extra={"preview_package": package, "preview_ok": True})


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
    """The questions' texts (in Swedish, English and easy-to-read Swedish), order and required flag,
    and the version's title, intro and stem in the other languages."""

    def _render(self, request, version, formset, add_form, texts_form, status=200):
        return render(request, "surveys/staff/version_edit.html", {
            "version": version, "formset": formset, "add_form": add_form, "texts_form": texts_form,
            "answered": version.responses.exists()}, status=status)

    def _initial(self, version):
        return [{"id": q.pk, "text": q.text, "text_en": q.text_en, "text_easy": q.text_easy, "required": q.required,
                 "order": q.order, "key": q.key, "qtype": q.get_qtype_display()}
                for q in version.questions.order_by("order", "id")]

    def _texts_initial(self, version):
        return {name: getattr(version, name) for name in TRANSLATED_VERSION_TEXTS}

    def get(self, request, pk):
        version = get_object_or_404(SurveyVersion, pk=pk)
        initial = self._initial(version)
        formset = QuestionEditFormSet(initial=initial)
        texts_form = VersionTranslationsForm(initial=self._texts_initial(version), prefix="texts")
        return self._render(request, version, _label(formset, initial), QuestionAddForm(prefix="add"), texts_form)

    def post(self, request, pk):
        version = get_object_or_404(SurveyVersion, pk=pk)
        initial = self._initial(version)
        formset = QuestionEditFormSet(request.POST, initial=initial)
        add_form = QuestionAddForm(request.POST, prefix="add")
        texts_form = VersionTranslationsForm(request.POST, initial=self._texts_initial(version), prefix="texts")
        if formset.is_valid() and add_form.is_valid() and texts_form.is_valid():
            changes = [_posted(request, f) for f in formset.forms if f.cleaned_data]
            delete = [c["id"] for c in changes if c.get("delete")]
            add = None
            if add_form.cleaned_data.get("key"):
                data = add_form.cleaned_data
                add = {"key": data["key"], "text": data["text"], "qtype": data["qtype"] or "scale_1_10",
                       "required": data["required"], "order": data["order"] or 999,
                       "text_en": data["text_en"].strip(), "text_easy": data["text_easy"].strip()}
            try:
                version_edit(version=version, changes=changes, delete=delete, add=add,
                             translations=_posted(request, texts_form))
            except VersionError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Frågorna är sparade."))
                return redirect("surveys:version_edit", pk=version.pk)
        return self._render(request, version, _label(formset, initial), add_form, texts_form, status=400)


def _posted(request, form) -> dict:
    """A valid form's cleaned data without the translations it was not sent (they stay as they are)."""
    return {name: value for name, value in form.cleaned_data.items()
            if name not in TRANSLATED_TEXTS or form.add_prefix(name) in request.POST}


def _label(formset, initial):
    """Attach each question's key and type to its form for the table."""
    for form, row in zip(formset.forms, initial, strict=False):
        form.key, form.qtype = row["key"], row["qtype"]
        form.text_translations = [(form["text_en"], "en"), (form["text_easy"], "sv")]
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


class ImportView(CoordinatorView):
    """Upload: the file is stored as a background job that checks it; then the job page."""

    def get(self, request):
        return render(request, "surveys/staff/import.html", {"form": ImportUploadForm()})

    def post(self, request):
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, "surveys/staff/import.html", {"form": form}, status=400)
        upload = form.cleaned_data["file"]
        job = import_job_create(kind=ImportJobKind.SURVEY_HISTORY, data=upload.read(), filename=upload.name,
                                options={}, user=request.user, task="surveys.tasks.check_history_import")
        return redirect("surveys:import_job", pk=job.pk)


class ImportJobView(CoordinatorView):
    """Progress while the job runs (the page refreshes itself), then the preview, errors or result."""

    def get(self, request, pk: int):
        job = get_object_or_404(ImportJob, pk=pk, kind=ImportJobKind.SURVEY_HISTORY, requested_by=request.user)
        if job.is_active or job.status == ImportJobStatus.FAILED:
            return render(request, "import_job.html", {
                "job": job, "refresh_seconds": IMPORT_REFRESH_SECONDS, "back": "surveys:import",
                "title": _("Import av historiska svar")})
        written = job.status == ImportJobStatus.DONE or bool(job.result)
        outcome = (job.result if written else job.preview) or {}
        form = ImportUploadForm()
        if outcome.get("unreadable"):
            form = ImportUploadForm(data={})
            form.errors["file"] = form.error_class([
                _("Filen kunde inte läsas. Spara den som CSV (UTF-8) eller .xlsx."), outcome["unreadable"]])
        status = 400 if outcome.get("errors") or outcome.get("unreadable") else 200
        return render(request, "surveys/staff/import.html", {
            "form": form, "job": job, "written": written, "outcome": outcome}, status=status)


class ImportConfirmView(CoordinatorView):
    def post(self, request):
        try:
            job = import_job_confirm(job_id=request.POST.get("job"), user=request.user,
                                     task="surveys.tasks.write_history_import")
        except ImportJobUnavailable:
            messages.error(request, _("Ingen fil väntar på import. Ladda upp filen igen."))
            return redirect("surveys:import")
        return redirect("surveys:import_job", pk=job.pk)
