"""Orders from the public e-service: what the customer answered, and the links that belong to it.

An order is stored as `pending` when sent; it counts only once its e-mail address is confirmed by the
e-mailed link (and, for an address outside ORDER_ALLOWED_EMAIL_DOMAINS, approved by a coordinator).
Then it becomes an assignment in the status "Inkommen beställning", linked here, and the customer
gets a personal status link. Links are random tokens; only their SHA-256 hashes are stored.
"""
from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from assignments.models import Assignment, Consultant, Organisation, OrganisationKind, Package, RoleLevel, Sector
from billing.models import COST_CENTRE_LENGTH

MAX_TEXT = 2000  # every free-text answer
MAX_POSITIONS = 200


class OrderState(models.TextChoices):
    PENDING = "pending", _("Väntar på bekräftelse av e-postadressen")
    AWAITING_APPROVAL = "awaiting_approval", _("Väntar på godkännande av e-postadressen")
    RECEIVED = "received", _("Mottagen")
    REJECTED = "rejected", _("E-postadressen godkändes inte")


class RecruitedBefore(models.TextChoices):
    YES = "yes", _("Ja")
    NO = "no", _("Nej")
    UNKNOWN = "unknown", _("Vet inte")


# The questions the department asks the customer to prepare for the start meeting (seed 000: "Vi börjar
# varje rekrytering med ett startmöte och ber kunden förbereda sig genom att besvara några frågor"; the
# meeting covers "rekryteringsbehovet, kravprofil, annonsering, urval, intervjuupplägg, användande av
# eventuella tester och search samt tidplan").
START_MEETING_QUESTIONS = [
    ("need", _("Varför behöver ni rekrytera, och vad ska personen bidra med i verksamheten?")),
    ("profile", _("Vilken utbildning, erfarenhet och vilka personliga egenskaper är viktigast för rollen?")),
    ("advertising", _("Finns det något särskilt annonsen ska lyfta fram om arbetsplatsen?")),
    ("interviews", _("Vilka från er ska delta i urval och intervjuer?")),
    ("tests", _("Har ni önskemål om tester eller aktiv sökning (search)?")),
    ("dates", _("Vilka datum kan ni inte delta i intervjuer, och när behöver personen börja senast?")),
]


class Order(models.Model):
    state = models.CharField(_("läge"), max_length=20, choices=OrderState.choices, default=OrderState.PENDING)
    created_at = models.DateTimeField(_("skickad"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("bekräftad"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    # what the customer answered
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="orders")
    organisation_name = models.CharField(_("organisation"), max_length=200)
    organisation_kind = models.CharField(_("typ av organisation"), max_length=32, blank=True,
                                         choices=OrganisationKind.choices)
    new_organisation = models.BooleanField(_("ny organisation, kontrolleras"), default=False)
    contact_name = models.CharField(_("namn"), max_length=200)
    email = models.EmailField(_("e-post"), max_length=254)
    phone = models.CharField(_("telefon"), max_length=40)
    cost_centre = models.CharField(_("kostnadsställe"), max_length=COST_CENTRE_LENGTH)
    invoice_reference = models.CharField(_("referens på fakturan"), max_length=200, blank=True)
    role_title = models.CharField(_("befattning"), max_length=200)
    role_level = models.CharField(_("nivå"), max_length=20, choices=RoleLevel.choices)
    sector = models.CharField(_("sektor"), max_length=20, choices=Sector.choices)
    positions = models.PositiveSmallIntegerField(
        _("antal tjänster"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_POSITIONS)])
    package = models.ForeignKey(Package, verbose_name=_("paket"), on_delete=models.PROTECT, related_name="orders")
    addons = models.ManyToManyField(Package, verbose_name=_("tillägg"), blank=True, related_name="addon_orders")
    wished_start = models.DateField(_("önskat startdatum"), null=True, blank=True)
    wished_consultant = models.ForeignKey(Consultant, verbose_name=_("önskad konsult"), null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="wished_orders")
    recruited_before = models.CharField(_("rekryterat till rollen tidigare"), max_length=10,
                                        choices=RecruitedBefore.choices)
    start_meeting = models.JSONField(_("svar inför uppstartsmötet"), default=dict, blank=True)
    other = models.TextField(_("övrigt"), max_length=MAX_TEXT, blank=True)

    # links (hashes only) and the hand-over
    confirm_hash = models.CharField(max_length=64, unique=True, editable=False)
    confirm_expires_at = models.DateTimeField(editable=False)
    status_hash = models.CharField(max_length=64, blank=True, default="", editable=False, db_index=True)
    status_revoked_at = models.DateTimeField(_("statuslänken återkallad"), null=True, blank=True)
    assignment = models.OneToOneField(Assignment, verbose_name=_("uppdrag"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="order")
    start_meeting_on = models.DateField(_("planerat uppstartsmöte"), null=True, blank=True)
    decline_reason = models.TextField(_("skäl"), max_length=MAX_TEXT, blank=True)
    cancelled_by_customer = models.BooleanField(_("avbruten av kunden"), default=False)
    history = HistoricalRecords(excluded_fields=["confirm_hash", "status_hash"])

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("beställning")
        verbose_name_plural = _("beställningar")
        indexes = [models.Index(fields=["state", "created_at"], name="order_state_created_idx")]

    def __str__(self):
        return f"{self.role_title} ({self.organisation_name})"

    def start_meeting_answers(self) -> list[tuple[str, str]]:
        """(question, answer) for the questions answered, in the form's order."""
        answers = self.start_meeting or {}
        return [(str(text), answers[key]) for key, text in START_MEETING_QUESTIONS if answers.get(key)]


class OrderMessage(models.Model):
    """A message the customer sent from the status page; e-mailed to the consultant through the outbox."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="messages")
    text = models.TextField(_("meddelande"), max_length=MAX_TEXT)
    sent_to = models.EmailField(_("skickat till"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("meddelande från kunden")
        verbose_name_plural = _("meddelanden från kunden")
