"""Year-over-year tables of every survey, from the selector's one fetch for several kinds."""
from __future__ import annotations

from reporting.selectors import Scope, survey_yoy

KINDS = ("customer", "candidate", "six_month", "training")


def survey_yoy_all(*, last_year: int, years: int = 6, scope: Scope | None = None) -> dict[str, dict]:
    """{kind: survey_yoy(kind=kind, ...)} for the four surveys, in six queries instead of 24."""
    return survey_yoy(kinds=KINDS, last_year=last_year, years=years, scope=scope)
