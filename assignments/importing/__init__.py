"""Import assignments from the old Access database's export (CSV or .xlsx).

`assignments_import` checks every row first; one bad row rejects the whole file
and nothing is written. A good file is written in one transaction, updating by
reference, so importing the same file again changes nothing. The import never
sends `assignment_status_changed`: old assignments must not schedule surveys.
"""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from recruitment.tables import RowError

from ..models import Consultant
from .parse import ParsedFile, parse_rows
from .prices import Catalogue
from .reader import OPTIONAL_COLUMNS, PLANNED_COLUMNS, REQUIRED_COLUMNS, FileFormatError, read_file
from .report import ImportReport
from .writer import Writer

__all__ = ["ImportReport", "RowError", "assignments_import", "assignments_imported", "REQUIRED_COLUMNS",
           "OPTIONAL_COLUMNS", "PLANNED_COLUMNS", "invoiced_until_default"]

# Sent inside the import's transaction, after the rows are written; kwargs: references (every row's),
# invoiced_until (a date: what was closed or cancelled by then counts as invoiced), planned ({reference:
# {step: date}} from the file's PLANNED_COLUMNS, only rows that have any).
assignments_imported = Signal()


def _consultants_by_email() -> dict[str, Consultant]:
    # Matched in Python: SQLite's LOWER() leaves non-ASCII letters alone.
    return {consultant.email.lower(): consultant for consultant in Consultant.objects.all()}


def _check_against_register(*, parsed: ParsedFile, catalogue: Catalogue, consultants: dict, create_consultants: bool):
    """Errors that need the register: unknown consultants and prices missing from the catalogue."""
    errors = []
    for row in parsed.rows:
        if row.consultant not in consultants and not create_consultants:
            errors.append(RowError(row.line, "consultant", _(
                "okänd konsult '%(email)s': lägg in konsulten i registret, eller välj att skapa okända konsulter "
                "(för konsulter som har slutat)") % {"email": row.consultant}))
        if row.price_sek is None and catalogue.price(row.package, row.ordered_on) is None:
            errors.append(RowError(row.line, "price_sek", _(
                "pris saknas och paketet %(package)s har inget pris för %(year)s") % {
                "package": catalogue.packages[row.package].name, "year": row.ordered_on.year}))
        for column, code, present in (("extra_hours", "OVRIG", row.extra_hours),
                                      ("references", "REFERENS", row.references)):
            if present and catalogue.price(code, row.ordered_on) is None:
                errors.append(RowError(row.line, column, _(
                    "det finns inget pris för %(package)s år %(year)s") % {
                    "package": catalogue.packages[code].name if code in catalogue.packages else code,
                    "year": row.ordered_on.year}))
    return errors


def invoiced_until_default(today: dt.date | None = None) -> dt.date:
    """The last day of the previous month: old data closed by then counts as invoiced."""
    today = today or timezone.localdate()
    return today.replace(day=1) - dt.timedelta(days=1)


def assignments_import(*, file, filename: str, create_consultants: bool, dry_run: bool, by=None,
                       progress=None, invoiced_until: dt.date | None = None) -> ImportReport:
    """Check and import a file; with `dry_run` the report says what would change, and nothing is kept.

    `file` is bytes or a binary file object; `progress`, if given, is called with a percentage.
    `invoiced_until` goes with the `assignments_imported` signal: billing counts the lines of assignments
    closed or cancelled on or before it as invoiced (the command and the import page offer
    `invoiced_until_default()`; None marks nothing).
    """
    progress = progress or (lambda value: None)
    data = file if isinstance(file, bytes | bytearray) else file.read()
    report = ImportReport(filename=filename, dry_run=dry_run)
    try:
        raw = read_file(data=bytes(data), filename=filename)
    except FileFormatError as exc:
        report.errors.append(RowError(None, None, str(exc)))
        return report
    report.rows = len(raw.rows)
    progress(20)
    catalogue = Catalogue()
    parsed = parse_rows(raw=raw, package_codes=catalogue.codes())
    progress(50)
    report.warnings.extend(parsed.warnings)
    report.errors.extend(parsed.errors)
    consultants = _consultants_by_email()
    report.errors.extend(_check_against_register(
        parsed=parsed, catalogue=catalogue, consultants=consultants, create_consultants=create_consultants))
    if report.errors:
        report.errors.sort(key=lambda e: (e.line or 0, REQUIRED_COLUMNS.index(e.column)
                                          if e.column in REQUIRED_COLUMNS else 99))
        return report
    progress(60)
    with transaction.atomic():
        Writer(parsed=parsed, catalogue=catalogue, consultants=consultants, report=report, by=by).run()
        assignments_imported.send(sender=assignments_import, references=[row.reference for row in parsed.rows],
                                  invoiced_until=invoiced_until,
                                  planned={row.reference: row.planned for row in parsed.rows if row.planned})
        if dry_run:
            transaction.set_rollback(True)
    return report
