"""Year-over-year tables of every survey, from the selector's one fetch for several kinds."""
from __future__ import annotations

from reporting.periods import Period
from reporting.selectors import Scope, survey_yoy

KINDS = ("customer", "candidate", "six_month", "training")


def survey_yoy_all(*, period: Period, years: int = 6, scope: Scope | None = None) -> dict[str, dict]:
    """{kind: survey_yoy(kind=kind, ...)} for the four surveys up to the report's `period` (each year's column
    covers the same months), in six queries instead of 24."""
    return survey_yoy(kinds=KINDS, period=period, years=years, scope=scope)
