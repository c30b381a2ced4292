"""The outcome of an import (or of its dry run), shown by the command and the preview page."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from recruitment.tables import RowError


@dataclass
class ImportReport:
    filename: str
    dry_run: bool
    rows: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    created_consultants: list[str] = field(default_factory=list)
    created_organisations: list[str] = field(default_factory=list)
    created_contacts: int = 0
    updated_contacts: int = 0
    created_projects: list[str] = field(default_factory=list)
    # {reference: [[label, old, new], ...]} for every updated assignment (importing/changes.py)
    changes: dict[str, list[list[str]]] = field(default_factory=dict)

    def as_json(self) -> dict:
        """The report as JSON data (stored on a background import job)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> ImportReport:
        return cls(**{**data, "errors": [RowError(**error) for error in data.get("errors", [])]})

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_lines(self) -> list[str]:
        return [str(error) for error in self.errors]

    def summary_lines(self) -> list[str]:
        """The report in Swedish, one line each, without warnings and errors."""
        if self.errors:
            return [ngettext(
                "%(file)s: %(n)s fel, inget har sparats.",
                "%(file)s: %(n)s fel, inget har sparats.",
                len(self.errors),
            ) % {"file": self.filename, "n": len(self.errors)}]
        head = _("Förhandsgranskning av %(file)s (inget har sparats):") if self.dry_run else _(
            "Import av %(file)s klar:")
        lines = [
            head % {"file": self.filename},
            _("%(n)s rader lästa") % {"n": self.rows},
            _("%(n)s nya uppdrag") % {"n": len(self.created)},
            _("%(n)s uppdaterade uppdrag") % {"n": len(self.updated)},
            _("%(n)s oförändrade uppdrag") % {"n": len(self.unchanged)},
            _("%(n)s nya kunder, %(c)s nya och %(u)s ändrade kontaktpersoner, %(p)s nya volymprojekt") % {
                "n": len(self.created_organisations), "c": self.created_contacts, "u": self.updated_contacts,
                "p": len(self.created_projects)},
        ]
        if self.created_consultants:
            lines.append(_("%(n)s nya konsulter utan inloggning (inaktiva): %(names)s") % {
                "n": len(self.created_consultants), "names": ", ".join(self.created_consultants)})
        if self.warnings:
            lines.append(_("%(n)s varningar") % {"n": len(self.warnings)})
        return lines
