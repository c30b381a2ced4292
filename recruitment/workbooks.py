"""The writers of every export file: one for Excel, one for CSV, and the formula guard both apply.

`workbook_bytes(sheets)` writes each `Sheet` (an optional bold caption line, the bold header, the
rows, an optional note after a blank line) into an .xlsx and returns its bytes. Every text cell
passes `spreadsheet_safe` on the way in, so no export can carry a formula; a value may be wrapped
in `Styled` for a number or date format, bold type, or (for text the program formatted itself,
such as "-5,0 %") to be written as it is. Dates get openpyxl's date format unless one is given.

`csv_lines(rows)` writes rows (the header first) as Swedish Excel opens a CSV file: semicolons,
decimal commas, ISO dates, CRLF line ends and a byte-order mark before the first line (the text is
meant to be encoded as UTF-8). Every text passes the same guard.

The workbook is written in openpyxl's write-only mode: rows stream to the file and are not kept,
so the register's full export costs little memory. openpyxl is imported inside the writer: the
commands and pages that never write a workbook (`kpi`) do not pay for importing it.

Users: the register export and its import template (assignments/exports.py), the dashboard tables
(reporting/exports.py) and the plan's indicators (goals/export.py, Excel only).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

FORMULA_START = ("=", "+", "-", "@")
# A spreadsheet also runs a formula behind leading blanks, and treats a leading tab or
# carriage return as the start of a new cell or line it may then evaluate.
CONTROL_START = ("\t", "\r")
BLANKS_BEFORE_FORMULA = " \t\r\n"


def spreadsheet_safe(value):
    """The one formula guard of every export (CSV and Excel, register, reports, goals).

    Text a spreadsheet would run as a formula gets a leading apostrophe: text whose first
    character other than spaces, tabs and line breaks is = + - or @, and text that starts with
    a tab or a carriage return. Numbers and dates pass unchanged (a negative number stays a number).
    """
    if isinstance(value, str) and (
        value.startswith(CONTROL_START) or value.lstrip(BLANKS_BEFORE_FORMULA).startswith(FORMULA_START)
    ):
        return "'" + value
    return value


@dataclass(frozen=True)
class Styled:
    """A cell value with a number format and/or bold type.

    guard=False writes text as it is, without the formula guard: only for text the program
    formatted itself from a number (never for anything a person typed).
    """

    value: object
    number_format: str | None = None
    bold: bool = False
    guard: bool = True


@dataclass
class Sheet:
    title: str  # at most 31 characters, none of [ ] : * ? / \ (Excel's rules)
    header: Sequence[str]
    rows: Iterable[Sequence]  # values (text, numbers, dates, None) or Styled
    caption: str | None = None  # a bold line above the header
    note: str | None = None  # a line after the rows, below a blank line
    widths: Mapping[str, float] = field(default_factory=dict)  # column letter -> width in characters
    code_name: str | None = None  # the sheet's code name, for programs (people see the title)


def workbook_bytes(sheets: Iterable[Sheet]) -> bytes:
    """The sheets as an .xlsx file, in the order given."""
    from openpyxl import Workbook  # imported where it is used: commands and pages start faster
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    bold = Font(bold=True)
    book = Workbook(write_only=True)

    def cell(sheet, value):
        if not isinstance(value, Styled):
            return spreadsheet_safe(value)
        written = WriteOnlyCell(sheet, value=spreadsheet_safe(value.value) if value.guard else value.value)
        if value.number_format:
            written.number_format = value.number_format
        if value.bold:
            written.font = bold
        return written

    for spec in sheets:
        sheet = book.create_sheet(title=spec.title)
        if spec.code_name:
            sheet.sheet_properties.codeName = spec.code_name
        for letter, width in spec.widths.items():
            sheet.column_dimensions[letter].width = width
        if spec.caption is not None:
            sheet.append([cell(sheet, Styled(spec.caption, bold=True))])
        sheet.append([cell(sheet, Styled(name, bold=True)) for name in spec.header])
        for values in spec.rows:
            sheet.append([cell(sheet, value) for value in values])
        if spec.note:
            sheet.append([])
            sheet.append([cell(sheet, spec.note)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_text(value) -> str:
    """A value as a Swedish CSV cell: "" for None, decimal comma, ISO date, text guarded against formulas."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value).replace(".", ",")
    return spreadsheet_safe(str(value))


def csv_lines(rows: Iterable[Sequence]) -> Iterator[str]:
    """Rows (the first is the header) as CSV lines, one at a time (a long export streams); BOM first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    prefix = "\ufeff"
    for values in rows:
        writer.writerow([csv_text(value) for value in values])
        yield prefix + buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        prefix = ""
