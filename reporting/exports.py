"""CSV and Excel exports of the dashboard tables: the same values the page shows, unrounded.

CSV: UTF-8 with a byte-order mark, semicolon separated, decimal comma (what Swedish
Excel opens directly). Excel: one sheet per table, numbers as numbers with a
display format; percentages as percent points in CSV and as fractions formatted
as percent in Excel. A suppressed cell carries the text "För få svar för att visa".
"""
from __future__ import annotations

import csv
import io
import re

from django.utils.translation import gettext as _

from assignments.exports import spreadsheet_safe

from .dashboard.tables import DATE, DAYS, DECIMAL, INT, MEAN, MONEY, NPS, PERCENT, Table
from .formatting import export_value

EXCEL_FORMATS = {INT: "0", MEAN: "0.00", PERCENT: "0.0%", NPS: "0.0", MONEY: '#,##0 "kr"', DAYS: "0.0",
                 DECIMAL: "0.00", DATE: "yyyy-mm-dd"}


def _header(table: Table) -> list[str]:
    return [spreadsheet_safe(f"{c.label} (%)" if c.kind == PERCENT else c.label) for c in table.columns]


def _csv_value(cell) -> str:
    if cell.hidden:
        return _("För få svar för att visa")
    value = export_value(cell.value, cell.kind)
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    return spreadsheet_safe(value) if isinstance(value, str) else str(value)


def table_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(_header(table))
    for row in table.rows:
        # Each row's first cell is its header; its kind follows the column.
        writer.writerow([_csv_value(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _sheet_title(caption: str, used: set[str]) -> str:
    """The table's Swedish caption as the sheet's name (Excel allows 31 characters, no [ ] : * ? / \\)."""
    title = re.sub(r"[\[\]:*?/\\]", "", caption).strip()[:31].strip() or "Tabell"
    base, n = title, 2
    while title in used:
        title = f"{base[:26]} ({n})"
        n += 1
    used.add(title)
    return title


def tables_xlsx(tables: list[Table]) -> bytes:
    from openpyxl import Workbook  # imported where it is used: commands and pages start faster
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(_sheet_title(table.caption, used))
        sheet.sheet_properties.codeName = table.name  # the table's code, for programs; people see the caption
        sheet.append([spreadsheet_safe(table.caption)])
        sheet["A1"].font = Font(bold=True)
        sheet.append(_header(table))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            values = []
            for cell in row:
                if cell.hidden:
                    values.append(_("För få svar för att visa"))
                elif cell.kind == PERCENT:
                    values.append(None if cell.value is None else float(cell.value))
                else:
                    values.append(spreadsheet_safe(export_value(cell.value, cell.kind)))
            sheet.append(values)
            for target, cell in zip(sheet[sheet.max_row], row, strict=True):
                if cell.kind in EXCEL_FORMATS and not cell.hidden:
                    target.number_format = EXCEL_FORMATS[cell.kind]
        if table.note:
            sheet.append([])
            sheet.append([spreadsheet_safe(table.note)])
        sheet.column_dimensions["A"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
