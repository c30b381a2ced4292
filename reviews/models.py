"""The individual review of a consultant's results, twice a year (H1 January-June, H2 July-December)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from assignments.models import Consultant


class Review(models.Model):
    """One consultant's review of one half-year: the manager's and the consultant's notes (each their own
    field), the goals agreed and the development actions. Figures are not stored: the page reads them."""

    consultant = models.ForeignKey(Consultant, verbose_name=_("konsult"), on_delete=models.PROTECT,
                                   related_name="reviews")
    year = models.PositiveSmallIntegerField(_("år"))
    half = models.PositiveSmallIntegerField(_("halvår"))
    held_on = models.DateField(_("samtalet hölls"), null=True, blank=True)
    manager_notes = models.TextField(_("chefens anteckningar"), blank=True)
    consultant_notes = models.TextField(_("konsultens anteckningar"), blank=True)
    goals = models.TextField(_("överenskomna mål"), blank=True)
    actions = models.TextField(_("utvecklingsinsatser"), blank=True)
    updated_at = models.DateTimeField(_("senast ändrad"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ändrad av"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-half", "consultant__name"]
        verbose_name = _("resultatsamtal")
        verbose_name_plural = _("resultatsamtal")
        constraints = [
            models.UniqueConstraint(fields=["consultant", "year", "half"], name="review_one_per_half_year"),
            models.CheckConstraint(condition=Q(half__in=[1, 2]), name="review_half_is_1_or_2"),
        ]

    def __str__(self):
        return f"{self.consultant} {self.year} H{self.half}"
