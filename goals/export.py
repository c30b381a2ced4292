"""Excel export of a plan's indicators in the plan's own columns, to paste into the city's planning system."""
from __future__ import annotations

from recruitment.workbooks import Sheet, Styled, workbook_bytes

from .models import Periodicity
from .status import STATUS_LABELS
from .templatetags.goals_tags import indicator_value, target_display

COLUMNS = ["Indikator", "Årsmål", "KF:s årsmål", "Periodicitet", "Utfall T1", "Utfall T2", "Utfall T3", "Status",
           "Saknas"]
WIDTHS = {"A": 80, **dict.fromkeys("BCDEFGH", 18), "I": 60}


def plan_workbook(*, chain: dict, year: int, period: str) -> bytes:
    """Rows: a bold row per goal, then its indicators; Status is the chosen period's (year to date).

    The writer (recruitment/workbooks.py) guards every text against formulas; an outcome is text
    formatted here from a number ("-5,0 %") and is written as it is.
    """
    return workbook_bytes([Sheet(title=f"Indikatorer {year}", header=COLUMNS, rows=_rows(chain, period),
                                 widths=WIDTHS)])


def _rows(chain: dict, period: str):
    results = chain["results"]
    for goal in chain["goals"]:
        indicators = list(goal.indicators.all())
        if not indicators:
            continue
        yield [Styled(f"{goal.get_level_display()}: {goal.number + ' ' if goal.number else ''}{goal.text}", bold=True)]
        for ind in indicators:
            res = results[ind.pk]
            yield [
                ind.name,
                target_display(ind),
                ind.kf_target,
                str(Periodicity(ind.periodicity).label),
                *[Styled(indicator_value(res[p].value, ind.unit), guard=False) if res[p].value is not None else ""
                  for p in ("T1", "T2", "T3")],
                str(STATUS_LABELS[res[period].status]),
                res[period].lack.text if res[period].lack else "",
            ]
