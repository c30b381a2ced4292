"""Excel export of a plan's indicators in the plan's own columns, to paste into the city's planning system."""
from __future__ import annotations

import io

from assignments.exports import spreadsheet_safe

from .models import Periodicity
from .status import STATUS_LABELS
from .templatetags.goals_tags import indicator_value, target_display

COLUMNS = ["Indikator", "Årsmål", "KF:s årsmål", "Periodicitet", "Utfall T1", "Utfall T2", "Utfall T3", "Status",
           "Saknas"]


def plan_workbook(*, chain: dict, year: int, period: str) -> bytes:
    """Rows: a bold row per goal, then its indicators; Status is the chosen period's (year to date)."""
    from openpyxl import Workbook  # imported where it is used: commands and pages start faster
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = f"Indikatorer {year}"
    ws.append(COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    results = chain["results"]
    for goal in chain["goals"]:
        indicators = list(goal.indicators.all())
        if not indicators:
            continue
        ws.append([f"{goal.get_level_display()}: {goal.number + ' ' if goal.number else ''}{goal.text}"])
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
        for ind in indicators:
            res = results[ind.pk]
            ws.append([
                spreadsheet_safe(ind.name),
                spreadsheet_safe(target_display(ind)),
                spreadsheet_safe(ind.kf_target),
                str(Periodicity(ind.periodicity).label),
                *[indicator_value(res[p].value, ind.unit) if res[p].value is not None else "" for p in
                  ("T1", "T2", "T3")],
                str(STATUS_LABELS[res[period].status]),
                spreadsheet_safe(res[period].lack.text) if res[period].lack else "",
            ])
    ws.column_dimensions["A"].width = 80
    for col in "BCDEFGH":
        ws.column_dimensions[col].width = 18
    ws.column_dimensions["I"].width = 60
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
