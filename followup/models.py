"""Customer contacts (the contact log and account managers) and After Action Reviews.

The register (assignments) owns organisations, contacts, consultants, assignments and projects;
followup only points at them.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from assignments.models import Assignment, Consultant, Contact, Organisation, Project


class ContactKind(models.TextChoices):
    MEETING = "meeting", _("Möte")
    PHONE = "phone", _("Telefonsamtal")
    COUNCIL = "council", _("Kundråd")
    TRAINING = "training", _("Utbildning")
    NEWSLETTER = "newsletter", _("Nyhetsbrev")


class CustomerContact(models.Model):
    """One logged contact with a customer organisation."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="customer_contacts",
    )
    held_on = models.DateField(_("datum"))
    kind = models.CharField(_("typ av kontakt"), max_length=20, choices=ContactKind.choices)
    staff = models.ManyToManyField(Consultant, verbose_name=_("från SF"), related_name="customer_contacts")
    contacts = models.ManyToManyField(
        Contact, verbose_name=_("kundens deltagare"), blank=True, related_name="customer_contacts",
    )
    note = models.TextField(_("anteckning"), blank=True, max_length=4000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    history = HistoricalRecords(m2m_fields=[staff, contacts])

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("kundkontakt")
        verbose_name_plural = _("kundkontakter")
        indexes = [models.Index(fields=["organisation", "-held_on"], name="customercontact_org_day_idx")]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.get_kind_display()} – {self.organisation}"


class AccountManager(models.Model):
    """A consultant who is one of an organisation's account managers (kundansvariga)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="account_managers")
    consultant = models.ForeignKey(Consultant, on_delete=models.PROTECT, related_name="accounts")
    history = HistoricalRecords()

    class Meta:
        ordering = ["consultant__name"]
        verbose_name = _("kundansvarig")
        verbose_name_plural = _("kundansvariga")
        constraints = [models.UniqueConstraint(fields=["organisation", "consultant"], name="account_manager_once")]


class AfterActionReview(models.Model):
    """An After Action Review of one assignment or one volume project (exactly one of the two)."""

    assignment = models.ForeignKey(Assignment, verbose_name=_("uppdrag"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="after_action_reviews")
    project = models.ForeignKey(Project, verbose_name=_("volymprojekt"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="after_action_reviews")
    held_on = models.DateField(_("datum"))
    participants = models.ManyToManyField(Consultant, verbose_name=_("deltagare från SF"),
                                          related_name="after_action_reviews")
    other_participants = models.CharField(_("övriga deltagare"), max_length=500, blank=True,
                                          help_text=_("Till exempel rekryterande chefer och HR hos kunden."))
    planned = models.TextField(_("vad som var planerat"), max_length=4000)
    happened = models.TextField(_("vad som hände"), max_length=4000)
    went_well = models.TextField(_("vad som gick bra"), max_length=4000)
    improve = models.TextField(_("vad som kan förbättras"), max_length=4000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    history = HistoricalRecords(m2m_fields=[participants])

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("After Action Review")
        verbose_name_plural = _("After Action Reviews")
        constraints = [
            models.CheckConstraint(
                condition=(Q(assignment__isnull=False, project__isnull=True)
                           | Q(assignment__isnull=True, project__isnull=False)),
                name="aar_assignment_or_project",
            ),
        ]

    def __str__(self):
        return f"After Action Review {self.held_on:%Y-%m-%d}: {self.subject}"

    @property
    def subject(self) -> str:
        return str(self.assignment) if self.assignment_id else str(self.project)


class AarAction(models.Model):
    """An action agreed in a review: what, who owns it, when it is due, and when it was done."""

    review = models.ForeignKey(AfterActionReview, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("åtgärd"), max_length=500)
    owner = models.ForeignKey(Consultant, verbose_name=_("ansvarig"), on_delete=models.PROTECT,
                              related_name="aar_actions")
    due_on = models.DateField(_("klart senast"))
    done_on = models.DateField(_("klart"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
        indexes = [models.Index(fields=["owner", "done_on", "due_on"], name="aaraction_owner_open_idx")]

    def __str__(self):
        return self.description
