"""Survey measures per consultant in a fixed number of queries, for tables that list consultants.

The grouped fetch is `reporting.selectors.survey_data_by_consultant`; each
consultant's measures are built by the same `customer_from` / `candidate_from` as
every other report (one rule per measure).
"""
from __future__ import annotations

from reporting.periods import Period
from reporting.selectors import Scope, candidate_from, customer_from, survey_data_by_consultant

KINDS = ("customer", "candidate")


def survey_by_consultant(scope: Scope, period: Period) -> dict[int, dict]:
    """{consultant_id: {"customer": section, "candidate": section}} (four queries)."""
    data = survey_data_by_consultant(scope, period, kinds=KINDS)
    return {pk: {"customer": customer_from(d), "candidate": candidate_from(d)} for pk, d in data.items()}
