"""Read an import file (CSV or .xlsx) into rows of strings keyed by column name.

The shared reader (recruitment.tables.read_table) does the reading and the limits; every row
keeps the line number a person sees in the file (the header is line 1).
"""
from __future__ import annotations

from dataclasses import dataclass

from recruitment.tables import TableError, read_table

REQUIRED_COLUMNS = (
    "reference", "ordered_on", "organisation", "organisation_kind", "contact_name", "contact_email",
    "consultant", "package", "role_title", "role_level", "sector", "status", "closed_on", "price_sek",
    "hours", "applicants", "personal_letter", "screening", "search",
)
OPTIONAL_COLUMNS = ("extra_hours", "references", "project")
# Optional planned dates (ÅÅÅÅ-MM-DD) of the old register's timeline, keyed by the step each one plans.
# The register keeps none of them: they travel with the `assignments_imported` signal to the apps that
# lay plans (the timeline), so they are neither in the template nor in the export (COLUMNS).
PLANNED_COLUMNS = {
    "planned_start_meeting": "start_meeting",
    "planned_application_deadline": "application_deadline",
    "planned_decision": "decision",
}


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


def read_file(*, data: bytes, filename: str) -> RawFile:
    """Parse the bytes by the file name's extension; raise FileFormatError if unreadable or too large."""
    try:
        table = read_table(data, filename)
    except TableError as exc:
        raise FileFormatError(str(exc)) from None
    columns = table.header
    rows = []
    for line, cells in table.rows:
        values = {}
        for index, name in enumerate(columns):
            if name:
                values[name] = str(cells[index]).strip() if index < len(cells) else ""
        if any(values.values()):  # blank rows (trailing lines, empty Excel rows) are skipped
            rows.append(RawRow(line=line, values=values))
    return RawFile(columns=columns, rows=rows)
