"""The assignment register: customers, contacts, consultants, packages, assignments."""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.timezone import localdate
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# Hours, prices and the like are never negative, whatever the browser let through.
NOT_NEGATIVE = MinValueValidator(Decimal("0"), message=_("Värdet kan inte vara negativt."))


class OrganisationKind(models.TextChoices):
    DISTRICT = "stadsdelsforvaltning", _("Stadsdelsförvaltning")
    ADMINISTRATION = "fackforvaltning", _("Fackförvaltning")
    COMPANY = "bolag", _("Bolag")


class Sector(models.TextChoices):
    PRESCHOOL = "forskola", _("Förskola")
    SCHOOL = "skola", _("Skola")
    SOCIAL = "socialtjanst", _("Socialtjänst")
    ELDERLY = "aldreomsorg", _("Äldreomsorg")
    LSS = "lss", _("LSS")
    OTHER = "ovrigt", _("Övrigt")


class RoleLevel(models.TextChoices):
    STAFF = "medarbetare", _("Medarbetare")
    MANAGER = "chef", _("Chef")
    SENIOR_MANAGER = "hogre_chef", _("Högre chef")


class Organisation(models.Model):
    name = models.CharField(_("namn"), max_length=200, unique=True)
    kind = models.CharField(_("typ"), max_length=32, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("moderbolag"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="subsidiaries",
    )
    active = models.BooleanField(_("aktiv"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")

    def __str__(self):
        return self.name


class ContactRole(models.TextChoices):
    HIRING_MANAGER = "hiring_manager", _("Rekryterande chef")
    HR = "hr", _("HR")
    HR_HEAD = "hr_head", _("HR-chef")  # the organisation's HR head: followup's yearly contact list


class EmailStatus(models.TextChoices):
    OK = "ok", _("OK")
    UNSUBSCRIBED = "unsubscribed", _("Avregistrerad")
    BOUNCED = "bounced", _("Studsar")


class Language(models.TextChoices):
    """The language a contact reads their survey e-mails and forms in (`surveys.languages`)."""

    SV = "sv", _("Svenska")
    EN = "en", _("Engelska")
    SV_EASY = "sv-easy", _("Lättläst svenska")


class Contact(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="contacts"
    )
    name = models.CharField(_("namn"), max_length=200)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    role = models.CharField(
        _("roll"), max_length=20, choices=ContactRole.choices, default=ContactRole.HIRING_MANAGER
    )
    email_status = models.CharField(
        _("e-poststatus"), max_length=20, choices=EmailStatus.choices, default=EmailStatus.OK
    )
    active = models.BooleanField(_("aktiv"), default=True)
    language = models.CharField(
        _("språk för enkäter"), max_length=10, choices=Language.choices, default=Language.SV,
        help_text=_("Språket i enkätens e-post och formulär."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("email"), name="contact_email_unique_ci",
                condition=~Q(email=""),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation})"


class Unit(models.Model):
    name = models.CharField(_("namn"), max_length=100, unique=True)
    manager = models.ForeignKey(
        "Consultant", verbose_name=_("enhetschef"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="managed_units",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")

    def __str__(self):
        return self.name


class ConsultantRole(models.TextChoices):
    CONSULTANT = "konsult", _("Konsult")
    COORDINATOR = "koordinator", _("Koordinator")
    LEAD = "samordnare", _("Samordnare")
    MANAGER = "chef", _("Chef")


class Consultant(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("användare"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="consultant",
    )
    name = models.CharField(_("namn"), max_length=200)
    email = models.EmailField(_("e-post"), unique=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("enhet"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="consultants",
    )
    fte = models.DecimalField(
        _("tjänstgöringsgrad (årsarbetare)"), max_digits=4, decimal_places=2, default=Decimal("1.00")
    )
    role = models.CharField(_("roll"), max_length=20, choices=ConsultantRole.choices, default=ConsultantRole.CONSULTANT)
    manager_qualified = models.BooleanField(_("kvalificerad för chefsrekryteringar"), default=False)
    active = models.BooleanField(_("aktiv"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("konsult")
        verbose_name_plural = _("konsulter")

    def __str__(self):
        return self.name


class ConsultantBudget(models.Model):
    consultant = models.ForeignKey(Consultant, on_delete=models.CASCADE, related_name="budgets")
    year = models.PositiveSmallIntegerField(_("år"))
    amount_sek = models.DecimalField(_("intäktsbudget (kr)"), max_digits=12, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["consultant", "year"], name="budget_one_per_year")]
        verbose_name = _("personlig budget")
        verbose_name_plural = _("personliga budgetar")


class PackageUnit(models.TextChoices):
    ASSIGNMENT = "assignment", _("per uppdrag")
    CANDIDATE = "candidate", _("per kandidat")
    HOUR = "hour", _("per timme")


class OrderAs(models.TextChoices):
    """How the public order form (orders/) offers a package."""

    NOT_OFFERED = "", _("Visas inte i e-tjänsten")
    PACKAGE = "package", _("Paket i e-tjänsten")
    ADDON = "addon", _("Tillägg i e-tjänsten")


class Package(models.Model):
    code = models.CharField(_("kod"), max_length=32, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    unit = models.CharField(_("enhet"), max_length=20, choices=PackageUnit.choices, default=PackageUnit.ASSIGNMENT)
    full_process_with_tests = models.BooleanField(_("hel process med tester"), default=False)
    manager_package = models.BooleanField(_("chefspaket"), default=False)
    includes_interviews = models.BooleanField(_("intervjuer ingår"), default=True)
    is_training = models.BooleanField(_("utbildning"), default=False)
    customer_survey_default = models.BooleanField(_("kundenkät som standard"), default=True)
    standard_hours = models.DecimalField(
        _("standardtid (timmar)"), max_digits=6, decimal_places=1, null=True, blank=True, validators=[NOT_NEGATIVE]
    )
    standard_days = models.PositiveIntegerField(_("standardledtid (dagar)"), null=True, blank=True)
    offered = models.BooleanField(_("erbjuds"), default=True)
    description = models.TextField(_("vad som ingår"), blank=True, max_length=1000)
    order_as = models.CharField(_("i beställningstjänsten"), max_length=10, choices=OrderAs.choices, blank=True,
                                default=OrderAs.NOT_OFFERED)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("paket")
        verbose_name_plural = _("paket")

    def __str__(self):
        # people choose packages by name; the code is only what an import file carries
        return self.name


class PackagePrice(models.Model):
    package = models.ForeignKey(Package, on_delete=models.CASCADE, related_name="prices")
    year = models.PositiveSmallIntegerField(_("år"))
    price_sek = models.DecimalField(_("pris (kr)"), max_digits=12, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["package__code", "-year"]
        constraints = [models.UniqueConstraint(fields=["package", "year"], name="price_one_per_year")]
        verbose_name = _("pris")
        verbose_name_plural = _("priser")

    def __str__(self):
        return f"{self.package.code} {self.year}: {self.price_sek}"


class Project(models.Model):
    name = models.CharField(_("namn"), max_length=200, unique=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("kund"), null=True, blank=True, on_delete=models.PROTECT, related_name="projects"
    )
    lead = models.ForeignKey(
        Consultant, verbose_name=_("projektledare"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="led_projects",
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("slut"), null=True, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("volymprojekt")
        verbose_name_plural = _("volymprojekt")

    def __str__(self):
        return self.name


class Status(models.TextChoices):
    # An order from the public e-service (orders/), confirmed by the customer and not yet accepted:
    # no lead consultant yet, and no work started (not among WORKING_STATUSES).
    INCOMING = "incoming", _("Inkommen beställning")
    REGISTERED = "registered", _("Registrerat")
    START_MEETING = "start_meeting", _("Uppstartsmöte")
    AD_PUBLISHED = "ad_published", _("Annons publicerad")
    SELECTION = "selection", _("Urval")
    INTERVIEWS = "interviews", _("Intervjuer")
    TESTS = "tests", _("Tester och fördjupad intervju")
    REFERENCES = "references", _("Referenser")
    CLOSED_HIRED = "closed_hired", _("Avslutat med tillsättning")
    CLOSED_NOT_HIRED = "closed_not_hired", _("Avslutat utan tillsättning")
    CANCELLED = "cancelled", _("Avbrutet")


WORKING_STATUSES = [
    Status.REGISTERED, Status.START_MEETING, Status.AD_PUBLISHED, Status.SELECTION,
    Status.INTERVIEWS, Status.TESTS, Status.REFERENCES,
]
CLOSED_STATUSES = [Status.CLOSED_HIRED, Status.CLOSED_NOT_HIRED]
FINAL_STATUSES = [*CLOSED_STATUSES, Status.CANCELLED]
# Statuses an assignment may have without a lead consultant: an incoming order, and one declined or
# cancelled before it was accepted.
WITHOUT_LEAD_STATUSES = [Status.INCOMING, Status.CANCELLED]


def _allowed_moves() -> dict[str, frozenset[str]]:
    """The one table of allowed status moves.

    From a working status: forward to any later working status (not every
    package has every step: a search has no ad, Lilla paketet no interviews),
    back one step (a step was registered too early), to a closing status, or
    cancelled. A closed assignment can be reopened at the reference step (a hire
    withdrew); a cancelled one can be reinstated as registered. An incoming order is
    accepted (registered) or cancelled (declined, or withdrawn by the customer).
    """
    moves: dict[str, set[str]] = {}
    for i, status in enumerate(WORKING_STATUSES):
        allowed = set(WORKING_STATUSES[i + 1:]) | set(FINAL_STATUSES)
        if i > 0:
            allowed.add(WORKING_STATUSES[i - 1])
        moves[status] = allowed
    moves[Status.CLOSED_HIRED] = {Status.REFERENCES, Status.CLOSED_NOT_HIRED}
    moves[Status.CLOSED_NOT_HIRED] = {Status.REFERENCES, Status.CLOSED_HIRED}
    moves[Status.CANCELLED] = {Status.REGISTERED}
    moves[Status.INCOMING] = {Status.REGISTERED, Status.CANCELLED}
    return {k: frozenset(v) for k, v in moves.items()}


ALLOWED_MOVES = _allowed_moves()


class NoSurveyReason(models.TextChoices):
    NONE = "", _("—")
    REDO = "omtag", _("Omtag")
    FREQUENT = "frequent_customer", _("Återkommande kund som ofta får enkäten")
    AAR = "after_action_review", _("Specialuppdrag som följs upp med After Action Review")
    OTHER = "other", _("Annat")


class AssignmentQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=WORKING_STATUSES)

    def closed(self):
        return self.filter(status__in=CLOSED_STATUSES)

    def for_consultant(self, consultant):
        return self.filter(Q(lead_consultant=consultant) | Q(co_consultants=consultant)).distinct()


class Assignment(models.Model):
    reference = models.CharField(_("uppdragsnummer"), max_length=32, unique=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("kund"), on_delete=models.PROTECT, related_name="assignments"
    )
    contact = models.ForeignKey(
        Contact, verbose_name=_("rekryterande chef"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="assignments",
    )
    sector = models.CharField(_("sektor"), max_length=20, choices=Sector.choices, default=Sector.OTHER)
    role_title = models.CharField(_("befattning"), max_length=200)
    role_level = models.CharField(_("nivå"), max_length=20, choices=RoleLevel.choices, default=RoleLevel.STAFF)
    # Empty only while the assignment is an incoming order (or one cancelled before acceptance).
    lead_consultant = models.ForeignKey(
        Consultant, verbose_name=_("ansvarig konsult"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="led_assignments",
    )
    co_consultants = models.ManyToManyField(
        Consultant, verbose_name=_("medkonsulter"), blank=True, related_name="co_assignments"
    )
    project = models.ForeignKey(
        Project, verbose_name=_("volymprojekt"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="assignments",
    )
    redo_of = models.ForeignKey(
        "self", verbose_name=_("omtag av"), null=True, blank=True, on_delete=models.PROTECT, related_name="redos"
    )
    package = models.ForeignKey(Package, verbose_name=_("paket"), on_delete=models.PROTECT, related_name="assignments")
    ordered_on = models.DateField(_("beställningsdatum"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED)
    status_changed_on = models.DateField(_("status ändrad"), null=True, blank=True)
    closed_on = models.DateField(_("avslutsdatum"), null=True, blank=True)
    applicants = models.PositiveIntegerField(_("antal sökande"), null=True, blank=True)
    personal_letter = models.BooleanField(_("personligt brev efterfrågat"), default=False)
    screening = models.BooleanField(_("screeningtester"), default=False)
    screened_candidates = models.PositiveIntegerField(_("antal screenade kandidater"), null=True, blank=True)
    search_used = models.BooleanField(_("aktiv sökning (search)"), default=False)
    # The total: the baseline (imported or typed) plus the weekly entries (models_hours), in quarter hours.
    hours = models.DecimalField(_("nedlagda timmar"), max_digits=8, decimal_places=2, null=True, blank=True,
                                validators=[NOT_NEGATIVE])
    surveys_enabled = models.BooleanField(_("kundenkät skickas"), default=True)
    no_survey_reason = models.CharField(
        _("skäl att inte skicka enkät"), max_length=32, choices=NoSurveyReason.choices, blank=True, default=""
    )
    notes = models.TextField(_("anteckningar"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The sum of the billing lines, written only by the billing services
    # (services.billing_totals_refresh) while they hold the assignment's lock; read to show and sort.
    invoiced_total = models.DecimalField(
        _("fakturerat belopp"), max_digits=14, decimal_places=2, default=Decimal("0"), editable=False,
    )
    # The total is derived from the lines, which keep their own history.
    history = HistoricalRecords(m2m_fields=[co_consultants], excluded_fields=["invoiced_total"])

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-ordered_on", "-reference"]
        verbose_name = _("uppdrag")
        verbose_name_plural = _("uppdrag")
        indexes = [
            models.Index(fields=["-ordered_on", "-reference"], name="assignment_list_order_idx"),
            models.Index(fields=["ordered_on"]),
            models.Index(fields=["closed_on"]),
            # "new customers": is there an assignment for this contact / organisation before a date?
            models.Index(fields=["contact", "ordered_on"], name="assignment_contact_first_idx"),
            models.Index(fields=["organisation", "ordered_on"], name="assignment_org_first_idx"),
            models.Index(fields=["status"]),
            # the list sorted by the invoiced amount, with the usual tie-breakers, read from one index
            models.Index(fields=["-invoiced_total", "-ordered_on", "-reference"], name="assignment_invoiced_desc_idx"),
            models.Index(fields=["invoiced_total", "-ordered_on", "-reference"], name="assignment_invoiced_asc_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(surveys_enabled=True) | ~Q(no_survey_reason=""),
                name="no_survey_needs_reason",
            ),
            models.CheckConstraint(condition=Q(hours__gte=0), name="assignment_hours_not_negative"),
            models.CheckConstraint(
                condition=Q(lead_consultant__isnull=False) | Q(status__in=["incoming", "cancelled"]),
                name="assignment_lead_unless_incoming",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.role_title}"

    def save(self, *args, update_fields=None, **kwargs):
        """Saving an existing row writes every column but the invoiced total, which only the
        billing services write: an instance read before a line changed never puts back an old sum."""
        if update_fields is None and self.pk is not None and not self._state.adding and not kwargs.get("force_insert"):
            update_fields = [f.name for f in self._meta.concrete_fields  # loaded ones, as Django does
                             if not f.primary_key and f.name != "invoiced_total" and f.attname in self.__dict__]
        super().save(*args, update_fields=update_fields, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in WORKING_STATUSES

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def can_move_to(self, status: str) -> bool:
        return status in ALLOWED_MOVES.get(self.status, frozenset())

    def allowed_next_statuses(self) -> list[str]:
        allowed = ALLOWED_MOVES.get(self.status, frozenset())
        return [s for s in Status.values if s in allowed]


class ReferenceCounter(models.Model):
    """Last sequence number used per year; locked row by row to hand out references."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)


class StatusChange(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    changed_on = models.DateField(_("datum"))
    changed_at = models.DateTimeField(auto_now_add=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    # True when the register announced the change (`assignment_status_changed`, on commit), so
    # listeners (surveys) act on it; an import records the change without announcing it.
    announced = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["changed_at"], name="statuschange_changed_at")]


class BillingKind(models.TextChoices):
    PACKAGE = "package", _("Paket")
    EXTRA_HOURS = "extra_hours", _("Extra timmar")
    REFERENCES = "references", _("Digitala referenser")
    OTHER = "other", _("Övrigt")
    CREDIT = "credit", _("Kreditering")


class BillingLine(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="billing_lines")
    kind = models.CharField(_("typ"), max_length=20, choices=BillingKind.choices)
    description = models.CharField(_("beskrivning"), max_length=200)
    quantity = models.DecimalField(_("antal"), max_digits=9, decimal_places=2, default=Decimal("1"))
    unit_price = models.DecimalField(_("à-pris (kr)"), max_digits=12, decimal_places=2)
    amount = models.GeneratedField(
        expression=models.F("quantity") * models.F("unit_price"),
        output_field=models.DecimalField(max_digits=14, decimal_places=2),
        db_persist=True,
    )
    override_reason = models.CharField(_("skäl till avvikande pris"), max_length=200, blank=True)
    # The day the line was recorded: add-ons and hours become invoiceable in its month.
    recorded_on = models.DateField(_("registrerad"), default=localdate)
    # Set by billing while the line sits in an invoice basis: a locked line is never edited or
    # removed; a change is a credit line (kind CREDIT, negative quantity, `credits` the line) and a new line.
    locked = models.BooleanField(default=False, editable=False)
    credits = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="credited_by")
    # Set on the lines the weekly hours write (assignments.hours): the first day of the month whose
    # reported hours the line bills. Only hours_week_record writes such lines.
    hours_month = models.DateField(_("timmar för månaden"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("debiteringsrad")
        verbose_name_plural = _("debiteringsrader")
        # the invoiced sum per assignment read from the index alone
        indexes = [models.Index(fields=["assignment", "amount"], name="billingline_assignment_amt_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=0) | Q(kind="credit"),
                                   name="billing_quantity_not_negative"),
            models.CheckConstraint(condition=Q(unit_price__gte=0), name="billing_price_not_negative"),
        ]


class Hire(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="hires")
    name = models.CharField(_("namn"), max_length=200)
    email = models.EmailField(_("e-post"), blank=True)
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    # Set (with the e-mail erased) when the candidate survey has been answered or has
    # expired, so that no second survey goes out; it carries no date and no history.
    candidate_survey_done = models.BooleanField(default=False, editable=False)
    # The e-mail is personal data kept only until the candidate survey is done,
    # so it stays out of the change history.
    history = HistoricalRecords(excluded_fields=["email", "candidate_survey_done"])

    class Meta:
        ordering = ["id"]
        verbose_name = _("tillsättning")
        verbose_name_plural = _("tillsättningar")

    def __str__(self):
        return self.name


from .models_hours import HoursEntry  # noqa: E402,F401  (weekly hours)
from .models_import import ImportJob, ImportJobKind, ImportJobStatus  # noqa: E402,F401  (background imports)
