"""Reporting data of its own: the department's published survey aggregates for years before the system."""
from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from assignments.models import Consultant
from surveys.models import SurveyKind


class SurveyAggregate(models.Model):
    """One published figure: a question's mean or yes share for a survey and year.

    Used for a year only when no raw answers of that survey exist for the year.
    """

    year = models.PositiveSmallIntegerField(_("år"))
    survey = models.CharField(_("enkät"), max_length=20, choices=SurveyKind.choices)
    question = models.SlugField(_("frågenyckel"), max_length=50)
    mean = models.FloatField(_("medelvärde"), null=True, blank=True)
    yes_share = models.FloatField(_("andel ja (0–1)"), null=True, blank=True)
    n = models.PositiveIntegerField(_("antal svar"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["survey", "-year", "question"]
        constraints = [
            models.UniqueConstraint(fields=["year", "survey", "question"], name="one_aggregate_per_question_year"),
            models.CheckConstraint(
                condition=models.Q(mean__isnull=False) | models.Q(yes_share__isnull=False),
                name="aggregate_has_a_value",
            ),
        ]
        verbose_name = _("publicerat enkätresultat")
        verbose_name_plural = _("publicerade enkätresultat")

    def __str__(self):
        return f"{self.year} {self.survey} {self.question}"

    @property
    def yes_percent(self) -> float | None:
        return None if self.yes_share is None else self.yes_share * 100


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("I kö")
    RUNNING = "running", _("Skapas")
    DONE = "done", _("Klar")
    FAILED = "failed", _("Misslyckades")


REPORT_STALE_AFTER = dt.timedelta(minutes=30)


class ReportFile(models.Model):
    """A generated tertial report (PDF): requested by a person, built by a Celery task, stored under MEDIA_ROOT."""

    year = models.PositiveSmallIntegerField(_("år"))
    tertial = models.PositiveSmallIntegerField(_("tertial"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("förlopp (%)"), default=0)
    step = models.CharField(_("pågående steg"), max_length=200, blank=True)
    file = models.FileField(_("fil"), upload_to="rapporter/%Y/", blank=True)
    error = models.TextField(_("fel"), blank=True)
    requested_by = models.ForeignKey(
        "auth.User", verbose_name=_("beställd av"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="report_files",
    )
    created_at = models.DateTimeField(_("beställd"), auto_now_add=True)
    started_at = models.DateTimeField(_("påbörjad"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("tertialrapport")
        verbose_name_plural = _("tertialrapporter")
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="report_progress_at_most_100"),
            models.CheckConstraint(
                condition=models.Q(tertial__isnull=True) | models.Q(tertial__in=[1, 2, 3]), name="report_tertial_1_3"
            ),
        ]

    def __str__(self):
        period = f"T{self.tertial} {self.year}" if self.tertial else str(self.year)
        return f"{period} ({self.get_status_display()})"

    @property
    def is_stale(self) -> bool:
        """Running for longer than any report takes: the process that built it has stopped (e.g. a restart)."""
        return (self.status == ReportStatus.RUNNING and self.started_at is not None
                and timezone.now() - self.started_at > REPORT_STALE_AFTER)

    @property
    def is_active(self) -> bool:
        """Queued or being built: the list page keeps refreshing."""
        return self.status in (ReportStatus.QUEUED, ReportStatus.RUNNING) and not self.is_stale


class SurveyMonth(models.Model):
    """Survey answers pre-summed per month, survey, question and credited consultant: what the reports read.

    Derived data, written only by `reporting.survey_months.survey_months_rebuild` from the
    answers (the consultant-credit rule is `reporting.selectors.scope.credited_consultant`):
    after every write of the surveys app (its `responses_changed` signal) and, for writes that
    send none (bulk loads, tests), by the reader when a month's fingerprint no longer matches
    the responses. A row of `question_key` "" counts the responses themselves; `consultant`
    is the credited consultant (None when none is known); the rows with `is_department` sum
    every consultant's (their consultant is None). Values are counted per value 0-10
    (`c0`..`c10`, above 10 in `c_over`), so that any threshold (promoters, detractors, the
    satisfied setting) can be read off.
    """

    month = models.DateField()  # the first day of the month the responses were submitted in
    kind = models.CharField(max_length=20)
    question_key = models.CharField(max_length=50, blank=True)
    consultant = models.ForeignKey(Consultant, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    is_department = models.BooleanField(default=False)
    n = models.IntegerField()
    total = models.BigIntegerField(default=0)
    c0 = models.IntegerField(default=0)
    c1 = models.IntegerField(default=0)
    c2 = models.IntegerField(default=0)
    c3 = models.IntegerField(default=0)
    c4 = models.IntegerField(default=0)
    c5 = models.IntegerField(default=0)
    c6 = models.IntegerField(default=0)
    c7 = models.IntegerField(default=0)
    c8 = models.IntegerField(default=0)
    c9 = models.IntegerField(default=0)
    c10 = models.IntegerField(default=0)
    c_over = models.IntegerField(default=0)
    # On the department's response rows: what the month's responses of the survey were when the
    # rows were built ("count:last id:credit checksum:day checksum"), compared by the reader (summed
    # over the range it reads) before it trusts them.
    fingerprint = models.CharField(max_length=100, blank=True)

    class Meta:
        # The department's rows by month; a consultant's through the consultant's own index. The
        # department's response rows alone, with their fingerprints: what the reader's freshness check
        # reads before every summary read (an index-only scan of a few hundred entries).
        indexes = [
            models.Index(fields=["is_department", "month", "kind"], name="survey_month_read"),
            models.Index(fields=["month", "kind"], include=["fingerprint"], name="survey_month_marks",
                         condition=models.Q(is_department=True, question_key="")),
        ]

    def __str__(self):
        who = "avdelningen" if self.is_department else (self.consultant_id or "ingen konsult")
        return f"{self.month:%Y-%m} {self.kind} {self.question_key or '(svar)'} {who}: {self.n}"


class SurveyMonthBuild(models.Model):
    """One row per month that has been summarised: locked while `survey_months_rebuild` rewrites the month,
    so that two rebuilds of the same month take turns instead of both inserting. It keeps no rebuild
    time: a rebuild follows each candidate answer's commit, so its time would be the answer's."""

    month = models.DateField(unique=True)

    def __str__(self):
        return f"{self.month:%Y-%m}"
