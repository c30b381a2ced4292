"""The rule of five for candidate answers: the one place that decides what of a candidate section is shown.

Candidate answers are anonymous. No figure built from fewer than
`settings.REPORT_MIN_CANDIDATE_GROUP` candidate answers is ever shown, in any slice
(the department, a unit, a consultant, any filter, any period), by any output (the
dashboard, the exports, the PDF, the kpi JSON, the year-over-year tables, the
comments). Response rates and invitation counts appear only over at least as many
invitations (and answers). Where a total is shown beside its parts, one hidden part
would be the total minus the others, so a second cell is hidden too (complementary
suppression, `suppress_small` / `parts_suppression`).

Every candidate section is built by `reporting.selectors.candidate_from`, which
passes it through `candidate_shown`; a table that lists parts of a total asks
`parts_suppression` / `suppress_small` and withholds with `candidate_withheld`.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings

# The section's number of answers the rule was applied to, kept (never shown) for complementary suppression.
ANSWERS = "answers"


def candidate_min_group() -> int:
    """The smallest group of candidate answers (or invitations) whose figures may be shown."""
    return settings.REPORT_MIN_CANDIDATE_GROUP


def candidate_too_few(n: int | None, *, minimum: int | None = None) -> bool:
    """The rule: a group of 1 to minimum - 1 candidate answers (or invitations) is too small to show.

    A group of none shows nothing and reveals nothing.
    """
    minimum = candidate_min_group() if minimum is None else minimum
    return 0 < (n or 0) < minimum


def candidate_answer_count(section: dict) -> int:
    """How many answers a candidate section's figures come from (published aggregates: the largest n)."""
    counts = [section.get("responses") or 0] + [q.get("n") or 0 for q in section.get("questions", {}).values()]
    return max(counts)


def candidate_withheld(section: dict, *, rate: bool = True) -> dict:
    """A copy with every figure from the answers withheld (and the response rate, unless `rate` is False)."""
    hidden = {**section, "responses": None, "questions": {}, "satisfied_share": None, "overall_mean": None,
              "suppressed": True}
    if rate:
        hidden["response_rate"] = None
        hidden["rate_suppressed"] = True
    return hidden


def candidate_shown(section: dict, *, answered: int | None = None, overall: str) -> dict:
    """What of a freshly built candidate section may be shown, by the rule of five.

    `answered`: the answered invitations behind the response rate; `overall`: the key of the rating
    behind the overall mean and satisfied share. A question answered by too few within a large
    enough section is left out (and with the overall rating, its mean and share). Adds "suppressed"
    (the answers' figures are withheld: responses, questions, shares, means are None
    or empty) and "rate_suppressed" (the invitation count when it is too small, and
    the response rate, are None), and ANSWERS, the count the rule saw (never shown).
    """
    answers = candidate_answer_count(section)
    shown = {**section, "suppressed": False, "rate_suppressed": False}
    if candidate_too_few(answers):
        shown = candidate_withheld(shown)
    else:
        shown["questions"] = _questions_shown(section.get("questions") or {})
        if overall not in shown["questions"]:
            shown.update(overall_mean=None, satisfied_share=None)
    if candidate_too_few(section.get("invited")):
        shown.update(invited=None, response_rate=None, rate_suppressed=True)
    elif candidate_too_few(answered):
        shown.update(response_rate=None, rate_suppressed=True)
    shown[ANSWERS] = answers
    return shown


def _questions_shown(questions: dict) -> dict:
    """The questions of a shown section without those answered by too few (a conditional question,
    "Ej aktuellt", left blank): within a large enough section they are one or two people's answers."""
    return {key: q for key, q in questions.items() if not candidate_too_few(q.get("n"))}


@dataclass(frozen=True)
class Suppression:
    hidden: tuple[bool, ...]  # per cell, in the order given
    total_hidden: bool

    @property
    def any(self) -> bool:
        return any(self.hidden) or self.total_hidden


def suppress_small(counts: Sequence[int | None], *, minimum: int | None = None, has_total: bool = True) -> Suppression:
    """Which cells of one row/column of candidate answer counts to hide.

    A cell is hidden by the rule (`candidate_too_few`). With a total shown beside
    the cells, a single hidden cell would be total minus the others: then the
    smallest shown cell with answers is hidden as well, or the total when no such
    cell exists.
    """
    values = [c or 0 for c in counts]
    hidden = [candidate_too_few(c, minimum=minimum) for c in values]
    total_hidden = False
    if has_total and sum(hidden) == 1:
        shown = [(c, i) for i, c in enumerate(values) if not hidden[i] and c > 0]
        if shown:
            hidden[min(shown)[1]] = True
        else:
            total_hidden = True
    return Suppression(hidden=tuple(hidden), total_hidden=total_hidden)


def parts_suppression(parts: Sequence[int | None], total: int | None) -> Suppression:
    """`suppress_small` for parts shown beside their total when the parts need not cover it.

    The rest (total minus the parts: answers of no listed part) is a cell of its own,
    the last one in `hidden`, whether or not it is shown.
    """
    rest = max((total or 0) - sum(p or 0 for p in parts), 0)
    return suppress_small([*parts, rest])
