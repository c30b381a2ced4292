"""CSV and Excel exports of the filtered assignment list (every row, not one page)."""
from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.utils.translation import gettext as _

from .models import Assignment

FORMULA_START = ("=", "+", "-", "@")
# A spreadsheet also runs a formula behind leading blanks, and treats a leading tab or
# carriage return as the start of a new cell or line it may then evaluate.
CONTROL_START = ("\t", "\r")
BLANKS_BEFORE_FORMULA = " \t\r\n"
CENTS = Decimal("0.01")


def headers() -> list[str]:
    return [
        _("Uppdragsnummer"), _("Beställningsdatum"), _("Kund"), _("Kundtyp"), _("Rekryterande chef"),
        _("Befattning"), _("Nivå"), _("Sektor"), _("Ansvarig konsult"), _("Volymprojekt"), _("Paket"),
        _("Status"), _("Avslutsdatum"), _("Antal sökande"), _("Nedlagda timmar"), _("Fakturerat belopp (kr)"),
    ]


def row_values(a: Assignment) -> list:
    """One row with typed values (dates, Decimals); the writers format them."""
    return [
        a.reference, a.ordered_on, a.organisation.name, a.organisation.get_kind_display(),
        a.contact.name if a.contact else "", a.role_title, a.get_role_level_display(), a.get_sector_display(),
        a.lead_consultant.name, a.project.name if a.project else "", a.package.code, a.get_status_display(),
        a.closed_on, a.applicants, a.hours, Decimal(a.invoiced).quantize(CENTS),
    ]


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return str(value).replace(".", ",")
    return spreadsheet_safe(str(value))


def csv_lines(assignments: Iterable[Assignment]) -> Iterator[str]:
    """Semicolon-separated with decimal commas and a BOM, as Swedish Excel opens it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(headers())
    yield "\ufeff" + flush()
    for a in assignments:
        writer.writerow([_csv_cell(v) for v in row_values(a)])
        yield flush()


def xlsx_bytes(assignments: Iterable[Assignment]) -> bytes:
    from openpyxl import Workbook  # imported where it is used: commands and pages start faster

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Uppdrag"))
    sheet.append(headers())
    for a in assignments:
        values = row_values(a)
        sheet.append([_xlsx_cell(v) for v in values])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _xlsx_cell(value):
    return spreadsheet_safe(value)


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
