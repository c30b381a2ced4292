"""The survey dispatcher: sends due invitations, reminders and stored e-mails, and ends links.

How a message is claimed, sent, retried and swept is the outbox's (`surveys.mail.outbox`, one
path for every queue); what is decided here is the surveys' part: which invitations and
reminders are due, when one is skipped, the link's token and expiry, a bounced contact.

Candidate invitations never record whether they were answered (a `SpentToken`
row, which names nothing, does): each run ends the candidate round of every
assignment whose candidate links are all answered or expired, for all its
candidates at once (`candidate_rounds_close`). Their reminders are claimed together and
nothing about a single candidate's reminder is stored (`_candidate_remind`). A candidate link
is answerable only once its round has opened, after its first e-mails went out
(`rounds.candidate_rounds_open`, run here after the run's first e-mails).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from assignments.models import Contact, EmailStatus

from .. import emails, tokens
from ..mail.outbox import (
    CLAIM_SIZE,
    INVITATIONS,
    REMINDERS,
    claim,
    due_ids,
    outbox_emails_send,
    outbox_sweep,
    queue_send,
    release,
)
from ..mail.outbox import EMAILS as STORED_EMAILS
from ..mail.smtp import SendError, close_quietly, send
from ..models import (
    CANDIDATE_ROUND_OPEN,
    CANDIDATE_ROUND_WAITS_FOR,
    Invitation,
    InvitationStatus,
    OutboxEmail,
    SpentToken,
    SurveyKind,
)
from .rounds import candidate_round_is_open, candidate_rounds_open
from .scheduling import contact_skip_reason, hires_candidate_survey_done, invitations_cancel_for_contact

S = InvitationStatus

BATCH_SIZE = 500


@dataclass
class DispatchResult:
    swept: int = 0
    sent: int = 0
    reminded: int = 0
    expired: int = 0
    closed: int = 0  # candidate invitations whose round ended
    opened: int = 0  # candidate rounds whose links opened
    retrying: int = 0
    failed: int = 0
    skipped: int = 0
    outbox_sent: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


# --- expiry ----------------------------------------------------------------------------

def invitations_expire(*, now: dt.datetime) -> int:
    """Customer and six-month links past their expiry: `expired`.

    Candidate links are not expired one by one (that would tell the unanswered from the
    answered): their round ends for the whole assignment in `candidate_rounds_close`.
    Candidate invitations left failed or held for as long as a link lives are cancelled,
    so no candidate address stays behind.
    """
    count = (
        Invitation.objects.filter(status__in=[S.SENT, S.REMINDED], expires_at__lte=now)
        .exclude(kind=SurveyKind.CANDIDATE).update(status=S.EXPIRED, updated_at=now)
    )
    # A candidate invitation that never got out keeps no address longer than a sent link would.
    stale = Invitation.objects.filter(
        kind=SurveyKind.CANDIDATE, status__in=[S.FAILED, S.HELD], sent_at__isnull=True,
        updated_at__lte=now - dt.timedelta(days=settings.SURVEY_EXPIRY_DAYS),
    )
    hires_candidate_survey_done(stale)
    stale.update(status=S.CANCELLED, email="", hire=None, updated_at=now)
    return count


def _candidate_link_spent(salts: list[str]) -> dict[str, str | None]:
    """{salt: its link's spent hash if that link was answered, else None} (one query).

    The hashes go to the database sorted, not in the invitations' order: a statement log shows
    them, and one matched against the spent-token table would tell that invitation was answered.
    """
    hashes = {salt: tokens.spent_hash(tokens.token_for(salt)) for salt in salts}
    spent = set(SpentToken.objects.filter(hash__in=sorted(hashes.values())).values_list("hash", flat=True))
    return {salt: (digest if digest in spent else None) for salt, digest in hashes.items()}


def candidate_rounds_close(*, now: dt.datetime) -> int:
    """End the candidate round of every assignment whose candidate links have all expired.

    All the candidate invitations of such an assignment end together as `closed`, losing
    address, hire and token; all its hires lose their address and count as surveyed; the
    round's spent-token rows go. One transaction for every assignment that ends now, and
    nothing per single invitation: the database never records which candidate answered.
    An assignment waits while one of its candidate invitations has not gone out yet
    (scheduled, held, failed: `invitations_expire` cancels those left too long).
    Returns the number of invitations closed.
    """
    open_rows = list(
        Invitation.objects.filter(kind=SurveyKind.CANDIDATE, status__in=CANDIDATE_ROUND_OPEN)
        .values_list("pk", "assignment_id", "token_salt", "expires_at")
    )
    if not open_rows:
        return 0
    waiting = set(
        Invitation.objects.filter(kind=SurveyKind.CANDIDATE, status__in=CANDIDATE_ROUND_WAITS_FOR,
                                  assignment_id__in={row[1] for row in open_rows})
        .values_list("assignment_id", flat=True)
    )
    spent = _candidate_link_spent([salt for _pk, _a, salt, _e in open_rows if salt])
    # {assignment id: [(invitation id, its spent hash or None, whether its link is over)]}
    rounds: dict[int, list[tuple[int, str | None, bool]]] = {}
    for pk, assignment_id, salt, expires_at in open_rows:
        digest = spent.get(salt) if salt else None
        # Over only when the link has expired, answered or not: ending a round once all its links
        # were answered would tell staff, before the links expire, that every hire had answered.
        over = not salt or (expires_at is not None and expires_at <= now)
        rounds.setdefault(assignment_id, []).append((pk, digest, over))
    ending = [links for assignment_id, links in rounds.items()
              if assignment_id not in waiting and all(over for _pk, _digest, over in links)]
    if not ending:
        return 0
    ids = [pk for links in ending for pk, _digest, _over in links]
    spent_hashes = [digest for links in ending for _pk, digest, _over in links if digest]
    with transaction.atomic():
        closing = Invitation.objects.filter(pk__in=ids, status__in=CANDIDATE_ROUND_OPEN)
        hires_candidate_survey_done(closing)
        count = closing.update(status=S.CLOSED, email="", hire=None, token_hash=None, token_salt="",
                               updated_at=now)
        SpentToken.objects.filter(hash__in=spent_hashes).delete()
    return count


# --- invitations ------------------------------------------------------------------

def _due_invitation_ids(now: dt.datetime, limit: int) -> list[int]:
    return due_ids(INVITATIONS, now=now, limit=limit)


def _skip_reason(invitation: Invitation) -> str:
    if candidate_round_is_open(invitation):  # a late link would show whose the answers stored are
        return _("Enkäten har redan öppnat för svar i kandidatomgången; en sen länk skickas inte.")
    if invitation.kind == SurveyKind.CANDIDATE:
        return "" if invitation.email else _("Tillsättningen saknar e-postadress.")
    return contact_skip_reason(invitation.contact)


def _invitations_prepare(claimed: list[OutboxEmail], now: dt.datetime) -> tuple[list[OutboxEmail], list[str]]:
    """Skip the claimed invitations that must not go out; give the others their link's token."""
    outcomes: list[str] = []
    to_send: list[OutboxEmail] = []
    skipped: list[OutboxEmail] = []
    for row in claimed:
        reason = _skip_reason(row.invitation)
        if reason:
            Invitation.objects.filter(pk=row.invitation_id, status=S.SENDING).update(
                status=S.SKIPPED, skip_reason=reason, updated_at=now)
            skipped.append(row)
            outcomes.append("skipped")
        else:
            to_send.append(row)
    release(INVITATIONS, rows=skipped, now=now)  # the message stays unsent with its skipped invitation
    # Links must work when the mail arrives: store the token hashes before sending.
    fresh = [row.invitation for row in to_send if not row.invitation.token_salt]
    for invitation in fresh:
        tokens.issue(invitation)
    Invitation.objects.bulk_update(fresh, ["token_salt", "token_hash"])
    return to_send, outcomes


def _contact_rejected(row: OutboxEmail) -> None:
    invitation = row.invitation
    if invitation.contact_id:  # cancels the contact's other pending invitations; this one is being sent
        contact_mark_bounced(contact_id=invitation.contact_id)


def _expiry(invitation: Invitation, sent_at: dt.datetime) -> dt.datetime | None:
    """A link's expiry when sent; a candidate's is set when its round opens (`rounds`)."""
    if invitation.kind == SurveyKind.CANDIDATE:
        return None
    return sent_at + dt.timedelta(days=settings.SURVEY_EXPIRY_DAYS)


def invitations_send(*, ids: list[int], connection, now: dt.datetime | None = None) -> list[str]:
    """Claim due invitations among `ids`, send each and record its outcome (`queue_send`).

    Outcomes: "sent", "skipped", "retrying", "failed" or "connection_lost".
    """
    now = now or timezone.now()
    return queue_send(
        INVITATIONS, ids=ids, connection=connection, now=now,
        prepare=lambda claimed: _invitations_prepare(claimed, now),
        sent=lambda row, when: {"sent_at": when, "expires_at": _expiry(row.invitation, when)},
        message=lambda row, c: emails.invitation_message(invitation=row.invitation, connection=c),
        rejected=_contact_rejected,
    )


def invitation_send(*, invitation_id: int, connection=None, now: dt.datetime | None = None) -> str:
    """Claim and send one due invitation; "not_claimed" when it was not due or another dispatcher had it."""
    own_connection = connection is None
    if own_connection:
        connection = get_connection()
    try:
        outcomes = invitations_send(ids=[invitation_id], connection=connection, now=now)
    finally:
        if own_connection:
            close_quietly(connection)
    return outcomes[0] if outcomes else "not_claimed"


def contact_mark_bounced(*, contact_id: int) -> None:
    """A permanent rejection of the address: mark it in the register for a coordinator to fix."""
    Contact.objects.filter(pk=contact_id).exclude(email_status=EmailStatus.UNSUBSCRIBED).update(
        email_status=EmailStatus.BOUNCED)
    invitations_cancel_for_contact(contact_id=contact_id)


# --- reminders ----------------------------------------------------------------------

def _due_reminder_ids(now: dt.datetime, limit: int) -> list[int]:
    cutoff = now - dt.timedelta(days=settings.SURVEY_REMINDER_DAYS)
    return due_ids(
        REMINDERS, now=now, limit=limit,
        # a candidate's reminder counts from its round's opening
        where=(((Q(sent_at__lte=cutoff) & ~Q(kind=SurveyKind.CANDIDATE))
                | Q(kind=SurveyKind.CANDIDATE, round_opened_at__lte=cutoff)) & Q(expires_at__gt=now)
               & (Q(contact__isnull=True) | Q(contact__email_status=EmailStatus.OK))
               & ~Q(kind=SurveyKind.CANDIDATE, email="")),
    )


def _reminders_send(*, ids: list[int], connection, now: dt.datetime) -> list[str]:
    """Send the reminders, with the same link, of the due invitations among `ids` but candidates'.

    The invitation is marked `reminded` when claimed (so two dispatchers never both remind); a
    failed send puts it back to `sent` to be tried again later, and a rejected recipient or the
    last attempt leaves it `reminded` with the reason.
    """
    return queue_send(
        REMINDERS, ids=ids, connection=connection, now=now, where=~Q(kind=SurveyKind.CANDIDATE),
        message=lambda row, c: emails.invitation_message(invitation=row.invitation, reminder=True, connection=c),
        rejected=_contact_rejected,
    )


def reminders_send(*, ids: list[int], result: DispatchResult, connection,
                   now: dt.datetime) -> tuple[bool, list[OutboxEmail]]:
    """Send the due reminders among `ids` but candidates'; (False when the mail server could not be
    reached, the claimed candidate reminders for `candidate_reminders_send`).

    The candidate ones are all claimed first, together, in one UPDATE: claimed one by one, the
    order and the gaps of their transaction ids (a mail sent to the unanswered in between) would
    tell them apart. They are recorded as sent at once and counted as reminded, every one: only
    the unanswered reach the mail server, so what a failing server did to them (counted, logged or
    stopping the run) would tell who answered.
    """
    candidates = claim(REMINDERS, ids=ids, now=now, where=Q(kind=SurveyKind.CANDIDATE), recorded_sent=True)
    result.reminded += len(candidates)
    reachable = _in_claims(ids, lambda part: _reminders_send(ids=part, connection=connection, now=now),
                           result, "reminded")
    return reachable, candidates


def candidate_reminders_send(*, rows: list[OutboxEmail], connection) -> None:
    """Send the claimed candidate reminders: the run's last mail, so that no time written after
    them (a customer's reminder, a stored e-mail) measures how many were sent, i.e. how many had
    not answered. A reminder not sent because the server went away is not tried again, like a
    failed one."""
    if not rows:
        return
    # Looked up for every open candidate link at once, never for the reminded ones alone.
    spent = _candidate_link_spent(list(
        Invitation.objects.filter(kind=SurveyKind.CANDIDATE, status__in=CANDIDATE_ROUND_OPEN)
        .exclude(token_salt="").values_list("token_salt", flat=True)))
    for row in rows:
        salt = row.invitation.token_salt
        if not salt or spent.get(salt) or salt not in spent:
            continue  # answered (or ended meanwhile): no reminder
        if _candidate_remind(row.invitation, connection) == "connection_lost":
            return


def _candidate_remind(invitation: Invitation, connection) -> str:
    """A candidate's reminder, already recorded on the row as for every candidate of the step.

    Called only for a link not answered (`candidate_reminders_send` looks); nothing about the
    send is stored on the row (a failure kept there, or a return to `sent` for a retry, would
    mark the unanswered), and nothing is logged (a line per failure would count the unanswered).
    A reminder that fails is not tried again; a server that is gone shows in the run's other mail.
    """
    try:
        send(emails.invitation_message(invitation=invitation, reminder=True, connection=connection), connection)
    except SendError as exc:
        return "connection_lost" if exc.connection_lost else "failed"
    return "sent"


# --- the run ---------------------------------------------------------------------------

def _count(outcomes, result: DispatchResult, counter: str) -> bool:
    """Add outcomes to the result; False when the mail server could not be reached."""
    for outcome in outcomes:
        if outcome == "sent":
            setattr(result, counter, getattr(result, counter) + 1)
        elif outcome == "skipped":
            result.skipped += 1
        elif outcome == "failed":
            result.failed += 1
        elif outcome in ("retrying", "connection_lost"):
            result.retrying += 1
        if outcome == "connection_lost":
            result.errors.append(_("E-postservern svarar inte; försöker igen senare."))
            return False
    return True


def _in_claims(ids: list[int], send_claim, result: DispatchResult, counter: str) -> bool:
    """Send `ids` a claim (CLAIM_SIZE rows) at a time; False when the mail server could not be reached."""
    for start in range(0, len(ids), CLAIM_SIZE):
        if not _count(send_claim(ids[start:start + CLAIM_SIZE]), result, counter):
            return False
    return True


def outbox_helpers_wanted(*, parallel: int, now: dt.datetime | None = None) -> int:
    """How many extra dispatchers a backlog of due invitations is worth (0 for a normal run)."""
    now = now or timezone.now()
    backlog = len(_due_invitation_ids(now, CLAIM_SIZE * 4 * parallel))
    return max(0, min(parallel - 1, backlog // (CLAIM_SIZE * 4)))


def outbox_dispatch(*, now: dt.datetime | None = None, limit: int = BATCH_SIZE) -> DispatchResult:
    """One run of the dispatcher: sweep, send due invitations, reminders and stored mail, expire links.

    Safe to run at the same time in several processes and again after a crash.
    """
    now = now or timezone.now()
    result = DispatchResult()
    result.swept = outbox_sweep(now=now)
    result.expired = invitations_expire(now=now)
    result.closed = candidate_rounds_close(now=now)
    connection = get_connection()
    try:
        reachable, rounds = True, 0
        while reachable and rounds < 100:
            rounds += 1
            ids = _due_invitation_ids(now, limit)
            if not ids:
                break
            reachable = _in_claims(ids, lambda part: invitations_send(ids=part, connection=connection, now=now),
                                   result, "sent")
            if len(ids) < limit:
                break
        # after this run's first e-mails: a round whose last one just went out opens now
        result.opened = candidate_rounds_open(now=max(now, timezone.now()))
        candidates: list[OutboxEmail] = []
        if reachable:
            reachable, candidates = reminders_send(ids=_due_reminder_ids(now, limit), result=result,
                                                   connection=connection, now=now)
        if reachable:
            reachable = _in_claims(due_ids(STORED_EMAILS, now=now, limit=limit),
                                   lambda part: outbox_emails_send(ids=part, connection=connection, now=now),
                                   result, "outbox_sent")
        if reachable:
            candidate_reminders_send(rows=candidates, connection=connection)
    finally:
        close_quietly(connection)
    return result
