"""CSV and Excel exports of the filtered assignment list (every row, not one page).

The columns are the import's (assignments/importing/columns.py), with the values a person
types there (Swedish names, package codes, ja/nej), so an exported file imports back unchanged.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.utils.translation import gettext as _

from recruitment import workbooks

from .importing.columns import COLUMNS
from .models import Assignment

CENTS = Decimal("0.01")


def headers() -> list[str]:
    return list(COLUMNS)


def _yes_no(value: bool) -> str:
    return "ja" if value else "nej"


def _money(value) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(CENTS)


def _whole(value) -> int | None:
    return None if not value else int(value)


def row_values(a: Assignment) -> list:
    """One row with typed values (dates, Decimals) in the import's columns; the writers format them.

    Needs the annotations of selectors.assignment_export (the package line's amount, the add-ons)."""
    contact = a.contact
    values = {
        "reference": a.reference, "ordered_on": a.ordered_on, "organisation": a.organisation.name,
        "organisation_kind": a.organisation.get_kind_display(), "contact_name": contact.name if contact else "",
        "contact_email": contact.email if contact else "",
        "consultant": a.lead_consultant.email if a.lead_consultant_id else "",
        "package": a.package.code, "role_title": a.role_title, "role_level": a.get_role_level_display(),
        "sector": a.get_sector_display(), "status": a.get_status_display(), "closed_on": a.closed_on,
        "price_sek": _money(a.package_amount), "hours": a.hours, "applicants": a.applicants,
        "personal_letter": _yes_no(a.personal_letter), "screening": _yes_no(a.screening),
        "search": _yes_no(a.search_used), "extra_hours": a.extra_hours_billed or None,
        "references": _whole(a.references_billed), "project": a.project.name if a.project else "",
    }
    return [values[c] for c in COLUMNS]


def csv_lines(assignments: Iterable[Assignment]) -> Iterator[str]:
    """Semicolon-separated with decimal commas and a BOM, as Swedish Excel opens it."""
    return table_csv(_with_header(assignments))


def xlsx_bytes(assignments: Iterable[Assignment]) -> bytes:
    return table_xlsx(_with_header(assignments))


def _with_header(assignments):
    yield headers()
    for a in assignments:
        yield row_values(a)


def table_csv(rows: Iterable[list]) -> Iterator[str]:
    """Rows (the first is the header) as CSV lines (recruitment/workbooks.py); the first starts with a BOM."""
    return workbooks.csv_lines(rows)


def table_xlsx(rows: Iterable[list]) -> bytes:
    """Rows (the first is the header) as the register's one-sheet workbook (recruitment/workbooks.py)."""
    rows = iter(rows)
    return workbooks.workbook_bytes([workbooks.Sheet(title=_("Uppdrag"), header=next(rows), rows=rows)])
