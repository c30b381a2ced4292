"""The one reader of uploaded tables (CSV or .xlsx) that every import uses.

`read_table(data, filename)` returns the header and the data rows, every cell as text, each row
with the line number a person sees: the header is line 1; in a CSV a quoted field may span lines
and its record is named by the line it starts on; in a workbook it is the sheet's row number.
Rows whose cells are all blank are left out. Every import reports a problem in a row as a
`RowError` with that line number (and the column, when one cell is at fault).

CSV: UTF-8 (with or without BOM) or Windows-1252 (what Swedish Excel saves as "CSV"); the
separator (comma, semicolon or tab) is the one the header line uses most.

Limits (settings, refused with a Swedish message before anything is read into memory):
IMPORT_MAX_UPLOAD_BYTES for the file, IMPORT_MAX_UNPACKED_BYTES and IMPORT_MAX_COMPRESSION_RATIO
for what a workbook unpacks to (checked on the zip directory, before openpyxl opens it), and
IMPORT_MAX_ROWS data rows (reading stops at the first row over).

A workbook's sheet is read whole whatever its <dimension> tag says: openpyxl's read-only mode
stops at the tag's last row unless the dimensions are reset.

Why not pandas: read_csv cannot name the physical line a multi-line record starts on, and
neither read_csv nor read_excel can stop at a row limit and report it (nrows silently truncates).
The csv module and openpyxl underneath give both, so the readers use them directly.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

SEPARATORS = (",", ";", "\t")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
_ZIP_MAGIC = b"PK\x03\x04"


class TableError(ValueError):
    """The file cannot be read as a table or is over a limit; the message is Swedish, for the user."""


@dataclass(frozen=True)
class RowError:
    """One problem an import found, in Swedish, where a person finds it in the file.

    `line` is the line `read_table` gave the row (the header is line 1), None for the file as a whole;
    `column` the header's name of the cell at fault, None (or "") when it is the row or the file.
    """

    line: int | None
    column: str | None
    message: str

    def __str__(self):
        if self.line is None:
            return self.message
        if not self.column:
            return _("Rad %(line)s: %(message)s") % {"line": self.line, "message": self.message}
        return _("Rad %(line)s, kolumn %(column)s: %(message)s") % {
            "line": self.line, "column": self.column, "message": self.message}


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line as a person counts it, cells as text)

    def records(self) -> list[tuple[int, dict[str, str]]]:
        """Rows as {column: text}; a cell beyond the header is kept under "" only if not blank."""
        out = []
        for line, cells in self.rows:
            record = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(self.header) if name}
            extra = [c for c in cells[len(self.header):] if c.strip()]
            if extra:
                record[""] = " ".join(extra)
            out.append((line, record))
        return out


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f}"



def too_large_message() -> str:
    return _("Filen är för stor (högst %(mb)s MB).") % {"mb": _mb(settings.IMPORT_MAX_UPLOAD_BYTES)}


def is_workbook(data: bytes, filename: str = "") -> bool:
    return filename.lower().endswith(WORKBOOK_SUFFIXES) or (not filename and data[:4] == _ZIP_MAGIC)


def read_table(data: bytes, filename: str = "") -> Table:
    """Header and data rows of a CSV or .xlsx file (chosen by the name, or by content without one).

    Raises TableError with a Swedish message for an unreadable file or one over a limit.
    """
    data = bytes(data)
    if len(data) > settings.IMPORT_MAX_UPLOAD_BYTES:
        raise TableError(too_large_message())
    if is_workbook(data, filename):
        header, rows = _read_workbook(data)
    elif data[:4] == _ZIP_MAGIC:
        raise TableError(_("Filen ser ut att vara en Excel-fil men heter inte .xlsx."))
    else:
        header, rows = _read_csv(data)
    if header is None:
        raise TableError(_("Filen är tom."))
    header = [name.strip() for name in header]
    while header and header[-1] == "":
        header.pop()
    return Table(header=header, rows=rows)


def _row_limit_error() -> TableError:
    return TableError(_("Filen har fler än %(max)s rader. Dela upp den i mindre filer.")
                      % {"max": settings.IMPORT_MAX_ROWS})


# --- CSV -------------------------------------------------------------------------------------

def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if b"\x00" not in data:  # NUL bytes: UTF-16 or a binary file, not Windows-1252 text
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    raise TableError(_("Filen är inte kodad som UTF-8. Spara den som CSV UTF-8 och försök igen."))


def _separator(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    counts = {sep: first_line.count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: counts[sep])  # ties keep the earlier (comma first)
    return best if counts[best] else ","


def _read_csv(data: bytes) -> tuple[list[str] | None, list[tuple[int, list[str]]]]:
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text))
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    previous_end = 0
    max_rows = settings.IMPORT_MAX_ROWS
    try:
        for record in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if header is None:
                header = record
            elif any(cell.strip() for cell in record):
                if len(rows) >= max_rows:
                    raise _row_limit_error()
                rows.append((start, record))
    except csv.Error:
        raise TableError(_("Rad %(line)s kan inte läsas som CSV (till exempel ett citattecken som inte "
                           "avslutas eller ett för långt fält).") % {"line": previous_end + 1}) from None
    return header, rows


# --- .xlsx -----------------------------------------------------------------------------------

def _unreadable_workbook() -> TableError:
    return TableError(_("Filen kan inte läsas som en Excel-fil (.xlsx)."))


def _check_unpacked_size(data: bytes) -> None:
    """Refuse a workbook that unpacks to more than the limits allow, from the zip directory alone.

    zipfile never yields more than a member's declared file_size (it stops there and fails the
    CRC check), so the declared sizes bound what openpyxl can read.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _unreadable_workbook() from None
    unpacked = sum(info.file_size for info in members)
    packed = sum(info.compress_size for info in members)
    too_big = unpacked > settings.IMPORT_MAX_UNPACKED_BYTES
    # Ordinary sheets compress 5-30 times; a zip bomb thousands of times. Small files are exempt.
    too_dense = unpacked > 1024 * 1024 and unpacked > settings.IMPORT_MAX_COMPRESSION_RATIO * max(packed, 1)
    if too_big or too_dense:
        raise TableError(_("Excel-filen packas upp till %(size)s MB, mer än vad importen tar emot "
                           "(högst %(max)s MB). Dela upp den eller spara den som CSV.")
                         % {"size": _mb(unpacked), "max": _mb(settings.IMPORT_MAX_UNPACKED_BYTES)})


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


_ROW_NUMBER = re.compile(r"[0-9]+")


def _read_workbook(data: bytes) -> tuple[list[str] | None, list[tuple[int, list[str]]]]:
    from openpyxl import load_workbook

    _check_unpacked_size(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise _unreadable_workbook() from None
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    max_rows = settings.IMPORT_MAX_ROWS
    try:
        if not workbook.worksheets:
            return None, []
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # read to the last row, not to what <dimension ref=...> claims
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(v) for v in values]
            if header is None:
                header = cells
            elif any(cell.strip() for cell in cells):
                if len(rows) >= max_rows:
                    raise _row_limit_error()
                rows.append((number, cells))
    except TableError:
        raise
    except Exception:  # a damaged sheet part
        raise _unreadable_workbook() from None
    finally:
        workbook.close()
    return header, rows
