"""Helpers for the goals tests: survey answers."""
import datetime as dt

from tests.factories import ResponseFactory, SurveyVersionFactory


def answer(kind, day, assignment=None, consultant=None, **values):
    """A response stored as the answer pages store it (a candidate one without its assignment)."""
    version = SurveyVersionFactory(kind=kind, year=2020, title=kind)
    return ResponseFactory(kind=kind, version=version, submitted_on=day, assignment=assignment,
                           consultant=consultant or (assignment.lead_consultant if assignment else None),
                           answers=values)


D = dt.date
