"""Small-group suppression for tables that list consultants.

Candidate results with fewer than `settings.REPORT_MIN_CANDIDATE_GROUP` answers are
never shown per consultant (primary suppression). A table with a total must not
let a hidden cell be recovered by subtracting the shown cells from the total, so
when exactly one cell is hidden a second one is hidden too (complementary
suppression): the smallest shown cell that has answers, or, when there is none,
the total itself. The one function below is the only place the rule lives.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Suppression:
    hidden: tuple[bool, ...]  # per cell, in the order given
    total_hidden: bool

    @property
    def any(self) -> bool:
        return any(self.hidden) or self.total_hidden


def suppress_small(counts: Sequence[int | None], *, minimum: int | None = None, has_total: bool = True) -> Suppression:
    """Which cells of one row/column of answer counts to hide.

    A cell is hidden when it has answers but fewer than `minimum` (a cell with no
    answers shows nothing anyway and reveals nothing). With a total shown beside
    the cells, a single hidden cell would be total minus the others: then the
    smallest shown cell with answers is hidden as well, or the total when no such
    cell exists.
    """
    minimum = settings.REPORT_MIN_CANDIDATE_GROUP if minimum is None else minimum
    values = [c or 0 for c in counts]
    hidden = [0 < c < minimum for c in values]
    total_hidden = False
    if has_total and sum(hidden) == 1:
        shown = [(c, i) for i, c in enumerate(values) if not hidden[i] and c > 0]
        if shown:
            hidden[min(shown)[1]] = True
        else:
            total_hidden = True
    return Suppression(hidden=tuple(hidden), total_hidden=total_hidden)
