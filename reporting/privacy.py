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

Periods of one year (`tertials_shown`): the report periods are cumulative (T1 = January-April,
T2 = January-August, T3 = the year) and the dashboard also offers a tertial alone (May-August,
September-December), so every period a report offers is a union of the year's tertials, and two
shown periods of one scope differ by the answers of the months between them. A candidate figure
(the section, or one question) of such a period is shown only if, together with the periods of
the same year and scope decided before it and shown, no set of the year's tertials holding 1 to
minimum - 1 answers can be had by adding and subtracting shown figures. Periods are decided in
the order they end (a year to date before the tertial alone that ends with it), so that a
figure once shown stays shown when later months' answers arrive. `candidate_shown` applies it when
given the year's answers per tertial (`reporting.selectors.survey_data`, which says for which scopes).
"""
from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

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


def candidate_shown(section: dict, *, answered: int | None = None, overall: str,
                    year: YearCounts | None = None) -> dict:
    """What of a freshly built candidate section may be shown, by the rule of five.

    `answered`: the answered invitations behind the response rate; `overall`: the key of the rating
    behind the overall mean and satisfied share. A question answered by too few within a large
    enough section is left out (and with the overall rating, its mean and share). Adds "suppressed"
    (the answers' figures are withheld: responses, questions, shares, means are None
    or empty) and "rate_suppressed" (the invitation count when it is too small, and
    the response rate, are None), and ANSWERS, the count the rule saw (never shown).
    `year`: the section's period among the year's periods and the year's answers per tertial, when the
    figures of the year's other periods of the same scope may be shown too (`tertials_shown`): the
    section, or a question, is withheld where it would give away another period's few answers.
    """
    answers = candidate_answer_count(section)
    shown = {**section, "suppressed": False, "rate_suppressed": False}
    if candidate_too_few(answers) or (year is not None and not year.shown(None)):
        shown = candidate_withheld(shown)
    else:
        shown["questions"] = _questions_shown(section.get("questions") or {})
        if year is not None:
            shown["questions"] = {key: q for key, q in shown["questions"].items() if year.shown(key)}
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


# The periods of a year a report offers, as sets of the year's tertials, in the order they are decided:
# by their end, the year to date before the tertial alone ending with it (T1, T2, May-August, the year,
# September-December).
YEAR_PERIODS = (frozenset({1}), frozenset({1, 2}), frozenset({2}), frozenset({1, 2, 3}), frozenset({3}))


def tertials_shown(counts: Mapping[int, int], *, minimum: int | None = None) -> dict[frozenset[int], bool]:
    """{period (a set of tertials, YEAR_PERIODS): shown} for one figure of one scope and year, from its
    answers per tertial (`counts`, {1: n, 2: n, 3: n}).

    A period is shown when it has none or enough answers (`candidate_too_few`) and when, with it and
    the periods decided before it and shown, no set of tertials with too few answers can be had by
    adding and subtracting the shown figures: T2 less T1 is May-August, the year less T2 is
    September-December, the year less T1 and May-August is September-December, and so on. Every
    earlier shown period counts, not only the one before: with T2 withheld (May-August too few), the
    year less T1 would be May-December. A period's decision reads only tertials up to its end.
    """
    minimum = candidate_min_group() if minimum is None else minimum
    return dict(_tertials_shown(tuple(counts.get(t) or 0 for t in (1, 2, 3)), minimum))


@functools.lru_cache(maxsize=4096)
def _tertials_shown(counts: tuple[int, int, int], minimum: int) -> tuple[tuple[frozenset[int], bool], ...]:
    """`tertials_shown` of (T1, May-August, September-December) answers, kept: many figures repeat them."""
    tertials = [t for t in (1, 2, 3) if counts[t - 1]]  # a tertial without answers hides nobody
    small = [set(s) for size in range(1, len(tertials) + 1) for s in combinations(tertials, size)
             if candidate_too_few(sum(counts[t - 1] for t in s), minimum=minimum)]
    result, rows = [], []
    for period in YEAR_PERIODS:
        trial = [*rows, [int(t in period) for t in tertials]]
        given_away = any(_in_span(trial, [int(t in s) for t in tertials]) for s in small)
        result.append((period, not given_away))
        if not given_away:
            rows = trial
    return tuple(result)


def _rank(rows: list[list[int]]) -> int:
    """The rank of a small integer matrix (Gaussian elimination over the rationals)."""
    matrix = [[Fraction(v) for v in row] for row in rows]
    rank, columns = 0, len(matrix[0]) if matrix else 0
    for column in range(columns):
        pivot = next((i for i in range(rank, len(matrix)) if matrix[i][column]), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        for i in range(len(matrix)):
            if i != rank and matrix[i][column]:
                factor = matrix[i][column] / matrix[rank][column]
                matrix[i] = [a - factor * b for a, b in zip(matrix[i], matrix[rank], strict=True)]
        rank += 1
    return rank


def _in_span(rows: list[list[int]], vector: list[int]) -> bool:
    """Whether `vector` is a sum of multiples of `rows`: a figure that can be worked out from them."""
    return _rank(rows) == _rank([*rows, vector])


@dataclass(frozen=True)
class YearCounts:
    """A candidate section's period among its year's periods (`period`, a set of tertials) and the year's
    answers per tertial of the same scope: {None (the responses) or question key: {tertial: n}}."""

    period: frozenset[int]
    counts: Mapping[str | None, Mapping[int, int]]

    def shown(self, key: str | None) -> bool:
        """Whether the figure (None: the section; else a question) of the period may be shown."""
        return tertials_shown(self.counts.get(key) or {})[self.period]


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
