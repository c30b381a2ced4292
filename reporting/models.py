"""Reporting data of its own: the department's published survey aggregates for years before the system."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from surveys.models import SurveyKind


class SurveyAggregate(models.Model):
    """One published figure: a question's mean or yes share for a survey and year.

    Used for a year only when no raw answers of that survey exist for the year.
    """

    year = models.PositiveSmallIntegerField(_("år"))
    survey = models.CharField(_("enkät"), max_length=20, choices=SurveyKind.choices)
    question = models.SlugField(_("frågenyckel"), max_length=50)
    mean = models.FloatField(_("medelvärde"), null=True, blank=True)
    yes_share = models.FloatField(_("andel ja (0-1)"), null=True, blank=True)
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
