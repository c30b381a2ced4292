"""Survey measures per consultant, for tables that list consultants.

The grouped fetch is `reporting.selectors.survey_data_with_consultants` (or
`survey_data_by_consultant`); each consultant's measures are built by the same
`customer_from` / `candidate_from` as every other report (one rule per measure; the
candidate sections already withheld by the rule of five, complementary suppression
in the table that shows them beside their total).
"""
from __future__ import annotations

from reporting.selectors import SurveyData, candidate_from, customer_from


def consultant_sections(by_consultant: dict[int, SurveyData]) -> dict[int, dict]:
    """{consultant_id: {"customer": section, "candidate": section}} (no queries)."""
    return {pk: {"customer": customer_from(d), "candidate": candidate_from(d)} for pk, d in by_consultant.items()}
