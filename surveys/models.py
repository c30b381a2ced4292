"""Survey definitions (versioned per year), invitations (the outbox) and responses."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from assignments.models import Assignment, Consultant, Contact, Hire, Organisation, Package, Sector


class SurveyKind(models.TextChoices):
    CUSTOMER = "customer", _("Kundenkät")
    CANDIDATE = "candidate", _("Kandidatenkät")
    SIX_MONTH = "six_month", _("Sexmånadersenkät")
    TRAINING = "training", _("Utbildningsutvärdering")


class QuestionType(models.TextChoices):
    SCALE_1_10 = "scale_1_10", _("Skala 1–10")
    SCALE_0_10 = "scale_0_10", _("Skala 0–10 (NPS)")
    YES_NO = "yes_no", _("Ja/Nej")
    CHOICE = "choice", _("Val")
    TEXT = "text", _("Fritext")


class SurveyVersion(models.Model):
    """The questions of one survey kind as they were from `year` on."""

    kind = models.CharField(_("enkät"), max_length=20, choices=SurveyKind.choices)
    year = models.PositiveSmallIntegerField(_("gäller från år"))
    title = models.CharField(_("rubrik"), max_length=200)
    intro = models.TextField(_("inledning"), blank=True)
    stem = models.CharField(_("frågestam"), max_length=300, blank=True)
    # The respondent's other languages (`surveys.languages`): blank means "not written", and the
    # form shows the Swedish text instead.
    title_en = models.CharField(_("rubrik på engelska"), max_length=200, blank=True)
    intro_en = models.TextField(_("inledning på engelska"), blank=True)
    stem_en = models.CharField(_("frågestam på engelska"), max_length=300, blank=True)
    title_easy = models.CharField(_("rubrik på lättläst svenska"), max_length=200, blank=True)
    intro_easy = models.TextField(_("inledning på lättläst svenska"), blank=True)
    stem_easy = models.CharField(_("frågestam på lättläst svenska"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "-year"]
        constraints = [models.UniqueConstraint(fields=["kind", "year"], name="one_version_per_kind_year")]
        verbose_name = _("enkätversion")
        verbose_name_plural = _("enkätversioner")

    def __str__(self):
        return f"{self.get_kind_display()} {self.year}"


class Question(models.Model):
    version = models.ForeignKey(SurveyVersion, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(_("nyckel"), max_length=50)
    text = models.TextField(_("fråga"))
    # Translations (`surveys.languages`), blank when not written: the Swedish text is shown instead.
    text_en = models.TextField(_("fråga på engelska"), blank=True)
    text_easy = models.TextField(_("fråga på lättläst svenska"), blank=True)
    qtype = models.CharField(_("typ"), max_length=20, choices=QuestionType.choices)
    required = models.BooleanField(_("obligatorisk"), default=True)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    choices = models.JSONField(_("svarsalternativ"), default=list, blank=True)
    # The labels shown for `choices` in English and easy-to-read Swedish, in the same order; the
    # stored answer is always the Swedish choice. Empty (or a blank label) shows the Swedish one.
    choices_en = models.JSONField(_("svarsalternativ på engelska"), default=list, blank=True)
    choices_easy = models.JSONField(_("svarsalternativ på lättläst svenska"), default=list, blank=True)
    # Shown only when another answer has a value, e.g. {"key": "took_tests", "equals": "ja"}.
    condition = models.JSONField(_("villkor"), default=dict, blank=True)
    # A step some packages do not include (interviews in Lilla paketet): answerable
    # "Ej aktuellt" and left out of means.
    allow_not_applicable = models.BooleanField(_("kan besvaras med ”Ej aktuellt”"), default=False)
    requires_interviews = models.BooleanField(_("bara om paketet har intervjuer"), default=False)
    requires_tests = models.BooleanField(_("bara om paketet har tester"), default=False)

    class Meta:
        ordering = ["version", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="question_key_unique_in_version")]
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")

    def __str__(self):
        return f"{self.key}: {self.text[:60]}"


class TrainingSession(models.Model):
    """One KBR course session: a shared link any participant can open."""

    assignment = models.ForeignKey(
        Assignment, null=True, blank=True, on_delete=models.PROTECT, related_name="training_sessions"
    )
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT)
    consultant = models.ForeignKey(Consultant, null=True, blank=True, on_delete=models.PROTECT)
    title = models.CharField(_("kurstillfälle"), max_length=200)
    held_on = models.DateField(_("datum"))
    closes_on = models.DateField(_("stänger"))
    token_salt = models.CharField(max_length=64, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # A customer that ran its own evaluation: mean grade and number of answers entered by hand.
    manual_mean = models.DecimalField(_("medelbetyg (inmatat)"), max_digits=4, decimal_places=2, null=True, blank=True)
    manual_count = models.PositiveIntegerField(_("antal svar (inmatat)"), null=True, blank=True)

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("kurstillfälle")
        verbose_name_plural = _("kurstillfällen")

    def __str__(self):
        return f"{self.title} {self.held_on}"


class InvitationStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Schemalagd")
    SENDING = "sending", _("Skickas")
    SENT = "sent", _("Skickad")
    REMINDED = "reminded", _("Påmind")
    ANSWERED = "answered", _("Besvarad")
    EXPIRED = "expired", _("Utgången")
    FAILED = "failed", _("Misslyckad")
    SKIPPED = "skipped", _("Överhoppad")
    CANCELLED = "cancelled", _("Avbruten")
    HELD = "held", _("Vilande")
    # The end of an assignment's candidate round, the same for every candidate invitation of the
    # round whether it was answered or not (candidate invitations are never marked answered).
    CLOSED = "closed", _("Avslutad")


class Invitation(models.Model):
    """A personal survey link; its e-mails are outbox rows (`OutboxEmail`, `messages`).

    `status` is the survey's state of the link (scheduled, sent, reminded, answered, ...); how its
    e-mails are being sent (attempts, next attempt, last error, claim) is kept on its outbox rows
    only, written by the outbox (`surveys.mail.outbox`). `attempts`, `next_attempt_at` and
    `last_error` read the latest of them (listings annotate them: `surveys.selectors.dispatch.with_send_state`).
    """

    kind = models.CharField(max_length=20, choices=SurveyKind.choices)
    status = models.CharField(max_length=20, choices=InvitationStatus.choices, default=InvitationStatus.SCHEDULED)
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="invitations")
    contact = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.PROTECT, related_name="invitations")
    # Candidate invitations: the hire, the e-mail and the token are erased for all the
    # assignment's candidate invitations together when its candidate round ends, or
    # when the invitation is cancelled. Nothing on the row records whether it was answered.
    hire = models.ForeignKey(Hire, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations")
    email = models.EmailField(blank=True)
    token_salt = models.CharField(max_length=64, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    due_at = models.DateTimeField(db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    answered_on = models.DateField(null=True, blank=True)
    skip_reason = models.CharField(max_length=200, blank=True)
    # Candidate invitations: the round they belong to (those of one assignment scheduled together)
    # and when that round opened, the same value on every invitation of the round, written in one
    # transaction (`dispatch.candidate_rounds_open`). A candidate link is answerable only once its
    # round is open, so no answer is stored before every link of the round went out.
    candidate_round = models.UUIDField(null=True, blank=True, db_index=True)
    round_opened_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-due_at"]
        indexes = [
            models.Index(fields=["status", "due_at"]), models.Index(fields=["kind", "sent_at"]),
            models.Index(fields=["sent_at"], name="surveys_invitation_sent_at"),  # response rates by period
        ]
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")

    @property
    def shown_status(self) -> str:
        """The state staff see (see `statuses_shown_as`): a candidate's link out shows as sent."""
        if self.kind == SurveyKind.CANDIDATE and self.status in CANDIDATE_SHOWN_AS_SENT:
            return InvitationStatus.SENT
        return self.status

    def get_shown_status_display(self) -> str:
        return InvitationStatus(self.shown_status).label

    @property
    def message(self) -> OutboxEmail | None:
        """The latest of its outbox rows (the reminder once there is one), or None before any."""
        return self.messages.order_by("-purpose", "-pk").first()  # "reminder" > "invitation"

    # Its latest message's send state; listings annotate it (`surveys.selectors.dispatch.with_send_state`).
    SEND_STATE_PREFIX = "message_"

    def _send_state(self, name: str, default):
        key = self.SEND_STATE_PREFIX + name
        if key in self.__dict__:  # annotated by the query
            value = self.__dict__[key]
        else:
            message = self.message
            value = getattr(message, name) if message else None
        return default if value is None else value

    @property
    def attempts(self) -> int:
        return self._send_state("attempts", 0)

    @property
    def next_attempt_at(self):
        return self._send_state("next_attempt_at", None)

    @property
    def last_error(self) -> str:
        return self._send_state("last_error", "")


# A candidate invitation whose link is out shows staff one state until its round ends, answered
# or not: `sent` stands for all of these (the others are send states, shown as they are).
CANDIDATE_SHOWN_AS_SENT = (
    InvitationStatus.SENT, InvitationStatus.REMINDED, InvitationStatus.ANSWERED, InvitationStatus.EXPIRED)


# A candidate round is open while one of its invitations has a link out, and waits for those
# not yet out; it ends (`closed`) for all the assignment's candidate invitations together.
CANDIDATE_ROUND_OPEN = (InvitationStatus.SENT, InvitationStatus.REMINDED)
CANDIDATE_ROUND_WAITS_FOR = (
    InvitationStatus.SCHEDULED, InvitationStatus.SENDING, InvitationStatus.HELD, InvitationStatus.FAILED)
# A candidate round opens (its links become answerable) once none of its first e-mails is still
# unresolved: waiting to be sent or retried, being sent, or held back by a coordinator.
CANDIDATE_ROUND_UNRESOLVED = (InvitationStatus.SCHEDULED, InvitationStatus.SENDING, InvitationStatus.HELD)


def statuses_shown_as(kind: str, status: str) -> list[str]:
    """The stored states an invitation of `kind` has when staff see it as `status`."""
    if kind != SurveyKind.CANDIDATE:
        return [status]
    if status == InvitationStatus.SENT:
        return list(CANDIDATE_SHOWN_AS_SENT)
    return [] if status in CANDIDATE_SHOWN_AS_SENT else [status]


class ResponseSource(models.TextChoices):
    WEB = "web", _("Webb")
    IMPORT = "import", _("Import")


class Response(models.Model):
    """One submitted answer to a survey.

    Every response carries what reports filter it by (customer, sector, package, consultant),
    copied at answer time (`response_origin`). A candidate response carries nothing more: no
    assignment, invitation or hire, and no date finer than its month, so that the database
    cannot point at the person who answered.
    """

    kind = models.CharField(max_length=20, choices=SurveyKind.choices)
    version = models.ForeignKey(SurveyVersion, on_delete=models.PROTECT, related_name="responses")
    assignment = models.ForeignKey(
        Assignment, null=True, blank=True, on_delete=models.PROTECT, related_name="responses"
    )
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    sector = models.CharField(max_length=20, choices=Sector.choices, blank=True)
    consultant = models.ForeignKey(Consultant, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    package = models.ForeignKey(Package, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    training_session = models.ForeignKey(
        TrainingSession, null=True, blank=True, on_delete=models.PROTECT, related_name="responses"
    )
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="response"
    )
    # A candidate response: the first day of its month.
    submitted_on = models.DateField(db_index=True)
    source = models.CharField(max_length=10, choices=ResponseSource.choices, default=ResponseSource.WEB)
    import_key = models.CharField(max_length=80, unique=True, null=True, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-submitted_on", "-id"]
        indexes = [models.Index(fields=["kind", "submitted_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="candidate") | Q(invitation__isnull=True),
                name="candidate_response_not_linked_to_invitation",
            ),
            models.CheckConstraint(
                condition=~Q(kind="candidate") | Q(assignment__isnull=True),
                name="candidate_response_not_linked_to_assignment",
            ),
            models.CheckConstraint(
                condition=~Q(kind="candidate") | Q(submitted_on__day=1),
                name="candidate_response_dated_by_month",
            ),
        ]
        verbose_name = _("svar")
        verbose_name_plural = _("svar")


def response_origin(*, kind: str, on: dt.date, assignment: Assignment | None = None,
                    training_session: TrainingSession | None = None) -> dict:
    """The fields a response of `kind` answered on `on` stores about where it comes from.

    The one rule for every writer (the answer pages, the import, the demo data): the customer,
    sector, package and lead consultant are copied from the assignment (a course session without
    one gives its own customer and consultant). A candidate response keeps those copies only: no
    assignment, and the first day of the month for its date.
    """
    session = training_session
    if assignment is not None:
        organisation_id, consultant_id = assignment.organisation_id, assignment.lead_consultant_id
    else:
        organisation_id = session.organisation_id if session else None
        consultant_id = session.consultant_id if session else None
    origin = {
        "assignment": assignment, "training_session": session,
        "organisation_id": organisation_id, "sector": assignment.sector if assignment else "",
        "package_id": assignment.package_id if assignment else None, "consultant_id": consultant_id,
        "submitted_on": on,
    }
    if kind == SurveyKind.CANDIDATE:
        origin.update(assignment=None, submitted_on=on.replace(day=1))
    return origin


class SpentToken(models.Model):
    """A candidate link that has been answered: `tokens.spent_hash` of its token, and nothing else.

    No reference to the invitation, the hire or the response, and no time: the row only makes
    the link single-use (the unique hash). The hash is derived differently from
    `Invitation.token_hash`, so the database alone cannot pair a spent row with an invitation.
    The rows of a candidate round are deleted when the round ends.
    """

    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("använd kandidatlänk")
        verbose_name_plural = _("använda kandidatlänkar")


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question_key = models.SlugField(max_length=50)
    value_number = models.SmallIntegerField(null=True, blank=True)  # scales; yes=1, no=0
    value_text = models.TextField(blank=True)
    not_applicable = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question_key"], name="one_answer_per_question")
        ]
        indexes = [models.Index(fields=["question_key"])]


class LowScoreFlag(models.Model):
    """A dissatisfied customer: stays on the assignment until followed up."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="low_score_flags")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="flags")
    reason = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    followed_up_at = models.DateTimeField(null=True, blank=True)
    followed_up_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    follow_up_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]


class OutboxStatus(models.TextChoices):
    QUEUED = "queued", _("I kö")
    SENDING = "sending", _("Skickas")
    SENT = "sent", _("Skickad")
    FAILED = "failed", _("Misslyckad")


class MessagePurpose(models.TextChoices):
    EMAIL = "email", _("E-post")
    INVITATION = "invitation", _("Inbjudan")
    REMINDER = "reminder", _("Påminnelse")


class OutboxEmail(models.Model):
    """One e-mail of the outbox: a stored e-mail (the low-score alert) or an invitation's message.

    Every row is claimed, sent, retried and swept by the one path in `surveys.mail.outbox`.
    A stored e-mail (`purpose` email) keeps its address and text. An invitation's message
    (`purpose` invitation or reminder, one of each per invitation) keeps only its send state:
    address, text and link are rendered from the invitation when it is sent.
    """

    purpose = models.CharField(max_length=20, choices=MessagePurpose.choices, default=MessagePurpose.EMAIL)
    invitation = models.ForeignKey(
        Invitation, null=True, blank=True, on_delete=models.CASCADE, related_name="messages")
    to = models.EmailField(_("till"), blank=True)
    subject = models.CharField(_("ämne"), max_length=300, blank=True)
    text = models.TextField(_("text"), blank=True)
    html = models.TextField(_("html"), blank=True)
    # One file sent with a stored e-mail (a customer's report pack as PDF); none when the name is empty.
    attachment_name = models.CharField(_("bilaga"), max_length=200, blank=True)
    attachment_type = models.CharField(max_length=100, blank=True)
    attachment = models.BinaryField(null=True, blank=True, editable=False)
    # Makes queuing idempotent: the same alert to the same person is queued once.
    dedupe_key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    status = models.CharField(max_length=20, choices=OutboxStatus.choices, default=OutboxStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_key = models.CharField(max_length=32, blank=True, db_index=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            models.UniqueConstraint(fields=["invitation", "purpose"], condition=models.Q(invitation__isnull=False),
                                    name="surveys_one_message_per_invitation_and_purpose"),
        ]
        verbose_name = _("utgående e-post")
        verbose_name_plural = _("utgående e-post")

    def __str__(self):
        return f"{self.to}: {self.subject}"


class LocalMail(models.Model):
    """A message "sent" by the embedded e-mail backend (`surveys.mail.backend`, no SMTP configured).

    Shown on the local outbox page. Candidate addresses are never stored here.
    """

    to = models.CharField(_("till"), max_length=500)
    from_email = models.CharField(_("från"), max_length=300)
    subject = models.CharField(_("ämne"), max_length=300)
    text = models.TextField(_("text"))
    html = models.TextField(_("html"), blank=True)
    headers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("lokalt e-brev")
        verbose_name_plural = _("lokala e-brev")

    def __str__(self):
        return f"{self.to}: {self.subject}"
