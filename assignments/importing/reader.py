"""Read an import file (CSV or .xlsx) into rows of strings keyed by column name.

Every row keeps the line number a person sees in the file: the header is line 1.
For CSV a quoted field may span lines; the row is then named by the line it
starts on.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

REQUIRED_COLUMNS = (
    "reference", "ordered_on", "organisation", "organisation_kind", "contact_name", "contact_email",
    "consultant", "package", "role_title", "role_level", "sector", "status", "closed_on", "price_sek",
    "hours", "applicants", "personal_letter", "screening", "search",
)
OPTIONAL_COLUMNS = ("extra_hours", "references", "project")


class FileFormatError(Exception):
    """The file cannot be read at all (not CSV/xlsx, wrong encoding, no header)."""


@dataclass(frozen=True)
class RawRow:
    line: int
    values: dict[str, str]


@dataclass
class RawFile:
    columns: list[str]
    rows: list[RawRow]


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_csv(data: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileFormatError(_("Filen är inte kodad som UTF-8. Spara den som CSV UTF-8 och försök igen."))
    first_line = text.split("\n", 1)[0]
    # Swedish Excel saves "CSV" with semicolons; accept that when the header says so.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    previous_end = 0
    try:
        for record in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if header is None:
                header = record
                continue
            records.append((start, record))
    except csv.Error as exc:
        raise FileFormatError(_("Rad %(line)s: filen kan inte läsas som CSV (%(error)s).") % {
            "line": previous_end + 1, "error": exc})
    if header is None:
        raise FileFormatError(_("Filen är tom."))
    return header, records


def _read_xlsx(data: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise FileFormatError(_("Filen kan inte läsas som en Excel-fil (.xlsx)."))
    try:
        sheet = workbook.worksheets[0]
        header: list[str] | None = None
        records: list[tuple[int, list[str]]] = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(v) for v in row]
            if header is None:
                header = cells
                continue
            records.append((number, cells))
    finally:
        workbook.close()
    if header is None:
        raise FileFormatError(_("Filen är tom."))
    return header, records


def read_file(*, data: bytes, filename: str) -> RawFile:
    """Parse the bytes by the file name's extension; raise FileFormatError if unreadable."""
    if filename.lower().endswith((".xlsx", ".xlsm")):
        header, records = _read_xlsx(data)
    elif data[:2] == b"PK":
        raise FileFormatError(_("Filen ser ut att vara en Excel-fil men heter inte .xlsx."))
    else:
        header, records = _read_csv(data)
    columns = [str(name).strip() for name in header]
    while columns and columns[-1] == "":
        columns.pop()
    rows = []
    for line, cells in records:
        values = {}
        for index, name in enumerate(columns):
            if name:
                values[name] = str(cells[index]).strip() if index < len(cells) else ""
        if any(values.values()):  # blank rows (trailing lines, empty Excel rows) are skipped
            rows.append(RawRow(line=line, values=values))
    return RawFile(columns=columns, rows=rows)
