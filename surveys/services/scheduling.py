"""When surveys go out: invitations scheduled, skipped, moved and cancelled.

The register announces its changes with the signals `assignment_status_changed`
and `hire_changed` (connected in `SurveysConfig.ready`); the receivers here only
call the services below. Every service locks the assignment row for the rest of
its transaction and looks for the invitation it would create, so running it
twice creates nothing twice.
"""
from __future__ import annotations

import calendar
import datetime as dt
import logging
import uuid

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from assignments.models import CLOSED_STATUSES, WORKING_STATUSES, Assignment, EmailStatus, Hire, Status

from .. import tokens
from ..mail.outbox import invitation_messages_reset
from ..models import CANDIDATE_ROUND_OPEN, Invitation, InvitationStatus, SpentToken, SurveyKind
from .rounds import ROUND_OPEN_MESSAGE, candidate_round_for, candidate_round_is_open, candidate_round_refuses_hires

log = logging.getLogger(__name__)

S = InvitationStatus
# Invitations that have not gone out and may still be changed, held or cancelled.
NOT_SENT = (S.SCHEDULED, S.HELD, S.FAILED, S.SKIPPED)
# States that count as a customer survey sent or about to be sent (quiet period).
UNDER_WAY = (S.SCHEDULED, S.SENDING)
SENT_STATES = (S.SENT, S.REMINDED, S.ANSWERED, S.EXPIRED, S.CLOSED)


class InvitationStateError(Exception):
    """A hand-made move (hold, release, resend) that the invitation's state does not allow."""


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def six_month_due(start_date: dt.date) -> dt.datetime:
    """Nine in the morning, Stockholm time, the configured number of months after the start."""
    day = add_months(start_date, settings.SURVEY_SIX_MONTH_DELAY_MONTHS)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


def contact_skip_reason(contact) -> str:
    if contact is None:
        return _("Uppdraget saknar rekryterande chef.")
    if contact.email_status == EmailStatus.UNSUBSCRIBED:
        return _("Kontaktpersonen har avregistrerat sig från enkäter.")
    if contact.email_status == EmailStatus.BOUNCED:
        return _("Kontaktpersonens e-postadress studsar.")
    if not contact.email:
        return _("Kontaktpersonen saknar e-postadress.")
    return ""


def customer_register_skip_reason(assignment: Assignment) -> str:
    """Why the register itself rules out a customer survey for this assignment ("" if it does not)."""
    if not assignment.surveys_enabled:
        return _("Uppdraget skickar ingen kundenkät (%(reason)s).") % {
            "reason": assignment.get_no_survey_reason_display()}
    if not assignment.package.customer_survey_default:
        return _("Paketet %(package)s skickar ingen kundenkät (omtag).") % {"package": assignment.package.name}
    return contact_skip_reason(assignment.contact)


def quiet_period_reason() -> str:
    return _("Den rekryterande chefen har fått en kundenkät de senaste %(days)s dagarna.") % {
        "days": settings.SURVEY_MANAGER_QUIET_DAYS}


def _customer_skip_reason(assignment: Assignment, now: dt.datetime) -> str:
    reason = customer_register_skip_reason(assignment)
    if reason:
        return reason
    quiet_since = now - dt.timedelta(days=settings.SURVEY_MANAGER_QUIET_DAYS)
    recent = (
        Invitation.objects.filter(kind=SurveyKind.CUSTOMER, contact=assignment.contact)
        .exclude(assignment=assignment)
        .filter(Q(status__in=UNDER_WAY) | Q(sent_at__gte=quiet_since))
    )
    if recent.exists():
        return quiet_period_reason()
    return ""


def _status_for(reason: str) -> str:
    return S.SKIPPED if reason else S.SCHEDULED


def _lock(assignment_id: int) -> Assignment:
    return (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("package", "contact")
        .get(pk=assignment_id)
    )


# --- closing ------------------------------------------------------------------

def invitations_schedule_for_closing(*, assignment_id: int, now: dt.datetime | None = None) -> list[Invitation]:
    """Schedule the surveys of a closed assignment (customer; candidates and six-month if hired).

    Returns the invitations created now; the ones that already existed are left.
    """
    now = now or timezone.now()
    created: list[Invitation] = []
    with transaction.atomic():
        assignment = _lock(assignment_id)
        if assignment.status not in CLOSED_STATUSES:
            return created
        live = Invitation.objects.filter(assignment=assignment, kind=SurveyKind.CUSTOMER).exclude(status=S.CANCELLED)
        if not live.exists():
            reason = _customer_skip_reason(assignment, now)
            created.append(Invitation.objects.create(
                kind=SurveyKind.CUSTOMER, assignment=assignment, contact=assignment.contact,
                status=_status_for(reason), skip_reason=reason, due_at=now,
            ))
        if assignment.status == Status.CLOSED_HIRED:
            round_id = candidate_round_for(assignment)
            for hire in assignment.hires.all():
                created += _schedule_hire(assignment, hire, now, round_id)
    return created


def _schedule_hire(assignment: Assignment, hire: Hire, now: dt.datetime,
                   round_id: uuid.UUID | None = None) -> list[Invitation]:
    created = []
    candidate = _candidate_for(assignment, hire, now, round_id)
    if candidate is not None:
        created.append(candidate)
    six_month = _six_month_for(assignment, hire, now)
    if six_month is not None:
        created.append(six_month)
    return created


def hires_candidate_survey_done(invitations) -> int:
    """The candidate survey of these invitations' hires is over (their round closed, or never sent):
    the hire's e-mail is erased and no new candidate survey is made for it. Call before the
    invitations lose their hire."""
    hire_ids = list(invitations.filter(kind=SurveyKind.CANDIDATE, hire__isnull=False).values_list("hire_id", flat=True))
    return Hire.objects.filter(pk__in=hire_ids).update(email="", candidate_survey_done=True)


def _candidate_for(assignment: Assignment, hire: Hire, now: dt.datetime,
                   round_id: uuid.UUID | None = None) -> Invitation | None:
    if hire.candidate_survey_done:
        return None
    reason = "" if hire.email else _("Tillsättningen saknar e-postadress.")
    existing = (
        Invitation.objects.filter(assignment=assignment, kind=SurveyKind.CANDIDATE, hire=hire)
        .exclude(status=S.CANCELLED).first()
    )
    if existing is None:
        if candidate_round_refuses_hires(assignment):
            return None  # a round has opened: a later link would tell whose the answers stored after are
        return Invitation.objects.create(
            kind=SurveyKind.CANDIDATE, assignment=assignment, hire=hire, email=hire.email,
            status=_status_for(reason), skip_reason=reason, due_at=now,
            candidate_round=round_id or candidate_round_for(assignment),
        )
    if candidate_round_is_open(existing):
        return None  # its round is open: a link not sent by then never goes out
    # Not yet sent: follow the hire's current address (an address added later un-skips it).
    if existing.status in (S.SCHEDULED, S.HELD, S.FAILED) and hire.email and existing.email != hire.email:
        Invitation.objects.filter(pk=existing.pk, status=existing.status).update(email=hire.email, updated_at=now)
    elif existing.status == S.SKIPPED and hire.email:
        Invitation.objects.filter(pk=existing.pk, status=S.SKIPPED).update(
            status=S.SCHEDULED, email=hire.email, skip_reason="", due_at=now, updated_at=now)
    elif existing.status in (S.SCHEDULED, S.HELD) and not hire.email:
        Invitation.objects.filter(pk=existing.pk, status=existing.status).update(
            status=S.SKIPPED, email="", skip_reason=reason, updated_at=now)
    return None


def _six_month_for(assignment: Assignment, hire: Hire, now: dt.datetime) -> Invitation | None:
    if not assignment.package.full_process_with_tests:
        return None
    existing = (
        Invitation.objects.filter(assignment=assignment, kind=SurveyKind.SIX_MONTH, hire=hire)
        .exclude(status=S.CANCELLED).first()
    )
    if not assignment.surveys_enabled:
        reason = _("Uppdraget skickar inga enkäter till kunden (%(reason)s).") % {
            "reason": assignment.get_no_survey_reason_display()}
    elif assignment.contact is not None and assignment.contact.email_status == EmailStatus.UNSUBSCRIBED:
        reason = contact_skip_reason(assignment.contact)
    elif hire.start_date is None:
        reason = _("Tillsättningen saknar startdatum.")
    else:
        reason = ""
    due = six_month_due(hire.start_date) if hire.start_date else now
    if existing is None:
        return Invitation.objects.create(
            kind=SurveyKind.SIX_MONTH, assignment=assignment, hire=hire, contact=assignment.contact,
            status=_status_for(reason), skip_reason=reason, due_at=due,
        )
    # Move a not-yet-sent six-month survey with the start date.
    if existing.status in (S.SCHEDULED, S.HELD, S.FAILED) and not reason and existing.due_at != due:
        Invitation.objects.filter(pk=existing.pk, status=existing.status).update(due_at=due, updated_at=now)
    elif existing.status == S.SKIPPED and not reason:
        Invitation.objects.filter(pk=existing.pk, status=S.SKIPPED).update(
            status=S.SCHEDULED, skip_reason="", due_at=due, updated_at=now)
    return None


def invitations_schedule_for_hire(*, hire_id: int, now: dt.datetime | None = None) -> list[Invitation]:
    """A hire added or changed on an assignment closed with hire: its candidate and six-month surveys."""
    now = now or timezone.now()
    with transaction.atomic():
        hire = Hire.objects.filter(pk=hire_id).first()
        if hire is None:
            return []
        assignment = _lock(hire.assignment_id)
        if assignment.status != Status.CLOSED_HIRED:
            return []
        return _schedule_hire(assignment, hire, now)


# --- cancelling -----------------------------------------------------------------

def _cancel(queryset, now: dt.datetime) -> int:
    """Cancel the not-yet-sent invitations of a queryset; candidate ones lose e-mail and hire."""
    pending = queryset.filter(status__in=NOT_SENT, sent_at__isnull=True)
    count = pending.filter(kind=SurveyKind.CANDIDATE).update(
        status=S.CANCELLED, email="", hire=None, updated_at=now)
    count += pending.exclude(kind=SurveyKind.CANDIDATE).update(
        status=S.CANCELLED, updated_at=now)
    return count


def invitations_cancel_for_reopen(*, assignment_id: int, now: dt.datetime | None = None) -> int:
    """Reopening cancels the customer and candidate surveys not yet sent; closing again schedules anew."""
    now = now or timezone.now()
    with transaction.atomic():
        assignment = _lock(assignment_id)
        qs = Invitation.objects.filter(assignment=assignment, kind__in=[SurveyKind.CUSTOMER, SurveyKind.CANDIDATE])
        return _cancel(qs, now)


def invitations_cancel_for_assignment(*, assignment_id: int, now: dt.datetime | None = None) -> int:
    """A cancelled assignment: everything not yet sent is cancelled, six-month surveys included."""
    now = now or timezone.now()
    with transaction.atomic():
        assignment = _lock(assignment_id)
        return _cancel(Invitation.objects.filter(assignment=assignment), now)


def invitations_cancel_six_month(*, assignment_id: int, now: dt.datetime | None = None) -> int:
    """Closed without hire after all: the six-month surveys not yet sent are cancelled."""
    now = now or timezone.now()
    with transaction.atomic():
        _lock(assignment_id)
        return _cancel(Invitation.objects.filter(assignment_id=assignment_id, kind=SurveyKind.SIX_MONTH), now)


def invitations_cancel_for_hire(*, hire_id: int, now: dt.datetime | None = None) -> int:
    """A removed hire: its candidate and six-month surveys not yet sent are cancelled."""
    now = now or timezone.now()
    with transaction.atomic():
        return _cancel(Invitation.objects.filter(hire_id=hire_id), now)


def invitations_cancel_for_contact(*, contact_id: int, now: dt.datetime | None = None) -> int:
    """A bounced contact: its pending invitations are cancelled."""
    now = now or timezone.now()
    with transaction.atomic():
        return _cancel(Invitation.objects.filter(contact_id=contact_id), now)


# --- unsubscribing ----------------------------------------------------------------

def _end(invitation_ids: list[int], now: dt.datetime) -> int:
    """End open invitations at once: not yet sent ones are cancelled, sent ones expire (they stay
    counted as sent; link and reminder end). Candidate ones lose e-mail and hire."""
    count = _cancel(Invitation.objects.filter(pk__in=invitation_ids), now)
    sent = Invitation.objects.filter(pk__in=invitation_ids, status__in=[S.SENT, S.REMINDED])
    count += sent.filter(kind=SurveyKind.CANDIDATE).update(
        status=S.EXPIRED, email="", hire=None, updated_at=now)
    count += sent.exclude(kind=SurveyKind.CANDIDATE).update(status=S.EXPIRED, updated_at=now)
    return count


def invitations_end_for_contact(*, contact_id: int, now: dt.datetime | None = None) -> int:
    """An unsubscribed contact: every open invitation to it ends now (see `_end`)."""
    now = now or timezone.now()
    with transaction.atomic():
        ids = list(Invitation.objects.filter(contact_id=contact_id).values_list("pk", flat=True))
        return _end(ids, now)


def candidate_unsubscribe(*, invitation: Invitation, now: dt.datetime | None = None) -> int:
    """A candidate unsubscribes: the address is erased wherever it is stored and the person is done.

    The person is the invitation's hire and every hire and candidate invitation with the same
    address. Each such hire loses its e-mail and is marked `candidate_survey_done` (the same
    mark as an answered or expired survey, so nothing tells an unsubscriber from an answerer),
    which keeps every later edit (start date, e-mail typed again, reopen and close) from making
    a new candidate survey. The six-month survey goes to the manager and is not touched.
    Every open candidate invitation of the person ends at once; it is not an answer. But a link
    out in an open round (`round_opened_at` set) is left as it is, answerable, with its token and
    spent row: it ends, is forgotten and loses its hire with everyone else's when the round closes
    (`dispatch.candidate_rounds_close`). Ended now, it would leave every answer stored later to
    the others, and forgetting it would delete a spent row only if it had been answered. Its
    address is erased now, so no more e-mail reaches the person (reminders skip an empty address).
    """
    now = now or timezone.now()
    with transaction.atomic():
        email = invitation.email
        if not email and invitation.hire_id:
            email = Hire.objects.filter(pk=invitation.hire_id).values_list("email", flat=True).first() or ""
        hires = Q(pk=invitation.hire_id) if invitation.hire_id else Q(pk__in=[])
        if email:
            hires |= Q(email__iexact=email)
        hire_ids = list(Hire.objects.filter(hires).values_list("pk", flat=True))
        Hire.objects.filter(pk__in=hire_ids).update(email="", candidate_survey_done=True)
        person = Q(pk=invitation.pk) | Q(hire_id__in=hire_ids)
        if email:
            person |= Q(email__iexact=email)
        candidates = Invitation.objects.filter(person, kind=SurveyKind.CANDIDATE)
        in_open_round = Q(round_opened_at__isnull=False, status__in=CANDIDATE_ROUND_OPEN)
        ids = list(candidates.exclude(in_open_round).values_list("pk", flat=True))
        kept = list(candidates.filter(in_open_round).values_list("pk", flat=True))
        count = _end(ids, now)
        Invitation.objects.filter(pk__in=ids).exclude(email="").update(email="", updated_at=now)
        Invitation.objects.filter(pk__in=kept).exclude(email="").update(email="")  # no time of its own
        _candidate_links_forget(Invitation.objects.filter(pk__in=ids, status__in=[S.EXPIRED, S.CANCELLED]), now)
        return count


def _candidate_links_forget(invitations, now: dt.datetime) -> None:
    """Ended candidate links lose their token and spent row, as a closed round's do.

    The round's end deletes only the spent rows of its open links: a spent row left behind by a
    link ended on its own would stay for good beside the response whose transaction id it shares.
    """
    salts = list(invitations.exclude(token_salt="").values_list("token_salt", flat=True))
    if not salts:
        return
    SpentToken.objects.filter(hash__in=[tokens.spent_hash(tokens.token_for(salt)) for salt in salts]).delete()
    invitations.exclude(token_salt="").update(token_salt="", token_hash=None, updated_at=now)


# --- by hand --------------------------------------------------------------------

def _move(invitation: Invitation, from_states, to_state: str, message: str, **fields) -> Invitation:
    """A coordinator's move; refused for a candidate invitation whose round has opened (the
    condition is in the UPDATE, so a round opening meanwhile is seen)."""
    now = timezone.now()
    changed = (
        Invitation.objects.filter(pk=invitation.pk, status__in=from_states)
        .exclude(kind=SurveyKind.CANDIDATE, round_opened_at__isnull=False)
        .update(status=to_state, updated_at=now, **fields)
    )
    if changed != 1:
        invitation.refresh_from_db()
        if candidate_round_is_open(invitation):
            raise InvitationStateError(str(ROUND_OPEN_MESSAGE))
        raise InvitationStateError(message)
    if to_state == S.SCHEDULED:  # its first message starts over: no attempts, no error
        invitation_messages_reset(invitations=Invitation.objects.filter(pk=invitation.pk))
    invitation.refresh_from_db()
    return invitation


def invitation_hold(*, invitation: Invitation) -> Invitation:
    """A coordinator holds back a scheduled invitation."""
    return _move(invitation, [S.SCHEDULED, S.FAILED], S.HELD,
                 _("Bara en schemalagd eller misslyckad inbjudan kan hållas inne."))


def invitation_release(*, invitation: Invitation) -> Invitation:
    """A coordinator releases a held invitation: it goes out with the next dispatch when due."""
    return _move(invitation, [S.HELD], S.SCHEDULED, _("Bara en vilande inbjudan kan släppas."))


def invitation_resend(*, invitation: Invitation) -> Invitation:
    """A coordinator resends a failed invitation: it is scheduled again, due now."""
    return _move(invitation, [S.FAILED], S.SCHEDULED, _("Bara en misslyckad inbjudan kan skickas igen."),
                 due_at=timezone.now())


# --- signal receivers -------------------------------------------------------------

def on_assignment_status_changed(sender, *, assignment_id, from_status, to_status, **kwargs):
    """Runs on commit of the status change: a failure is logged (no personal data) and left to
    the periodic repair (`repair.invitations_repair`), never to the request that closed it."""
    try:
        _follow_status_change(assignment_id, from_status, to_status)
    except Exception as exc:  # noqa: BLE001 - the change is committed; the repair schedules later
        log.error("scheduling surveys for assignment %s (%s -> %s) failed: %s; the periodic repair will retry",
                  assignment_id, from_status, to_status, type(exc).__name__)


def _follow_status_change(assignment_id, from_status, to_status):
    if to_status == Status.CANCELLED:
        invitations_cancel_for_assignment(assignment_id=assignment_id)
    elif to_status in CLOSED_STATUSES:
        if from_status in CLOSED_STATUSES:
            # closed with hire <-> without hire: decide anew from the current outcome
            invitations_cancel_for_reopen(assignment_id=assignment_id)
            if to_status == Status.CLOSED_NOT_HIRED:
                invitations_cancel_six_month(assignment_id=assignment_id)
        invitations_schedule_for_closing(assignment_id=assignment_id)
    elif to_status in WORKING_STATUSES and from_status in CLOSED_STATUSES:
        invitations_cancel_for_reopen(assignment_id=assignment_id)


def on_hire_changed(sender, *, hire_id, assignment_id, removed, **kwargs):
    if removed:
        # Sent inside the removal's transaction: a failure here must stop the removal,
        # or the hire's pending candidate invitation would keep its address.
        invitations_cancel_for_hire(hire_id=hire_id)
        return
    try:  # on commit of an added or changed hire: a failure is left to the periodic repair
        invitations_schedule_for_hire(hire_id=hire_id)
    except Exception as exc:  # noqa: BLE001
        log.error("scheduling surveys for hire %s of assignment %s failed: %s; the periodic repair will retry",
                  hire_id, assignment_id, type(exc).__name__)
