"""CSV and Excel exports of the dashboard tables: the same values the page shows, unrounded.

CSV: UTF-8 with a byte-order mark, semicolon separated, decimal comma (what Swedish
Excel opens directly). Excel: one sheet per table, numbers as numbers with a
display format; percentages as percent points in CSV and as fractions formatted
as percent in Excel. A suppressed cell carries the text "För få svar för att visa".
"""
from __future__ import annotations

import re

from django.utils.translation import gettext as _

from recruitment.workbooks import Sheet, Styled, csv_lines, workbook_bytes

from .dashboard.tables import DATE, DAYS, DECIMAL, INT, MEAN, MONEY, NPS, PERCENT, Table
from .formatting import export_value

EXCEL_FORMATS = {INT: "0", MEAN: "0.00", PERCENT: "0.0%", NPS: "0.0", MONEY: '#,##0 "kr"', DAYS: "0.0",
                 DECIMAL: "0.00", DATE: "yyyy-mm-dd"}


def _labels(table: Table) -> list[str]:
    return [f"{c.label} (%)" if c.kind == PERCENT else c.label for c in table.columns]


def _csv_value(cell):
    return _("För få svar för att visa") if cell.hidden else export_value(cell.value, cell.kind)


def table_csv(table: Table) -> bytes:
    """The table as CSV (recruitment/workbooks.py): header, then each row (its first cell is its header)."""
    rows = ([_csv_value(cell) for cell in row] for row in table.rows)
    return "".join(csv_lines([_labels(table), *rows])).encode("utf-8")


def _sheet_title(caption: str, used: set[str]) -> str:
    """The table's Swedish caption as the sheet's name (Excel allows 31 characters, no [ ] : * ? / \\)."""
    title = re.sub(r"[\[\]:*?/\\]", "", caption).strip()[:31].strip() or "Tabell"
    base, n = title, 2
    while title in used:
        title = f"{base[:26]} ({n})"
        n += 1
    used.add(title)
    return title


def _xlsx_value(cell):
    if cell.hidden:
        return _("För få svar för att visa")
    if cell.kind == PERCENT:  # a fraction, shown as percent by the format
        value = None if cell.value is None else float(cell.value)
    else:
        value = export_value(cell.value, cell.kind)
    return Styled(value, number_format=EXCEL_FORMATS[cell.kind]) if cell.kind in EXCEL_FORMATS else value


def tables_xlsx(tables: list[Table]) -> bytes:
    """One sheet per table (recruitment/workbooks.py): its caption, header, rows and note."""
    used: set[str] = set()
    return workbook_bytes(
        Sheet(title=_sheet_title(table.caption, used), caption=table.caption, header=_labels(table),
              rows=([_xlsx_value(cell) for cell in row] for row in table.rows), note=table.note or None,
              widths={"A": 40}, code_name=table.name)  # the table's code, for programs; people see the caption
        for table in tables)
