"""What allocation knows about a consultant beyond the register, and the decisions it records.

The register (assignments) keeps the consultant's FTE and manager-recruitment qualification; this app
adds the sectors and role levels they work with, test certification, development goals, the share of
time for assignments and availability periods (leave, part-time), and who was chosen for an assignment.
"""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from assignments.models import Assignment, Consultant, RoleLevel, Sector

SHARE_RANGE = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))]


class ConsultantProfile(models.Model):
    consultant = models.OneToOneField(Consultant, verbose_name=_("konsult"), on_delete=models.CASCADE,
                                      related_name="allocation_profile")
    sectors = models.JSONField(_("sektorer"), default=list, blank=True,
                               help_text=_("Sektorer konsulten arbetar med."))
    role_levels = models.JSONField(_("rollnivåer"), default=list, blank=True,
                                   help_text=_("Nivåer konsulten rekryterar till."))
    test_certified = models.BooleanField(_("testcertifierad"), default=False,
                                         help_text=_("Certifierad i arbetspsykologiska urvalsverktyg."))
    assignment_share = models.DecimalField(
        _("andel av arbetstiden för uppdrag"), max_digits=3, decimal_places=2, null=True, blank=True,
        validators=SHARE_RANGE,
        help_text=_("Till exempel 0,70. Tomt: avdelningens standard."))
    notes = models.TextField(_("anteckningar"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fördelningsprofil")
        verbose_name_plural = _("fördelningsprofiler")
        constraints = [models.CheckConstraint(
            condition=Q(assignment_share__isnull=True) | Q(assignment_share__gte=0, assignment_share__lte=1),
            name="allocation_share_0_to_1")]

    def __str__(self):
        return str(self.consultant)


class DevelopmentGoal(models.Model):
    """An individual development goal; an assignment serves it when it matches the level and sector given."""

    profile = models.ForeignKey(ConsultantProfile, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("utvecklingsmål"), max_length=300)
    role_level = models.CharField(_("rollnivå"), max_length=20, choices=RoleLevel.choices, blank=True)
    sector = models.CharField(_("sektor"), max_length=20, choices=Sector.choices, blank=True)
    achieved = models.BooleanField(_("uppnått"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["profile", "pk"]
        verbose_name = _("utvecklingsmål")
        verbose_name_plural = _("utvecklingsmål")

    def __str__(self):
        return self.text

    def served_by(self, *, role_level: str, sector: str) -> bool:
        if self.achieved or not (self.role_level or self.sector):
            return False
        return self.role_level in ("", role_level) and self.sector in ("", sector)


class AvailabilityKind(models.TextChoices):
    LEAVE = "leave", _("Ledighet")
    PART_TIME = "part_time", _("Deltid")


class AvailabilityPeriod(models.Model):
    """Leave (no capacity) or a part-time period with its own FTE, first and last day included."""

    profile = models.ForeignKey(ConsultantProfile, on_delete=models.CASCADE, related_name="availability")
    kind = models.CharField(_("typ"), max_length=20, choices=AvailabilityKind.choices)
    starts_on = models.DateField(_("från och med"))
    ends_on = models.DateField(_("till och med"))
    fte = models.DecimalField(_("tjänstgöringsgrad under perioden"), max_digits=3, decimal_places=2,
                              default=Decimal("0"), validators=SHARE_RANGE)
    note = models.CharField(_("anteckning"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["profile", "starts_on"]
        verbose_name = _("tillgänglighetsperiod")
        verbose_name_plural = _("tillgänglighetsperioder")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="allocation_period_order"),
            models.CheckConstraint(condition=~Q(kind="leave") | Q(fte=0), name="allocation_leave_has_no_fte"),
            models.CheckConstraint(condition=Q(fte__gte=0, fte__lte=1), name="allocation_period_fte_0_to_1"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.starts_on}–{self.ends_on}"


class AllocationDecision(models.Model):
    """Who was chosen to lead an assignment, by whom, and whether it followed the proposal (its rank 1)."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="allocation_decisions")
    consultant = models.ForeignKey(Consultant, verbose_name=_("vald konsult"), on_delete=models.PROTECT,
                                   related_name="allocation_decisions")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)
    proposed = models.ForeignKey(Consultant, verbose_name=_("föreslagen konsult"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    chosen_rank = models.PositiveSmallIntegerField(_("vald konsults plats i förslaget"), null=True, blank=True)
    followed_proposal = models.BooleanField(_("följde förslaget"))
    proposal = models.JSONField(_("förslaget"), default=list, blank=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("fördelningsbeslut")
        verbose_name_plural = _("fördelningsbeslut")
