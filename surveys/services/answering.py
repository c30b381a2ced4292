"""Storing a submitted answer: validation, the single-use token, the response rows, low-score flags."""
from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from surveys import notify, tokens
from surveys.models import (
    Answer,
    Invitation,
    InvitationStatus,
    LowScoreFlag,
    Question,
    QuestionType,
    Response,
    ResponseSource,
    SpentToken,
    SurveyKind,
    SurveyVersion,
    response_origin,
)
from surveys.selectors.answering import (
    ANSWERABLE,
    candidate_link_not_open_yet,
    condition_met,
    invitation_for_token,
    questions_for,
    training_session_for_token,
)
from surveys.signals import responses_changed_on_commit

logger = logging.getLogger(__name__)

NOT_APPLICABLE = "na"
YES, NO = "ja", "nej"
SCALE_RANGES = {QuestionType.SCALE_1_10: (1, 10), QuestionType.SCALE_0_10: (0, 10)}
TEXT_MAX = 5000
# (kind, question key, threshold): an answer at or below the threshold is flagged.
LOW_SCORE_RULES = [
    (SurveyKind.CUSTOMER, "overall_satisfaction", 6),
    (SurveyKind.CUSTOMER, "nps", 6),
    (SurveyKind.SIX_MONTH, "match", 6),
]
LOW_SCORE_LABELS = {
    "overall_satisfaction": _lazy("Nöjd med tjänsten som helhet"),
    "nps": _lazy("Skulle rekommendera oss (NPS)"),
    "match": _lazy("Matchning efter sex månader"),
}


class LinkUnavailable(Exception):
    """The link is unknown, used, expired, cancelled or closed (deliberately one error for all)."""


class LinkNotOpenYet(LinkUnavailable):
    """A candidate link whose round has not opened yet: nothing is stored, the link stays valid."""


class SubmissionInvalid(Exception):
    def __init__(self, errors: dict[str, str]):
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class CleanValue:
    number: int | None = None
    text: str = ""
    not_applicable: bool = False


# A scale answer is written in plain ASCII digits: no sign, decimals, exponent, "inf"/"nan",
# hex or other scripts' digits (str.isdigit() and int() accept "٣"; float() accepts "1e1").
_SCALE_DIGITS = re.compile(r"[0-9]{1,3}")


def _scale_number(raw: str, low: int, high: int) -> int:
    """The whole number `raw` names on the scale low..high; ValueError (Swedish) for anything else."""
    if _SCALE_DIGITS.fullmatch(raw) is None or not low <= int(raw) <= high:
        raise ValueError(_("Välj ett värde från %(low)s till %(high)s.") % {"low": low, "high": high})
    return int(raw)


def parse_value(question: Question, raw) -> CleanValue | None:
    """One raw answer (form or file) as stored values; None when unanswered.

    Raises ValueError with a Swedish message for a value the question does not accept.
    """
    raw = "" if raw is None else str(raw).strip()
    if raw == "":
        return None
    if question.qtype in SCALE_RANGES:
        low, high = SCALE_RANGES[question.qtype]
        if raw.lower() == NOT_APPLICABLE and question.allow_not_applicable:
            return CleanValue(not_applicable=True)
        return CleanValue(number=_scale_number(raw, low, high))
    if question.qtype == QuestionType.YES_NO:
        if raw.lower() == YES:
            return CleanValue(number=1)
        if raw.lower() == NO:
            return CleanValue(number=0)
        raise ValueError(_("Svara Ja eller Nej."))
    if question.qtype == QuestionType.CHOICE:
        if raw not in (question.choices or []):
            raise ValueError(_("Välj ett av svarsalternativen."))
        return CleanValue(text=raw)
    if len(raw) > TEXT_MAX:
        raise ValueError(_("Svaret får vara högst %(max)s tecken långt.") % {"max": TEXT_MAX})
    return CleanValue(text=raw)


def answers_clean(questions: list[Question], data) -> tuple[dict[str, CleanValue], str]:
    """Validate submitted values against the shown questions; returns (values by key, comment).

    Raises SubmissionInvalid with a message per question key. A conditional question whose
    condition does not hold is ignored, whatever was sent for it.
    """
    raw = {q.key: (data.get(q.key) or "") for q in questions}
    values: dict[str, CleanValue] = {}
    errors: dict[str, str] = {}
    comment = ""
    for question in questions:
        if not condition_met(question, raw):
            continue
        try:
            value = parse_value(question, raw[question.key])
        except ValueError as exc:
            errors[question.key] = str(exc)
            continue
        if value is None:
            if question.required:
                errors[question.key] = _("Svara på frågan.")
            continue
        if question.key == "comment":
            comment = value.text
        else:
            values[question.key] = value
    if errors:
        raise SubmissionInvalid(errors)
    return values, comment


def _store(*, kind: str, version: SurveyVersion, values: dict[str, CleanValue], comment: str,
           on: dt.date, assignment=None, invitation=None, training_session=None,
           source: str = ResponseSource.WEB, import_key: str | None = None) -> Response:
    """Write a response and its answers; what it stores about its origin is `response_origin`'s rule."""
    origin = response_origin(kind=kind, on=on, assignment=assignment, training_session=training_session)
    response = Response.objects.create(
        kind=kind, version=version, invitation=invitation, source=source, import_key=import_key, comment=comment,
        **origin,
    )
    Answer.objects.bulk_create(
        Answer(response=response, question_key=key, value_number=v.number, value_text=v.text,
               not_applicable=v.not_applicable)
        for key, v in values.items()
    )
    return response


def low_score_reasons(kind: str, numbers: dict[str, int | None]) -> list[str]:
    """Why an answer of this kind is flagged (one reason per low answer, in Swedish); empty when it is not."""
    reasons = []
    for rule_kind, key, threshold in LOW_SCORE_RULES:
        number = numbers.get(key)
        if kind == rule_kind and number is not None and number <= threshold:
            reasons.append(_("%(question)s: %(value)s (gräns %(threshold)s)") % {
                "question": LOW_SCORE_LABELS[key], "value": number, "threshold": threshold})
    return reasons


def low_score_reason(kind: str, numbers: dict[str, int | None]) -> str:
    """The one flag reason of an answer: every low score in it; empty when it is not flagged."""
    return "; ".join(low_score_reasons(kind, numbers))


def _flag_low_scores(response: Response, values: dict[str, CleanValue]) -> LowScoreFlag | None:
    """One flag for an answer with any low score, its reason listing every low score in it.

    The flag is one thing to follow up, and its e-mail to the manager is one e-mail.
    """
    if response.assignment_id is None:
        return None
    reason = low_score_reason(response.kind, {key: v.number for key, v in values.items()})
    if not reason:
        return None
    flag = LowScoreFlag.objects.create(assignment_id=response.assignment_id, response=response, reason=reason)
    transaction.on_commit(lambda: notify.low_score_flagged(flag.id), robust=True)
    return flag


def response_submit(*, token: str, data, on: dt.date | None = None) -> Response:
    """Store the answer to a personal invitation link, spending its token exactly once.

    Raises LinkUnavailable (unknown, used, expired, cancelled: one error for all), LinkNotOpenYet
    (a candidate link whose round has not opened) or SubmissionInvalid (nothing stored, the token
    is still valid).
    """
    invitation = invitation_for_token(token)
    if invitation is None:
        raise LinkNotOpenYet if candidate_link_not_open_yet(token) else LinkUnavailable
    on = on or timezone.localdate()
    version, questions = questions_for(invitation, on=on)
    if version is None:
        raise LinkUnavailable
    values, comment = answers_clean(questions, data)
    if invitation.kind == SurveyKind.CANDIDATE:
        return _candidate_response_submit(token=token, invitation=invitation, version=version, values=values,
                                          comment=comment, on=on)
    with transaction.atomic():
        spent = (
            Invitation.objects.filter(pk=invitation.pk, token_hash=tokens.token_hash(token), status__in=ANSWERABLE)
            .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
            .update(status=InvitationStatus.ANSWERED, answered_on=on, updated_at=timezone.now())
        )
        if spent != 1:
            raise LinkUnavailable
        response = _store(kind=invitation.kind, version=version, values=values, comment=comment, on=on,
                          assignment=invitation.assignment, invitation=invitation)
        _flag_low_scores(response, values)
        responses_changed_on_commit([on])
    return response


def _candidate_response_submit(*, token: str, invitation: Invitation, version: SurveyVersion,
                               values: dict[str, CleanValue], comment: str, on: dt.date) -> Response:
    """A candidate's answer: its transaction writes only the spent token, the response and its answers.

    It touches neither the invitation nor the hire (rows written in one transaction share their
    PostgreSQL `xmin`, which would pair the answer with the person); the candidate round's end
    does that bookkeeping later for all the assignment's candidates at once
    (`dispatch.candidate_rounds_close`). The unique spent hash makes the link single-use: a
    second or concurrent submission fails on it and stores nothing.
    """
    with transaction.atomic():
        try:  # no savepoint: the error ends the transaction and nothing is stored
            SpentToken.objects.create(hash=tokens.spent_hash(token))
        except IntegrityError:
            raise LinkUnavailable from None
        # Stored without the assignment and dated by its month (`response_origin`).
        responses_changed_on_commit([on])
        return _store(kind=SurveyKind.CANDIDATE, version=version, values=values, comment=comment, on=on,
                      assignment=invitation.assignment)


def training_response_submit(*, token: str, data, on: dt.date | None = None) -> Response:
    """Store one participant's answer to a course session's shared link.

    The one-answer-per-browser rule is the view's (a signed cookie); this refuses closed
    or unknown links with LinkUnavailable and bad answers with SubmissionInvalid.
    """
    session = training_session_for_token(token)
    if session is None:
        raise LinkUnavailable
    on = on or timezone.localdate()
    version, questions = questions_for(session, on=on)
    if version is None:
        raise LinkUnavailable
    values, comment = answers_clean(questions, data)
    with transaction.atomic():
        responses_changed_on_commit([on])
        return _store(kind=SurveyKind.TRAINING, version=version, values=values, comment=comment, on=on,
                      assignment=session.assignment, training_session=session)


def store_imported(*, kind: str, version: SurveyVersion, values: dict[str, CleanValue], comment: str,
                   on: dt.date, assignment, import_key: str) -> Response:
    """Write one validated history row (used by the import, inside its transaction, which announces the
    months it wrote with `responses_changed_on_commit`)."""
    return _store(kind=kind, version=version, values=values, comment=comment, on=on, assignment=assignment,
                  source=ResponseSource.IMPORT, import_key=import_key)

