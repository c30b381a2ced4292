"""The retention rules: what personal data is kept how long, each rule in one place.

Each rule counts the rows due at a moment (`count(now)`, the page's preview) and erases or anonymises
them (`run(now)`, returning how many); both come from the same queryset of due rows. The periods
are settings with documented defaults (README "Retention"):

- hires: name and e-mail, once the candidate survey is over and `RETENTION_HIRE_MONTHS` after start;
- contacts who have left: inactive and not the contact of any assignment ordered in
  `RETENTION_CONTACT_YEARS` years: name, e-mail and phone;
- free-text survey answers older than `RETENTION_COMMENT_YEARS` years (they may name people; the
  numbers stay), and by the same period the staff's notes that may name people: a logged customer
  contact's note (its history too), a low-score flag's follow-up note, and an After Action Review's texts and
  its other participants (the customer's people; history too): the contact, the flag, the review (it still
  counts as held) and its actions stay;
- the stored text and attachment of e-mails sent or failed `RETENTION_OUTBOX_DAYS` days ago (the row stays);
- the embedded backend's local mail after `RETENTION_OUTBOX_DAYS`;
- log-in records (django-axes attempts and logs) and expired sessions after `RETENTION_LOGIN_DAYS`;
- uploaded import files `RETENTION_IMPORT_FILE_DAYS` days after upload, once the import is finished;
- orders from the e-service that never counted (the address never confirmed, not approved, or left waiting
  for approval): deleted
  `RETENTION_ORDER_UNCONFIRMED_DAYS` days after they were sent, their e-mails' text and address emptied;
- what the orderer gave with an order that became an assignment (name, e-mail, phone, invoice reference,
  the start-meeting answers and other free text, the reason it was declined, their messages from the
  status page, the order's e-mails):
  `RETENTION_ORDER_MONTHS` months after the assignment ended (closed or cancelled); the order's
  facts (organisation, role, package, dates) stay for the e-service figures.
Anonymising a register row also anonymises its change history (simple_history), so the name is
gone from every table while the history of who changed the row stays.
"""
from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from assignments.models import Assignment, Contact, Hire, ImportJob
from assignments.models_import import ACTIVE_IMPORT_STATUSES
from billing.models import AssignmentInvoicing
from followup.models import AfterActionReview, CustomerContact
from orders.models import Order, OrderMessage, OrderState
from surveys.models import Answer, LocalMail, LowScoreFlag, OutboxEmail, OutboxStatus

ANONYMOUS_HIRE = "Anonymiserad"
ANONYMOUS_CONTACT = "Anonymiserad kontakt"
ANONYMOUS_ORDERER = "Anonymiserad beställare"


@dataclass(frozen=True)
class Rule:
    key: str
    label: str
    kept: Callable[[], str]  # the period in words, from the settings
    count: Callable[[dt.datetime], int]
    run: Callable[[dt.datetime], int]


def _rule(key, label, kept, due: Callable[[dt.datetime], QuerySet], apply: Callable[[QuerySet], int]) -> Rule:
    return Rule(key, label, kept, count=lambda now: due(now).count(), run=lambda now: apply(due(now)))


def _months(name: str) -> int:
    return int(getattr(settings, name))


# --- hires -----------------------------------------------------------------------------------------

def _hires_due(now: dt.datetime) -> QuerySet:
    cutoff = now.date() - relativedelta(months=_months("RETENTION_HIRE_MONTHS"))
    started_long_ago = Q(start_date__lt=cutoff) | Q(start_date__isnull=True, assignment__closed_on__lt=cutoff)
    return Hire.objects.filter(started_long_ago, candidate_survey_done=True).exclude(name=ANONYMOUS_HIRE, email="")


def _hires_apply(rows: QuerySet) -> int:
    ids = list(rows.values_list("pk", flat=True))
    Hire.history.model.objects.filter(id__in=ids).update(name=ANONYMOUS_HIRE)
    return Hire.objects.filter(pk__in=ids).update(name=ANONYMOUS_HIRE, email="")


# --- contacts who have left ----------------------------------------------------------------------------

def _contacts_due(now: dt.datetime) -> QuerySet:
    cutoff = now.date() - relativedelta(years=_months("RETENTION_CONTACT_YEARS"))
    recent = Assignment.objects.filter(contact=OuterRef("pk"), ordered_on__gte=cutoff)
    return (Contact.objects.filter(active=False).exclude(Exists(recent))
            .exclude(name=ANONYMOUS_CONTACT, email="", phone=""))


def _contacts_apply(rows: QuerySet) -> int:
    ids = list(rows.values_list("pk", flat=True))
    Contact.history.model.objects.filter(id__in=ids).update(name=ANONYMOUS_CONTACT, email="", phone="")
    return Contact.objects.filter(pk__in=ids).update(name=ANONYMOUS_CONTACT, email="", phone="")


# --- free-text answers -----------------------------------------------------------------------------------

def _comments_due(now: dt.datetime) -> QuerySet:
    cutoff = now.date() - relativedelta(years=_months("RETENTION_COMMENT_YEARS"))
    return Answer.objects.filter(response__submitted_on__lt=cutoff).exclude(value_text="")


def _comments_apply(rows: QuerySet) -> int:
    return Answer.objects.filter(pk__in=rows.values("pk")).update(value_text="")


AAR_ERASED = {"other_participants": "", "planned": "", "happened": "", "went_well": "", "improve": ""}


def _notes_due(now: dt.datetime) -> tuple[QuerySet, QuerySet, QuerySet]:
    cutoff = now.date() - relativedelta(years=_months("RETENTION_COMMENT_YEARS"))
    return (CustomerContact.objects.filter(held_on__lt=cutoff).exclude(note=""),
            LowScoreFlag.objects.filter(created_at__date__lt=cutoff).exclude(follow_up_note=""),
            AfterActionReview.objects.filter(held_on__lt=cutoff).exclude(**AAR_ERASED))


def _notes_count(now: dt.datetime) -> int:
    return sum(rows.count() for rows in _notes_due(now))


def _notes_run(now: dt.datetime) -> int:
    contacts, flags, reviews = _notes_due(now)
    ids = list(contacts.values_list("pk", flat=True))
    CustomerContact.history.model.objects.filter(id__in=ids).update(note="")
    erased = CustomerContact.objects.filter(pk__in=ids).update(note="")
    ids = list(reviews.values_list("pk", flat=True))
    AfterActionReview.history.model.objects.filter(id__in=ids).update(**AAR_ERASED)
    erased += AfterActionReview.objects.filter(pk__in=ids).update(**AAR_ERASED)
    return erased + LowScoreFlag.objects.filter(pk__in=flags.values("pk")).update(follow_up_note="")


# --- e-mail --------------------------------------------------------------------------------------------------

def _outbox_due(now: dt.datetime) -> QuerySet:
    cutoff = now - dt.timedelta(days=_months("RETENTION_OUTBOX_DAYS"))
    done = Q(status=OutboxStatus.SENT, sent_at__lt=cutoff) | Q(status=OutboxStatus.FAILED, created_at__lt=cutoff)
    return OutboxEmail.objects.filter(done).exclude(to="", subject="", text="", html="", last_error="",
                                                    attachment__isnull=True)


# what an e-mail row keeps once its text is gone: its state, attempts and times
OUTBOX_ERASED = {"to": "", "subject": "", "text": "", "html": "", "last_error": "", "attachment": None,
                 "attachment_name": "", "attachment_type": ""}


def _outbox_apply(rows: QuerySet) -> int:
    return OutboxEmail.objects.filter(pk__in=rows.values("pk")).update(**OUTBOX_ERASED)


def _local_mail_due(now: dt.datetime) -> QuerySet:
    return LocalMail.objects.filter(created_at__lt=now - dt.timedelta(days=_months("RETENTION_OUTBOX_DAYS")))


def _delete(rows: QuerySet) -> int:
    return rows.model.objects.filter(pk__in=list(rows.values_list("pk", flat=True))).delete()[0]


# --- log-in records ------------------------------------------------------------------------------------------

def _login_models():
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return (AccessAttempt, "attempt_time"), (AccessLog, "attempt_time"), (AccessFailureLog, "attempt_time")


def _logins_cutoff(now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(days=_months("RETENTION_LOGIN_DAYS"))


def _logins_count(now: dt.datetime) -> int:
    cutoff = _logins_cutoff(now)
    return sum(model.objects.filter(**{f"{field}__lt": cutoff}).count() for model, field in _login_models())


def _logins_run(now: dt.datetime) -> int:
    cutoff = _logins_cutoff(now)
    return sum(model.objects.filter(**{f"{field}__lt": cutoff}).delete()[0] for model, field in _login_models())


def _sessions_due(now: dt.datetime) -> QuerySet:
    return Session.objects.filter(expire_date__lt=now)


# --- uploaded files --------------------------------------------------------------------------------------------

def _files_due(now: dt.datetime) -> QuerySet:
    cutoff = now - dt.timedelta(days=_months("RETENTION_IMPORT_FILE_DAYS"))
    return ImportJob.objects.filter(created_at__lt=cutoff).exclude(file="").exclude(status__in=ACTIVE_IMPORT_STATUSES)


def _files_apply(rows: QuerySet) -> int:
    count = 0
    for job in rows.model.objects.filter(pk__in=list(rows.values_list("pk", flat=True))):
        job.file.delete(save=False)  # the stored upload; the job's row (counts, outcome) stays
        rows.model.objects.filter(pk=job.pk).update(file="")
        count += 1
    return count


# --- orders from the e-service ---------------------------------------------------------------------------

def _orders_unconfirmed_due(now: dt.datetime) -> QuerySet:
    cutoff = now - dt.timedelta(days=_months("RETENTION_ORDER_UNCONFIRMED_DAYS"))
    # an address never confirmed, not approved, or left waiting for a coordinator's approval that long: the
    # order never counted, and the queue showed its age all the while (the retention page shows it as due)
    never_counted = (Q(state=OrderState.PENDING, confirm_expires_at__lt=cutoff) | Q(state=OrderState.REJECTED)
                     | Q(state=OrderState.AWAITING_APPROVAL, confirmed_at__lt=cutoff))
    return Order.objects.filter(never_counted, created_at__lt=cutoff, assignment__isnull=True)


def _orders_unconfirmed_apply(rows: QuerySet) -> int:
    ids = list(rows.values_list("pk", flat=True))
    deleted = Order.objects.filter(pk__in=ids).delete()[1].get(Order._meta.label, 0)
    Order.history.model.objects.filter(id__in=ids).delete()  # after: deleting writes a history row of its own
    _order_emails_erase(ids)
    return deleted


def _order_emails_erase(ids: list[int]) -> None:
    """Empty the e-mails of these orders (orders/emails.py keys them `orders:<name>:<order id>:...`) as the
    outbox rule does, now rather than `RETENTION_OUTBOX_DAYS` after sending: the confirmation e-mail of an
    order deleted at 30 days carries the orderer's name, address and free text."""
    for start in range(0, len(ids), 500):
        chunk = "|".join(str(pk) for pk in ids[start:start + 500])
        OutboxEmail.objects.filter(dedupe_key__regex=rf"^orders:[^:]+:({chunk}):").update(**OUTBOX_ERASED)


# what an order keeps once its orderer's data is gone: the facts the e-service figures count
ORDER_ERASED = {"contact_name": ANONYMOUS_ORDERER, "email": "", "phone": "", "invoice_reference": "",
                "start_meeting": {}, "other": "", "decline_reason": ""}


def _orders_received_due(now: dt.datetime) -> QuerySet:
    cutoff = now.date() - relativedelta(months=_months("RETENTION_ORDER_MONTHS"))
    return (Order.objects.filter(assignment__closed_on__lt=cutoff)
            .exclude(**ORDER_ERASED))


def _orders_received_apply(rows: QuerySet) -> int:
    ids = list(rows.values_list("pk", flat=True))
    # the invoice reference the order gave became its assignment's own (billing's assignment_invoicing_from_order):
    # erased with the order's where it is still that one (the invoice bases keep their copies: accounting)
    given = Order.objects.filter(pk__in=ids).exclude(invoice_reference="").values_list("assignment_id",
                                                                                       "invoice_reference")
    for model in (AssignmentInvoicing, AssignmentInvoicing.history.model):
        model.objects.filter(reduce(operator.or_, (Q(assignment_id=a, reference=r) for a, r in given), Q(pk=None))
                             ).update(reference="")
    Order.history.model.objects.filter(id__in=ids).update(**ORDER_ERASED)
    OrderMessage.objects.filter(order_id__in=ids).update(text="", sent_to="")
    _order_emails_erase(ids)
    return Order.objects.filter(pk__in=ids).update(**ORDER_ERASED)


def _n(setting: str, unit: str) -> Callable[[], str]:
    return lambda: f"{getattr(settings, setting)} {unit}"


RULES: tuple[Rule, ...] = (
    _rule("hires", _("Tillsättningars namn och e-post"), _n("RETENTION_HIRE_MONTHS", _("månader efter start")),
          _hires_due, _hires_apply),
    _rule("contacts", _("Kontaktpersoner som slutat"), _n("RETENTION_CONTACT_YEARS", _("år utan uppdrag")),
          _contacts_due, _contacts_apply),
    _rule("comments", _("Fritextsvar i enkäter"), _n("RETENTION_COMMENT_YEARS", _("år")),
          _comments_due, _comments_apply),
    Rule("staff_notes", _("Anteckningar om kundkontakter och uppföljda låga betyg"),
         _n("RETENTION_COMMENT_YEARS", _("år")), _notes_count, _notes_run),
    _rule("outbox", _("Text i skickad e-post"), _n("RETENTION_OUTBOX_DAYS", _("dagar")), _outbox_due, _outbox_apply),
    _rule("local_mail", _("Lokal e-post (utan e-postserver)"), _n("RETENTION_OUTBOX_DAYS", _("dagar")),
          _local_mail_due, _delete),
    Rule("logins", _("Inloggningsloggar"), _n("RETENTION_LOGIN_DAYS", _("dagar")), _logins_count, _logins_run),
    _rule("sessions", _("Utgångna sessioner"), lambda: str(_("när de gått ut")), _sessions_due, _delete),
    _rule("import_files", _("Uppladdade importfiler"), _n("RETENTION_IMPORT_FILE_DAYS", _("dagar")),
          _files_due, _files_apply),
    _rule("orders_unconfirmed", _("Beställningar som aldrig bekräftades eller godkändes"),
          _n("RETENTION_ORDER_UNCONFIRMED_DAYS", _("dagar")), _orders_unconfirmed_due, _orders_unconfirmed_apply),
    _rule("orders", _("Beställares namn, kontaktuppgifter och fritext i beställningar"),
          _n("RETENTION_ORDER_MONTHS", _("månader efter att uppdraget avslutats")),
          _orders_received_due, _orders_received_apply),
)
