"""The year's business plan: the goal chain, activities, indicators, entered figures, the employee survey."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Plan(models.Model):
    year = models.PositiveSmallIntegerField(_("år"), unique=True)
    title = models.CharField(_("rubrik"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("verksamhetsplan")
        verbose_name_plural = _("verksamhetsplaner")

    def __str__(self):
        return self.title or f"Verksamhetsplan {self.year}"


class GoalLevel(models.TextChoices):
    KF_AIM = "kf_inriktningsmal", _("KF:s inriktningsmål")
    KF_GOAL = "kf_mal", _("KF:s mål för verksamhetsområdet")
    BOARD = "namndmal", _("Nämndmål")
    UNIT = "enhetsmal", _("Enhetsmål")


class Goal(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    level = models.CharField(_("nivå"), max_length=20, choices=GoalLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("överordnat mål"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="children",
    )
    number = models.CharField(_("nummer"), max_length=20, blank=True, help_text=_("Endast för visning."))
    text = models.TextField(_("mål"))
    expected_result = models.TextField(_("förväntat resultat"), blank=True)
    way_of_working = models.TextField(_("arbetssätt"), blank=True)
    follow_up = models.TextField(_("uppföljning"), blank=True)
    # The same goal in an earlier plan, linked explicitly (numbers and texts change between years).
    predecessor = models.ForeignKey(
        "self", verbose_name=_("motsvarande mål tidigare år"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="successors",
    )
    order = models.PositiveIntegerField(_("ordning"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = _("mål")
        verbose_name_plural = _("mål")

    def __str__(self):
        prefix = f"{self.number} " if self.number else ""
        return f"{self.get_level_display()}: {prefix}{self.text}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.parent_id and self.parent.plan_id != self.plan_id:
            raise ValidationError({"parent": _("Det överordnade målet måste höra till samma plan.")})
        if self.predecessor_id and self.predecessor.plan.year >= self.plan.year:
            raise ValidationError({"predecessor": _("Motsvarande mål måste höra till en tidigare plan.")})


class Activity(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="activities")
    text = models.TextField(_("aktivitet"))
    starts_on = models.DateField(_("startdatum"), null=True, blank=True)
    ends_on = models.DateField(_("slutdatum"), null=True, blank=True)
    responsible = models.CharField(_("ansvariga (initialer)"), max_length=200, blank=True)
    order = models.PositiveIntegerField(_("ordning"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["goal", "order", "id"]
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")


class Periodicity(models.TextChoices):
    TERTIAL = "tertial", _("Tertial")
    YEAR = "year", _("År")


class IndicatorUnit(models.TextChoices):
    PERCENT = "percent", _("procent")
    COUNT = "count", _("antal")
    SCORE = "score", _("betyg")
    INDEX = "index", _("index")
    SEK = "sek", _("kronor")
    HOURS = "hours", _("timmar")


class Direction(models.TextChoices):
    HIGHER = "higher", _("högre är bättre")
    LOWER = "lower", _("lägre är bättre")


class Source(models.TextChoices):
    COMPUTED = "computed", _("beräknas ur registret eller enkäterna")
    ENTERED = "entered", _("matas in")
    AMI = "ami", _("medarbetarenkäten")


class Indicator(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    goal = models.ForeignKey(Goal, verbose_name=_("mål"), on_delete=models.CASCADE, related_name="indicators")
    key = models.SlugField(_("nyckel"), max_length=60)
    name = models.TextField(_("indikator"))
    # Percent targets are stored as percent: 80 means 80 %.
    target = models.DecimalField(_("årsmål"), max_digits=14, decimal_places=2, null=True, blank=True)
    target_text = models.CharField(_("årsmål som text"), max_length=100, blank=True)
    kf_target = models.CharField(_("KF:s årsmål"), max_length=100, blank=True)
    periodicity = models.CharField(_("periodicitet"), max_length=10, choices=Periodicity.choices)
    unit = models.CharField(_("enhet"), max_length=10, choices=IndicatorUnit.choices)
    direction = models.CharField(_("riktning"), max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    source = models.CharField(_("källa"), max_length=10, choices=Source.choices)
    measure = models.CharField(_("mått"), max_length=60, blank=True)
    params = models.JSONField(_("parametrar"), default=dict, blank=True)
    order = models.PositiveIntegerField(_("ordning"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="indicator_key_unique_per_plan")]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.goal_id and self.goal.plan_id != self.plan_id:
            raise ValidationError({"goal": _("Målet måste höra till samma plan som indikatorn.")})
        if self.plan_id and Indicator.objects.filter(plan_id=self.plan_id, key=self.key).exclude(pk=self.pk).exists():
            raise ValidationError({"key": _("Nyckeln används redan av en annan indikator i planen.")})

    @property
    def figure_key(self) -> str:
        """The key under which an entered indicator's values are stored."""
        return self.params.get("figure_key") or self.key


class FigurePeriod(models.TextChoices):
    T1 = "T1", _("T1 (januari–april)")
    T2 = "T2", _("T2 (maj–augusti)")
    T3 = "T3", _("T3 (september–december)")
    YEAR = "year", _("Helår")


class EnteredFigure(models.Model):
    """A figure from outside the register: ads published, sick leave, engagement, ..."""

    year = models.PositiveSmallIntegerField(_("år"))
    period = models.CharField(_("period"), max_length=4, choices=FigurePeriod.choices)
    key = models.SlugField(_("nyckel"), max_length=60)
    organisation = models.ForeignKey(
        "assignments.Organisation", verbose_name=_("organisation"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    value = models.DecimalField(_("värde"), max_digits=14, decimal_places=4)
    note = models.TextField(_("kommentar"), blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "key", "period"]
        verbose_name = _("inmatad siffra")
        verbose_name_plural = _("inmatade siffror")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "period", "key", "organisation"], name="figure_unique_with_org",
                condition=Q(organisation__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["year", "period", "key"], name="figure_unique_without_org",
                condition=Q(organisation__isnull=True),
            ),
        ]


class SurveyScope(models.TextChoices):
    DEPARTMENT = "department", _("Avdelningen")
    ADMINISTRATION = "administration", _("Hela förvaltningen")


class AmiArea(models.TextChoices):
    MOTIVATION = "Motivation", _("Motivation")
    LEADERSHIP = "Ledarskap", _("Ledarskap")
    GOVERNANCE = "Styrning", _("Styrning")
    # Statements outside the index (e.g. "Jag kan rekommendera min arbetsplats till andra").
    OTHER = "Övrigt", _("Övrigt (ingår inte i index)")


class EmployeeSurvey(models.Model):
    year = models.PositiveSmallIntegerField(_("år"))
    scope = models.CharField(_("omfattning"), max_length=20, choices=SurveyScope.choices,
                             default=SurveyScope.DEPARTMENT)
    # The city's published AMI; authoritative where it differs from the computed one.
    official_total = models.DecimalField(_("stadens publicerade AMI"), max_digits=6, decimal_places=2,
                                         null=True, blank=True)
    imported_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "scope"]
        verbose_name = _("medarbetarenkät")
        verbose_name_plural = _("medarbetarenkäter")
        constraints = [models.UniqueConstraint(fields=["year", "scope"], name="one_employee_survey_per_scope")]


class EmployeeSurveyStatement(models.Model):
    survey = models.ForeignKey(EmployeeSurvey, on_delete=models.CASCADE, related_name="statements")
    area = models.CharField(_("område"), max_length=20, choices=AmiArea.choices)
    key = models.SlugField(max_length=60)
    statement = models.TextField(_("påstående"))
    n1 = models.PositiveIntegerField(default=0)
    n2 = models.PositiveIntegerField(default=0)
    n3 = models.PositiveIntegerField(default=0)
    n4 = models.PositiveIntegerField(default=0)
    n5 = models.PositiveIntegerField(default=0)
    no_opinion = models.PositiveIntegerField(_("ingen åsikt"), default=0)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["survey", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["survey", "key"], name="statement_key_unique")]

    @property
    def counts(self) -> tuple[int, int, int, int, int]:
        return (self.n1, self.n2, self.n3, self.n4, self.n5)
