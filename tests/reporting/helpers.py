"""Small builders for hand-computed reporting tests."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from surveys.models import Response, SurveyVersion
from tests.factories import InvitationFactory, ResponseFactory, SurveyVersionFactory


def version(kind: str, year: int = 2020) -> SurveyVersion:
    return SurveyVersionFactory(kind=kind, year=year)


def respond(kind: str, on: dt.date, answers: dict, *, assignment=None, consultant=None, comment: str = "",
            not_applicable=(), training_session=None) -> Response:
    """A submitted response; answers {key: number | "ja" | "nej"}; keys in not_applicable stored as N/A.

    Stored as the answer pages store it: a candidate response has no assignment and is dated by its month.
    """
    consultant = consultant or (assignment.lead_consultant if assignment else None)  # none from a session
    return ResponseFactory(kind=kind, version=version(kind), submitted_on=on, answers=answers,
                           not_applicable=not_applicable, assignment=assignment, consultant=consultant,
                           comment=comment, training_session=training_session)


def summarise() -> None:
    """Rebuild the monthly survey summary of every month with responses, as the surveys services' signal does
    after their commit (`respond` writes with the ORM and sends none; the reports would rebuild on first read)."""
    from reporting.survey_months import survey_months_rebuild

    survey_months_rebuild(months=Response.objects.dates("submitted_on", "month"))


def invite(kind: str, assignment, *, status: str, sent_on: dt.date | None):
    sent_at = None
    if sent_on is not None:
        sent_at = timezone.make_aware(dt.datetime.combine(sent_on, dt.time(9, 0)))
    return InvitationFactory(kind=kind, assignment=assignment, contact=None, status=status,
                             due_at=sent_at or timezone.now(), sent_at=sent_at)


def table_sheet(book, name: str):
    """The sheet of a report table by the table's code (its Swedish caption is the sheet's title)."""
    found = [ws for ws in book.worksheets if ws.sheet_properties.codeName == name]
    assert found, f"no sheet for table {name}: {[ws.sheet_properties.codeName for ws in book.worksheets]}"
    return found[0]


def sheet_codes(book) -> set[str]:
    return {ws.sheet_properties.codeName for ws in book.worksheets}
