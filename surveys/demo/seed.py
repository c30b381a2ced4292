"""Demo survey history for the demo register: invitations in every state, answers, low-score flags, courses.

Reads the assignments the register's demo wrote and plays each survey round forward to
today as the dispatcher and the respondents would have: links sent the day after closing,
a reminder after SURVEY_REMINDER_DAYS, expiry after SURVEY_EXPIRY_DAYS, answers a few days
after the link. Everything is written with bulk inserts (no signals, no services per row); the
reports read the answers themselves, so nothing derived needs updating.

Candidate answers stay anonymous as on the answer page: a candidate response has no
invitation, no hire and no time, and once a round has ended every candidate invitation of
the assignment is `closed` (the end of its round) with no address, hire or token; the hires lose
their address.
"""
from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.utils import timezone

from assignments.models import CLOSED_STATUSES, Assignment, Hire, Status
from surveys import tokens
from surveys.mail.outbox import max_attempts
from surveys.models import (
    Answer,
    Invitation,
    InvitationStatus,
    LowScoreFlag,
    MessagePurpose,
    OutboxEmail,
    OutboxStatus,
    Response,
    ResponseSource,
    SurveyKind,
    TrainingSession,
    response_origin,
)
from surveys.selectors.answering import version_for, version_questions
from surveys.services.answering import low_score_reason, low_score_reasons
from surveys.services.scheduling import customer_register_skip_reason, quiet_period_reason, six_month_due

from . import levels, texts

S = InvitationStatus
BATCH = 1000
ANSWER_DELAYS = (0, 0, 1, 1, 1, 2, 2, 3, 4, 6, 8, 9, 12, 16, 22)  # days from the link to the answer


@dataclass
class SurveyDemoResult:
    invitations: int = 0
    responses: int = 0
    flags: int = 0


@dataclass
class Planned:
    """A response to write (linked to its invitation, if any) and its answers by question key."""

    response: Response
    values: dict


class SurveyDemo:
    def __init__(self, *, seed: int, today: dt.date, now: dt.datetime | None = None):
        self.rng = random.Random(seed * 7 + 11)
        self.today, self.now = today, now or timezone.now()
        self.invitations: list[Invitation] = []
        self.planned: list[Planned] = []
        self._versions: dict = {}
        self._questions: dict = {}

    # --- helpers ---------------------------------------------------------------------

    def _at(self, day: dt.date, hour: int = 9) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, self.rng.randint(0, 59))))

    def _version(self, kind: str, year: int):
        if (kind, year) not in self._versions:
            self._versions[kind, year] = version_for(kind, year)
        return self._versions[kind, year]

    def _keys(self, version, package) -> list[str]:
        """The question keys a respondent is shown (the package's steps only), comment left out."""
        cache_key = (version.pk, package.pk if package else None)
        if cache_key not in self._questions:
            self._questions[cache_key] = [q.key for q in version_questions(version, package=package)
                                          if q.key != "comment"]
        return self._questions[cache_key]

    def _comment(self, kind: str, pool: list[str]) -> str:
        return self.rng.choice(pool) if self.rng.random() < texts.COMMENT_SHARE[kind] else ""

    def _round(self, invitation: Invitation, sent_on: dt.date, *, rate: float, token: bool = True) -> dt.date | None:
        """Send `invitation` on `sent_on` and play it to today; returns the answer date or None."""
        invitation.due_at = invitation.sent_at = min(self._at(sent_on), self.now)
        invitation.expires_at = invitation.sent_at + dt.timedelta(days=settings.SURVEY_EXPIRY_DAYS)
        if token:
            tokens.issue(invitation)
        answered_on = sent_on + dt.timedelta(days=self.rng.choice(ANSWER_DELAYS))
        if self.rng.random() < rate and answered_on <= self.today:
            invitation.status, invitation.answered_on = S.ANSWERED, answered_on
        else:
            answered_on = None
            age = (self.today - sent_on).days
            invitation.status = (S.EXPIRED if age >= settings.SURVEY_EXPIRY_DAYS
                                 else S.REMINDED if age >= settings.SURVEY_REMINDER_DAYS else S.SENT)
        reminder = sent_on + dt.timedelta(days=settings.SURVEY_REMINDER_DAYS)
        if reminder <= min(answered_on or self.today, self.today) and reminder < sent_on + dt.timedelta(
                days=settings.SURVEY_EXPIRY_DAYS):
            invitation.reminded_at = self._at(reminder, 8)
        return answered_on

    def _response(self, kind: str, on: dt.date, values: dict, comment: str, *, assignment=None, invitation=None,
                  session=None) -> None:
        response = Response(
            kind=kind, version=self._version(kind, on.year), invitation=invitation, source=ResponseSource.WEB,
            comment=comment, **response_origin(kind=kind, on=on, assignment=assignment, training_session=session),
        )
        self.planned.append(Planned(response, values))

    # --- customer ---------------------------------------------------------------------

    def customer(self, closed: list[Assignment]) -> None:
        last_sent: dict[int, dt.date] = {}
        quiet = dt.timedelta(days=settings.SURVEY_MANAGER_QUIET_DAYS)
        for a in closed:
            invitation = Invitation(kind=SurveyKind.CUSTOMER, assignment=a, contact=a.contact,
                                    due_at=self._at(a.closed_on, 8))
            self.invitations.append(invitation)
            reason = customer_register_skip_reason(a)
            # The demo has a handful of hiring managers per customer where the city has thousands: only some
            # of the repeats a manager would have had are kept, or most surveys would fall in a quiet period.
            if (not reason and a.contact_id in last_sent and a.closed_on - last_sent[a.contact_id] < quiet
                    and self.rng.random() < 0.3):
                reason = quiet_period_reason()
            if reason:
                invitation.status, invitation.skip_reason = S.SKIPPED, reason
                continue
            sent_on = a.closed_on + dt.timedelta(days=self.rng.choice((0, 1, 1)))
            if sent_on >= self.today:
                invitation.status = S.SCHEDULED  # the dispatcher sends it on its next round
                continue
            last_sent[a.contact_id] = sent_on
            answered_on = self._round(invitation, sent_on, rate=levels.CUSTOMER_RATE)
            if answered_on:
                disappointed = self.rng.random() < levels.LOW_SHARE
                self._customer_answer(a, invitation, answered_on, disappointed)
        self._make_failed_and_held()

    def _customer_answer(self, a: Assignment, invitation: Invitation, on: dt.date, disappointed: bool) -> None:
        keys = self._keys(self._version(SurveyKind.CUSTOMER, on.year), a.package)
        values = levels.customer_values(self.rng, keys, on.year, disappointed=disappointed)
        if disappointed:
            comment = self.rng.choice(texts.CUSTOMER_CRITICAL)
        else:
            comment = self._comment("customer", texts.CUSTOMER_PRAISE + texts.CUSTOMER_MIXED)
        self._response(SurveyKind.CUSTOMER, on, values, comment, assignment=a, invitation=invitation)

    def disappoint(self) -> None:
        """At least one recent low score (an open flag) and one older (followed up)."""
        answered = [p for p in self.planned if p.response.kind == SurveyKind.CUSTOMER]
        recent = [p for p in answered if (self.today - p.response.submitted_on).days <= 45]
        older = [p for p in answered if 60 <= (self.today - p.response.submitted_on).days <= 500]
        for group in (recent, older):
            if group and not any(self._is_low(p) for p in group):
                chosen = self.rng.choice(group)
                on = chosen.response.submitted_on
                keys = self._keys(self._version(SurveyKind.CUSTOMER, on.year), chosen.response.assignment.package)
                chosen.values = levels.customer_values(self.rng, keys, on.year, disappointed=True)
                chosen.response.comment = self.rng.choice(texts.CUSTOMER_CRITICAL)

    @staticmethod
    def _is_low(planned: Planned) -> bool:
        return bool(low_score_reasons(planned.response.kind, planned.values))

    def _make_failed_and_held(self) -> None:
        """The latest unanswered links: one that could not be sent, one a coordinator put on hold."""
        open_ones = [i for i in self.invitations if i.kind == SurveyKind.CUSTOMER and i.status in (S.SENT, S.REMINDED)]
        for invitation, status in zip(open_ones[-2:], (S.FAILED, S.HELD), strict=False):
            invitation.status, invitation.sent_at, invitation.reminded_at = status, None, None
            invitation.expires_at = invitation.token_hash = None
            invitation.token_salt = ""

    # --- candidates and six-month ---------------------------------------------------------

    def hired(self, closed: list[Assignment], hires_of: dict[int, list[Hire]]) -> list[int]:
        """Candidate rounds and six-month follow-ups; returns the hires whose candidate survey is over."""
        done: list[int] = []
        for a in closed:
            if a.status != Status.CLOSED_HIRED or not hires_of.get(a.pk):
                continue
            done += self._candidates(a, hires_of[a.pk])
            if a.package.full_process_with_tests and a.surveys_enabled:
                for hire in hires_of[a.pk]:
                    self._six_month(a, hire)
        return done

    def _candidates(self, a: Assignment, hires: list[Hire]) -> list[int]:
        sent_on = a.closed_on + dt.timedelta(days=self.rng.choice((0, 1, 1)))
        round_id = uuid.uuid4()  # one round per closing (`services.rounds`); not drawn from the seeded rng
        if sent_on >= self.today:
            for hire in hires:
                self.invitations.append(Invitation(kind=SurveyKind.CANDIDATE, assignment=a, hire=hire,
                                                   email=hire.email, status=S.SCHEDULED, due_at=self._at(sent_on),
                                                   candidate_round=round_id))
            return []
        ended = (self.today - sent_on).days >= settings.SURVEY_EXPIRY_DAYS
        answers = 0
        sent: list[Invitation] = []
        for hire in hires:
            invitation = Invitation(kind=SurveyKind.CANDIDATE, assignment=a, candidate_round=round_id)
            self.invitations.append(invitation)
            sent.append(invitation)
            if ended:  # the round is over: nothing left that ties an answer to a person
                self._round(invitation, sent_on, rate=0.0, token=False)
                invitation.status, invitation.reminded_at = S.CLOSED, None
                answers += self.rng.random() < levels.CANDIDATE_RATE
            else:
                invitation.hire, invitation.email = hire, hire.email
                self._round(invitation, sent_on, rate=0.0)
        opened = max((inv.sent_at for inv in sent), default=None)  # the round opened after its last link
        for inv in sent:  # one opening, one expiry for the whole round
            inv.round_opened_at = opened
            inv.expires_at = opened + dt.timedelta(days=settings.SURVEY_EXPIRY_DAYS) if opened else None
        for _i in range(answers):
            on = min(sent_on + dt.timedelta(days=self.rng.choice(ANSWER_DELAYS)), self.today)
            keys = self._keys(self._version(SurveyKind.CANDIDATE, on.year), None)
            self._response(SurveyKind.CANDIDATE, on, levels.candidate_values(self.rng, keys, on.year),
                           self._comment("candidate", texts.CANDIDATE), assignment=a)
        return [h.pk for h in hires] if ended else []

    def _six_month(self, a: Assignment, hire: Hire) -> None:
        invitation = Invitation(kind=SurveyKind.SIX_MONTH, assignment=a, hire=hire, contact=a.contact)
        self.invitations.append(invitation)
        due = six_month_due(hire.start_date)
        if due > self.now:
            invitation.status, invitation.due_at = S.SCHEDULED, due
            return
        answered_on = self._round(invitation, timezone.localdate(due), rate=levels.SIX_MONTH_RATE)
        if answered_on:
            self._response(SurveyKind.SIX_MONTH, answered_on, levels.six_month_values(self.rng, answered_on.year),
                           self._comment("six_month", texts.SIX_MONTH), assignment=a, invitation=invitation)

    # --- courses ------------------------------------------------------------------------

    def training(self, courses: list[Assignment]) -> list[TrainingSession]:
        """A session per KBR assignment given; the first with the customer's own result entered by hand."""
        sessions = []
        for i, a in enumerate(courses):
            held_on = a.closed_on
            session = TrainingSession(
                assignment=a, organisation_id=a.organisation_id, consultant_id=a.lead_consultant_id,
                title=f"{texts.TRAINING_TITLES[i % len(texts.TRAINING_TITLES)]}, {a.organisation.name}",
                held_on=held_on, closes_on=held_on + dt.timedelta(days=14),
            )
            tokens.issue(session)
            sessions.append(session)
            if i == 0 and len(courses) > 1:
                session.manual_mean, session.manual_count = levels.MANUAL_TRAINING_MEAN, 17
                continue
            for _n in range(self.rng.randint(8, 18)):
                on = held_on + dt.timedelta(days=self.rng.choice((0, 0, 1, 2, 5)))
                if on <= self.today:
                    self._response(SurveyKind.TRAINING, on, levels.training_values(self.rng),
                                   self._comment("training", texts.TRAINING), assignment=a, session=session)
        return sessions

    # --- writing --------------------------------------------------------------------------

    def write(self, *, hires_done: list[int], sessions: list[TrainingSession], by: User | None) -> SurveyDemoResult:
        Invitation.objects.bulk_create(self.invitations, batch_size=BATCH)
        OutboxEmail.objects.bulk_create(self._messages(), batch_size=BATCH)
        TrainingSession.objects.bulk_create(sessions, batch_size=BATCH)
        responses = Response.objects.bulk_create([p.response for p in self.planned], batch_size=BATCH)
        Answer.objects.bulk_create(
            [Answer(response=r, question_key=key, value_number=value if isinstance(value, int) else None,
                    value_text=value if isinstance(value, str) else "")
             for r, p in zip(responses, self.planned, strict=True) for key, value in p.values.items()],
            batch_size=BATCH * 5,
        )
        flags = self._flags(by)
        for start in range(0, len(hires_done), BATCH):
            Hire.objects.filter(pk__in=hires_done[start:start + BATCH]).update(email="", candidate_survey_done=True)
        return SurveyDemoResult(invitations=len(self.invitations), responses=len(responses), flags=flags)

    def _messages(self) -> list[OutboxEmail]:
        """The outbox rows of the invitations' e-mails: sent ones, and the one that could not be sent."""
        rows = []
        for invitation in self.invitations:
            if invitation.status == S.FAILED:
                rows.append(OutboxEmail(
                    invitation=invitation, purpose=MessagePurpose.INVITATION, status=OutboxStatus.FAILED,
                    attempts=max_attempts(), last_error="SMTP-fel 452: 4.2.2 Mottagarens brevlåda är full"))
            if invitation.sent_at is not None:
                rows.append(OutboxEmail(invitation=invitation, purpose=MessagePurpose.INVITATION,
                                        status=OutboxStatus.SENT, sent_at=invitation.sent_at))
            if invitation.reminded_at is not None:
                rows.append(OutboxEmail(invitation=invitation, purpose=MessagePurpose.REMINDER,
                                        status=OutboxStatus.SENT, sent_at=invitation.reminded_at))
        return rows

    def _flags(self, by: User | None) -> int:
        flags, dates = [], []
        for planned in self.planned:
            response = planned.response
            if response.assignment_id is None:
                continue
            reason = low_score_reason(response.kind, planned.values)
            if reason:
                flags.append(LowScoreFlag(assignment_id=response.assignment_id, response=response, reason=reason))
                dates.append(response.submitted_on)
        flags = LowScoreFlag.objects.bulk_create(flags)
        newest = max(dates, default=None)
        for flag, day in zip(flags, dates, strict=True):
            flag.created_at = self._at(day, 10)
            if day != newest and (self.today - day).days > 21:  # older flags have been followed up
                flag.followed_up_at = self._at(min(day + dt.timedelta(days=self.rng.randint(1, 8)), self.today), 14)
                flag.followed_up_by, flag.follow_up_note = by, self.rng.choice(texts.FOLLOW_UP_NOTES)
        LowScoreFlag.objects.bulk_update(flags, ["created_at", "followed_up_at", "followed_up_by", "follow_up_note"])
        return len(flags)


def demo_surveys(*, seed: int, today: dt.date, by: User | None = None) -> SurveyDemoResult:
    """Survey history for the assignments in the register (call inside the demo's transaction)."""
    closed = list(
        Assignment.objects.filter(status__in=CLOSED_STATUSES, closed_on__lte=today)
        .select_related("package", "contact", "organisation").order_by("closed_on", "pk")
    )
    hires_of: dict[int, list[Hire]] = defaultdict(list)
    for hire in Hire.objects.filter(assignment__status=Status.CLOSED_HIRED, start_date__isnull=False).order_by("pk"):
        hires_of[hire.assignment_id].append(hire)
    demo = SurveyDemo(seed=seed, today=today)
    demo.customer(closed)
    hires_done = demo.hired(closed, hires_of)
    demo.disappoint()
    courses = []
    for year in range(today.year - 2, today.year + 1):  # the latest two courses of each year
        courses += [a for a in closed if a.package.is_training and a.closed_on.year == year][-2:]
    sessions = demo.training(courses)
    return demo.write(hires_done=hires_done, sessions=sessions, by=by)
