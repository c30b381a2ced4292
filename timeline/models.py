"""Standard timelines per package and year, and each assignment's plan with its history."""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from assignments.models import Assignment, Package, Project

from .steps import Cause, Step


class ClosedDay(models.Model):
    """A day the department is closed beyond the public holidays (e.g. Midsommarafton, Julafton)."""

    date = models.DateField(_("datum"), unique=True)
    name = models.CharField(_("benämning"), max_length=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = _("stängd dag")
        verbose_name_plural = _("stängda dagar")

    def __str__(self):
        return f"{self.date} {self.name}"


class StandardTimeline(models.Model):
    """The standard timeline of a package from a year on (until a later year's timeline)."""

    package = models.ForeignKey(Package, verbose_name=_("paket"), on_delete=models.CASCADE,
                                related_name="standard_timelines")
    year = models.PositiveSmallIntegerField(_("gäller från år"))
    source = models.TextField(_("källa"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["package__code", "-year"]
        constraints = [models.UniqueConstraint(fields=["package", "year"], name="timeline_one_standard_per_year")]
        verbose_name = _("standardtidplan")
        verbose_name_plural = _("standardtidplaner")

    def __str__(self):
        return f"{self.package.code} {self.year}"

    @property
    def total_days(self) -> int:
        return sum(step.days for step in self.steps.all())


class StandardStep(models.Model):
    timeline = models.ForeignKey(StandardTimeline, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(_("moment"), max_length=32, choices=Step.choices)
    position = models.PositiveSmallIntegerField()
    days = models.PositiveSmallIntegerField(_("arbetsdagar från föregående moment"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["timeline", "position"]
        constraints = [models.UniqueConstraint(fields=["timeline", "step"], name="timeline_standard_step_once")]


class ProjectPlan(models.Model):
    """A volume project's one plan: its assignments follow it, except steps moved on an assignment."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="plan")
    package = models.ForeignKey(Package, verbose_name=_("paket"), on_delete=models.PROTECT, related_name="+")
    start_on = models.DateField(_("planen lagd från"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    def __str__(self):
        return f"{self.project_id} {self.start_on}"


class ProjectPlanStep(models.Model):
    project_plan = models.ForeignKey(ProjectPlan, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(_("moment"), max_length=32, choices=Step.choices)
    position = models.PositiveSmallIntegerField()
    planned_on = models.DateField(_("planerat datum"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["project_plan", "position"]
        constraints = [models.UniqueConstraint(fields=["project_plan", "step"], name="timeline_project_step_once")]


class Plan(models.Model):
    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="plan")
    start_on = models.DateField(_("planen lagd från"))
    derived = models.BooleanField(_("härledd"), default=False,
                                  help_text=_("Lagd i efterhand från standardtidplanen vid beställningsdatum."))
    standard = models.ForeignKey(StandardTimeline, null=True, blank=True, on_delete=models.SET_NULL)
    project_plan = models.ForeignKey(ProjectPlan, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="plans")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    def __str__(self):
        return f"{self.assignment_id} {self.start_on}"


class PlanStep(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(_("moment"), max_length=32, choices=Step.choices)
    position = models.PositiveSmallIntegerField()
    planned_on = models.DateField(_("planerat datum"))
    done_on = models.DateField(_("klart datum"), null=True, blank=True,
                               help_text=_("För moment utan status, eller klart utan statusändring."))
    cause = models.CharField(_("orsak till försening"), max_length=32, choices=Cause.choices, blank=True)
    cause_text = models.CharField(_("orsak, fritext"), max_length=300, blank=True)
    follows_project = models.BooleanField(
        _("följer projektets plan"), default=True,
        help_text=_("I ett volymprojekt: av när datumet har flyttats för just det här uppdraget."))
    # who ticked a step or gave a cause, and when (moved dates are in PlanChange with their reason)
    history = HistoricalRecords(excluded_fields=["plan", "position"])

    class Meta:
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "step"], name="timeline_plan_step_once"),
            models.CheckConstraint(condition=~models.Q(cause="other") | ~models.Q(cause_text=""),
                                   name="timeline_other_cause_has_text"),
        ]
        indexes = [models.Index(fields=["planned_on"], name="timeline_planstep_planned")]

    def clean(self):
        if self.cause == Cause.OTHER and not self.cause_text.strip():
            raise ValidationError({"cause_text": _("Beskriv orsaken när du väljer Annat.")})


class PlanChange(models.Model):
    """One change of a planned date: who, when, old and new date, why."""

    plan_step = models.ForeignKey(PlanStep, on_delete=models.CASCADE, related_name="changes")
    changed_at = models.DateTimeField(auto_now_add=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    old_date = models.DateField(_("tidigare datum"))
    new_date = models.DateField(_("nytt datum"))
    reason = models.CharField(_("anledning"), max_length=300, blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]


class CalendarFeed(models.Model):
    """A consultant's secret calendar URL (iCalendar) of their planned steps; revoked, it answers 404.

    Only the SHA-256 hash of the URL's token is stored (as for survey links): the token is shown once,
    when the URL is made, and a leaked database gives no working feed.
    """

    consultant = models.ForeignKey("assignments.Consultant", on_delete=models.CASCADE, related_name="calendar_feeds")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["consultant"], condition=models.Q(revoked_at__isnull=True),
                                               name="timeline_one_live_feed_per_consultant")]
