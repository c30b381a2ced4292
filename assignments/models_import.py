"""A file import run in the background: the stored upload, its state, progress and outcome.

Shared by the register import and the survey history import (surveys stores its own kind);
the rows are written by each app's tasks through assignments.importing.jobs.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJobKind(models.TextChoices):
    REGISTER = "register", _("Uppdrag")
    SURVEY_HISTORY = "survey_history", _("Historiska enkätsvar")


class ImportJobStatus(models.TextChoices):
    CHECK_QUEUED = "check_queued", _("Väntar på kontroll")
    CHECKING = "checking", _("Kontrolleras")
    CHECKED = "checked", _("Klar att importera")
    REJECTED = "rejected", _("Filen har fel")
    WRITE_QUEUED = "write_queued", _("Väntar på import")
    WRITING = "writing", _("Importeras")
    DONE = "done", _("Importerad")
    FAILED = "failed", _("Misslyckades")


ACTIVE_IMPORT_STATUSES = (ImportJobStatus.CHECK_QUEUED, ImportJobStatus.CHECKING,
                          ImportJobStatus.WRITE_QUEUED, ImportJobStatus.WRITING)


class ImportJob(models.Model):
    """One uploaded file: checked (the preview) by one job run, written by a second after confirmation."""

    kind = models.CharField(_("import"), max_length=20, choices=ImportJobKind.choices)
    status = models.CharField(_("status"), max_length=20, choices=ImportJobStatus.choices,
                              default=ImportJobStatus.CHECK_QUEUED)
    progress = models.PositiveSmallIntegerField(_("förlopp (%)"), default=0)
    file = models.FileField(_("fil"), upload_to="importer/%Y/")
    filename = models.CharField(_("filnamn"), max_length=255)
    sha256 = models.CharField(max_length=64)
    options = models.JSONField(default=dict, blank=True)
    rows = models.PositiveIntegerField(_("rader"), null=True, blank=True)
    error_count = models.PositiveIntegerField(_("fel"), default=0)
    preview = models.JSONField(_("förhandsgranskning"), null=True, blank=True)
    result = models.JSONField(_("resultat"), null=True, blank=True)
    error = models.TextField(_("fel"), blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uppladdad av"), null=True,
                                     on_delete=models.SET_NULL, related_name="import_jobs")
    created_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)
    started_at = models.DateTimeField(_("påbörjad"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("importjobb")
        verbose_name_plural = _("importjobb")
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="import_job_progress_at_most_100"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.filename} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_IMPORT_STATUSES
