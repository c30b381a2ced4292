"""Which version and which questions a respondent sees, and which links still work."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, Prefetch, Q
from django.utils import timezone

from assignments.models import Assignment, Consultant, Organisation, Package
from surveys import tokens
from surveys.models import (
    Invitation,
    InvitationStatus,
    Question,
    SpentToken,
    SurveyKind,
    SurveyVersion,
    TrainingSession,
)

ANSWERABLE = (InvitationStatus.SENT, InvitationStatus.REMINDED)  # the SQL below expects two


def version_for(kind: str, year: int) -> SurveyVersion | None:
    """The version in force in `year`: the latest from that year or before, else the earliest."""
    versions = SurveyVersion.objects.filter(kind=kind)
    return versions.filter(year__lte=year).order_by("-year").first() or versions.order_by("year").first()


def versions_by_kind(kind: str) -> list[SurveyVersion]:
    """Every version of a kind, oldest first, with its questions prefetched."""
    return list(
        SurveyVersion.objects.filter(kind=kind)
        .order_by("year")
        .prefetch_related(Prefetch("questions", queryset=Question.objects.order_by("order", "id")))
    )


def version_list() -> list[SurveyVersion]:
    """All versions with their question and response counts (one query)."""
    return list(
        SurveyVersion.objects.annotate(
            question_count=Count("questions", distinct=True), response_count=Count("responses", distinct=True)
        ).order_by("kind", "-year")
    )


def version_questions(version: SurveyVersion, *, package=None) -> list[Question]:
    """The questions of a version in order, without the steps `package` does not include."""
    questions = list(version.questions.order_by("order", "id"))
    if package is None:
        return questions
    return [
        q for q in questions
        if not (q.requires_interviews and not package.includes_interviews)
        and not (q.requires_tests and not package.full_process_with_tests)
    ]


def questions_for(invitation_or_session, *, on: dt.date | None = None) -> tuple[SurveyVersion | None, list[Question]]:
    """The version in force on `on` (default today) and the questions this respondent is shown.

    An invitation applies its assignment's package rules; a training session shows every question.
    """
    on = on or timezone.localdate()
    if isinstance(invitation_or_session, TrainingSession):
        version = version_for("training", on.year)
        return version, version_questions(version) if version else []
    version = version_for(invitation_or_session.kind, on.year)
    if version is None:
        return None, []
    package = invitation_or_session.assignment.package
    return version, version_questions(version, package=package)


def condition_met(question: Question, raw_values: dict[str, str]) -> bool:
    """True when the question has no condition or its condition holds for the (raw) answers."""
    condition = question.condition or {}
    if not condition.get("key"):
        return True
    return (raw_values.get(condition["key"]) or "").strip().lower() == str(condition.get("equals", "")).lower()


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation this token opens, if it can still be answered; else None (whatever the reason).

    A candidate link is spent when its `SpentToken` exists (its invitation does not record it),
    and answerable only once its round has opened (`candidate_link_not_open_yet`).
    """
    if not token or len(token) > 100:
        return None
    invitation = (
        Invitation.objects.select_related(
            "assignment__package", "assignment__lead_consultant", "assignment__organisation")
        .filter(token_hash=tokens.token_hash(token), status__in=ANSWERABLE)
        .exclude(kind=SurveyKind.CANDIDATE, round_opened_at__isnull=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
        .filter(~Exists(SpentToken.objects.filter(hash=tokens.spent_hash(token))))
        .first()
    )
    return invitation


def candidate_link_not_open_yet(token: str) -> bool:
    """A candidate link that went out and whose round has not opened yet (`surveys.services.rounds`):
    it will be answerable once the round's other links are out too."""
    if not token or len(token) > 100:
        return False
    return Invitation.objects.filter(
        token_hash=tokens.token_hash(token), kind=SurveyKind.CANDIDATE, status__in=ANSWERABLE,
        round_opened_at__isnull=True,
    ).exists()


FIXED = 6  # package flags, the invitation's kind, role, organisation, consultant: before the version's columns
QUESTION_COLUMNS = ("id", "key", "text", "qtype", "required", "order", "choices", "condition",
                    "allow_not_applicable", "requires_interviews", "requires_tests",
                    "text_en", "text_easy", "choices_en", "choices_easy")
VERSION_COLUMNS = ("id", "kind", "year", "title", "intro", "stem",
                   "title_en", "intro_en", "stem_en", "title_easy", "intro_easy", "stem_easy")


@functools.cache
def _answer_form_sql() -> str:
    """An answerable invitation's package flags, its version in force and that version's questions.

    A candidate link whose spent hash exists, or whose round has not opened, cannot be answered
    (see `invitation_for_token`).
    One row per question (one row with empty question columns for a version without questions,
    none at all for a link that cannot be answered or a kind without versions). The version is
    the one `version_for` picks: the latest from the year or before, else the earliest.
    Hand-written, portable SQL: it runs on every view of the answer page, and building the same
    reads with the ORM costs many times what the database takes to answer them.
    """
    tables = {
        "invitation": Invitation._meta.db_table, "assignment": Assignment._meta.db_table,
        "package": Package._meta.db_table, "version": SurveyVersion._meta.db_table,
        "organisation": Organisation._meta.db_table, "consultant": Consultant._meta.db_table,
        "question": Question._meta.db_table, "spent": SpentToken._meta.db_table,
    }
    q = connection.ops.quote_name
    columns = ", ".join(
        ["p.includes_interviews", "p.full_process_with_tests", "i.kind", "a.role_title", "o.name", "c.name"]
        + [f"v.{q(c)}" for c in VERSION_COLUMNS] + [f"qu.{q(c)}" for c in QUESTION_COLUMNS]
    )
    return (  # noqa: S608 - only our own table and column names are formatted in; values go as parameters
        "SELECT {columns} FROM {invitation} i "
        "INNER JOIN {assignment} a ON a.id = i.assignment_id "
        "INNER JOIN {package} p ON p.id = a.package_id "
        "INNER JOIN {organisation} o ON o.id = a.organisation_id "
        "LEFT OUTER JOIN {consultant} c ON c.id = a.lead_consultant_id "
        "INNER JOIN {version} v ON v.id = ("
        "SELECT v2.id FROM {version} v2 WHERE v2.kind = i.kind "
        "ORDER BY CASE WHEN v2.year <= %s THEN 0 ELSE 1 END, CASE WHEN v2.year <= %s THEN -v2.year ELSE v2.year END "
        "LIMIT 1) "
        "LEFT OUTER JOIN {question} qu ON qu.version_id = v.id "
        "WHERE i.token_hash = %s AND i.status IN (%s, %s) AND (i.expires_at IS NULL OR i.expires_at > %s) "
        "AND NOT EXISTS (SELECT 1 FROM {spent} s WHERE s.hash = %s) "
        "AND (i.kind <> %s OR i.round_opened_at IS NOT NULL) "
        "ORDER BY qu.{order}, qu.id"
    ).format(columns=columns, order=q("order"), **tables)


@dataclass(frozen=True)
class RecruitmentAbout:
    """What a customer or six-month survey is about, shown on its page so that a manager with two
    recruitments can tell them apart. Never on a candidate's page (nothing about other candidates)."""

    role_title: str
    organisation: str
    consultant: str


ABOUT_KINDS = (SurveyKind.CUSTOMER, SurveyKind.SIX_MONTH)


def _about(kind: str, role_title: str, organisation: str, consultant: str | None) -> RecruitmentAbout | None:
    if kind not in ABOUT_KINDS:
        return None
    return RecruitmentAbout(role_title=role_title, organisation=organisation, consultant=consultant or "")


def recruitment_about(invitation: Invitation) -> RecruitmentAbout | None:
    a = invitation.assignment
    return _about(invitation.kind, a.role_title, a.organisation.name,
                  a.lead_consultant.name if a.lead_consultant_id else None)


def answer_form_for_token(token: str) -> tuple[SurveyVersion, list[Question], RecruitmentAbout | None] | None:
    """`questions_for(invitation_for_token(token))` for the answer page, read in one query, with
    what the survey is about (customer and six-month surveys; None for others).

    None when the link cannot be answered or its kind has no version.
    """
    if not token or len(token) > 100:
        return None
    year = timezone.localdate().year
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(_answer_form_sql(), [year, year, tokens.token_hash(token), *ANSWERABLE, now,
                                            tokens.spent_hash(token), SurveyKind.CANDIDATE.value])
        rows = cursor.fetchall()
    if not rows:
        return None
    interviews, with_tests, kind, role_title, organisation, consultant = rows[0][:FIXED]
    nv = len(VERSION_COLUMNS)
    version = SurveyVersion(**dict(zip(VERSION_COLUMNS, rows[0][FIXED:FIXED + nv], strict=True)))
    json_fields = [Question._meta.get_field(name) for name in ("choices", "condition", "choices_en", "choices_easy")]
    questions = []
    for row in rows:
        values = dict(zip(QUESTION_COLUMNS, row[FIXED + nv:], strict=True))
        if values["id"] is None:
            continue  # a version without questions
        for field in json_fields:
            values[field.name] = field.from_db_value(values[field.name], None, connection)
        for name in ("required", "allow_not_applicable", "requires_interviews", "requires_tests"):
            values[name] = bool(values[name])
        question = Question(version=version, **values)
        question._state.adding, question._state.db = False, connection.alias
        if (question.requires_interviews and not interviews) or (question.requires_tests and not with_tests):
            continue
        questions.append(question)
    return version, questions, _about(kind, role_title, organisation, consultant)


def training_session_for_token(token: str) -> TrainingSession | None:
    """The course session of a shared link, if the link exists and has not closed."""
    if not token or len(token) > 100:
        return None
    return (
        TrainingSession.objects.select_related("assignment__package", "assignment__lead_consultant")
        .filter(token_hash=tokens.token_hash(token), closes_on__gte=timezone.localdate())
        .first()
    )
