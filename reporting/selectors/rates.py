"""Response rates: answered / sent for invitations sent in the period (skipped, held, cancelled never count)."""
from __future__ import annotations

from reporting.periods import Period

from .scope import Scope
from .stats import invitation_counts, response_rate
from .survey_data import SURVEY_KINDS


def response_rates(scope: Scope, period: Period) -> dict:
    """{kind: {"invited": sent, "answered": n, "response_rate": fraction or None}} for every survey (one query).

    None ("no data") where no invitation was sent in the period, as for imported history.
    """
    counts = {kind: value for (_year, kind), value in invitation_counts(scope, period.start, period.end).items()}
    result = {}
    for kind in SURVEY_KINDS:
        sent, answered = counts.get(kind, (0, 0))
        result[kind] = {"invited": sent, "answered": answered, "response_rate": response_rate(sent, answered)}
    return result
