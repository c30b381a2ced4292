"""Hours reported per week: one row per assignment, consultant and week (its Monday).

The assignment's `hours` is the total: the hours it had before any week was reported (imported, or typed in
the assignment form: the baseline) plus the sum of its entries. Only assignments.hours.hours_week_record
writes entries, and it moves `hours` by the same difference in the same transaction.
"""
from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MAX_WEEK_HOURS = Decimal(80)


class HoursEntry(models.Model):
    assignment = models.ForeignKey("assignments.Assignment", on_delete=models.CASCADE, related_name="hours_entries")
    consultant = models.ForeignKey("assignments.Consultant", on_delete=models.PROTECT, related_name="hours_entries")
    week = models.DateField(_("vecka (måndag)"))
    hours = models.DecimalField(_("timmar"), max_digits=5, decimal_places=2)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["week", "id"]
        verbose_name = _("rapporterade timmar")
        verbose_name_plural = _("rapporterade timmar")
        indexes = [models.Index(fields=["consultant", "week"], name="hoursentry_consultant_week_idx")]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "consultant", "week"], name="hoursentry_one_per_week"),
            models.CheckConstraint(condition=Q(hours__gt=0) & Q(hours__lte=MAX_WEEK_HOURS),
                                   name="hoursentry_hours_range"),
            models.CheckConstraint(condition=Q(week__iso_week_day=1), name="hoursentry_week_is_monday"),
        ]

    def __str__(self):
        return f"{self.assignment_id} v{self.week.isocalendar().week}: {self.hours}"
