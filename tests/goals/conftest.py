"""Helpers for the goals tests: survey answers."""
import datetime as dt

from surveys.models import SurveyVersion
from tests.factories import ResponseFactory


def answer(kind, day, assignment=None, consultant=None, **values):
    """A response stored as the answer pages store it (a candidate one without its assignment)."""
    version, _ = SurveyVersion.objects.get_or_create(kind=kind, year=2020, defaults={"title": kind})
    return ResponseFactory(kind=kind, version=version, submitted_on=day, assignment=assignment,
                           consultant=consultant or (assignment.lead_consultant if assignment else None),
                           answers=values)


D = dt.date
