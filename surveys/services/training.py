"""KBR course sessions: a shared answer link per session, or a customer's own result entered by hand."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from surveys import tokens
from surveys.models import TrainingSession


def training_session_create(*, title: str, held_on: dt.date, closes_on: dt.date, assignment=None,
                            organisation=None, consultant=None) -> tuple[TrainingSession, str]:
    """Create a session with its shared link; returns the session and the link token."""
    if assignment is not None:
        organisation = organisation or assignment.organisation
        consultant = consultant or assignment.lead_consultant
    session = TrainingSession(title=title, held_on=held_on, closes_on=closes_on, assignment=assignment,
                              organisation=organisation, consultant=consultant)
    token = tokens.issue(session)
    with transaction.atomic():
        session.save()
    return session, token


def training_session_link_token(session: TrainingSession) -> str | None:
    """The token of a session's shared link (derived again from its salt; never stored)."""
    return tokens.token_for(session.token_salt) if session.token_salt else None


def training_session_set_manual(*, session: TrainingSession, mean: Decimal | None, count: int | None) -> None:
    """Record (or clear) the mean grade and answer count of the customer's own evaluation."""
    session.manual_mean, session.manual_count = mean, count
    session.save(update_fields=["manual_mean", "manual_count"])
