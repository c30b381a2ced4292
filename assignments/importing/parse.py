"""Check every row of an import file and turn its strings into typed values.

Nothing here writes. Every problem is collected with its line and column, so a
coordinator can fix the whole file in one go.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from recruitment.tables import RowError

from ..models import OrganisationKind, RoleLevel, Sector, Status
from .columns import allowed
from .reader import OPTIONAL_COLUMNS, PLANNED_COLUMNS, REQUIRED_COLUMNS, RawFile, RawRow


@dataclass
class ParsedRow:
    line: int
    reference: str
    ordered_on: dt.date
    organisation: str
    organisation_kind: str
    contact_name: str
    contact_email: str
    consultant: str  # lower-cased e-mail
    package: str  # package code as in the catalogue
    role_title: str
    role_level: str
    sector: str
    status: str
    closed_on: dt.date | None
    price_sek: Decimal | None
    hours: Decimal | None
    applicants: int | None
    personal_letter: bool
    screening: bool
    search: bool
    extra_hours: Decimal | None = None
    references: int | None = None
    project: str | None = None  # None: column absent; "": no project
    planned: dict[str, dt.date] = field(default_factory=dict)  # {step: date} from PLANNED_COLUMNS


@dataclass
class ParsedFile:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    has_project_column: bool = False


def fold(text: str) -> str:
    """Lower case without diacritics, spaces and hyphens as underscores: 'Högre chef' -> 'hogre_chef'."""
    text = unicodedata.normalize("NFKD", text.strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\s\-]+", "_", text)


def _choice_map(choices) -> dict[str, str]:
    mapping = {}
    for value, label in choices.choices:
        if value:
            mapping[fold(value)] = value
            mapping[fold(str(label))] = value
    return mapping


YES = {"ja", "j", "yes", "y", "1", "x", "sant", "true"}
NO = {"nej", "n", "no", "0", "falskt", "false", ""}
MAX_HOURS = Decimal("999999.9")


@functools.lru_cache(maxsize=20_000)
def _valid_email(value: str) -> bool:
    """Files repeat the same few thousand addresses; check each once."""
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


class _RowParser:
    """Parses one row; each `field` call records an error and returns None on bad input."""

    def __init__(self, raw: RawRow, errors: list[RowError]):
        self.raw, self.errors = raw, errors

    def error(self, column: str, message: str):
        self.errors.append(RowError(self.raw.line, column, message))

    def text(self, column: str, *, required=True, max_length=200) -> str | None:
        value = self.raw.values.get(column, "")
        if required and not value:
            self.error(column, _("värde saknas"))
            return None
        if len(value) > max_length:
            self.error(column, _("för långt (högst %(n)s tecken)") % {"n": max_length})
            return None
        return value

    def date(self, column: str, *, required=True) -> dt.date | None:
        value = self.raw.values.get(column, "")
        if not value:
            if required:
                self.error(column, _("datum saknas (ÅÅÅÅ-MM-DD)"))
            return None
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
            return dt.date.fromisoformat(value)
        except ValueError:
            self.error(column, _("ogiltigt datum '%(value)s' (ÅÅÅÅ-MM-DD)") % {"value": value})
            return None

    def number(self, column: str, *, whole=False, places=2, maximum=Decimal("9999999999")):
        value = self.raw.values.get(column, "")
        if not value:
            return None
        cleaned = value.replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            number = Decimal(cleaned)
            if not number.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            self.error(column, _("ogiltigt tal '%(value)s'") % {"value": value})
            return None
        if number < 0:
            self.error(column, _("får inte vara negativt ('%(value)s')") % {"value": value})
            return None
        if number > maximum:
            self.error(column, _("orimligt stort tal '%(value)s'") % {"value": value})
            return None
        if whole:
            if number != number.to_integral_value():
                self.error(column, _("ska vara ett heltal ('%(value)s')") % {"value": value})
                return None
            return int(number)
        if number != number.quantize(Decimal(1).scaleb(-places)):
            self.error(column, _("högst %(n)s decimaler ('%(value)s')") % {"n": places, "value": value})
            return None
        return number

    def choice(self, column: str, mapping: dict[str, str], allowed: str) -> str | None:
        value = self.raw.values.get(column, "")
        result = mapping.get(fold(value)) if value else None
        if result is None:
            self.error(column, _("okänt värde '%(value)s' (tillåtna: %(allowed)s)") % {
                "value": value, "allowed": allowed})
        return result

    def flag(self, column: str) -> bool:
        value = self.raw.values.get(column, "").strip().lower()
        if value in YES:
            return True
        if value not in NO:
            self.error(column, _("okänt värde '%(value)s' (ja eller nej)") % {"value": value})
        return False

    def email(self, column: str, *, required=True) -> str | None:
        value = self.raw.values.get(column, "")
        if not value:
            if required:
                self.error(column, _("e-postadress saknas"))
            return None
        if not _valid_email(value):
            self.error(column, _("ogiltig e-postadress '%(value)s'") % {"value": value})
            return None
        return value.lower()


KIND_MAP = _choice_map(OrganisationKind)
LEVEL_MAP = _choice_map(RoleLevel)
SECTOR_MAP = _choice_map(Sector)
STATUS_MAP = _choice_map(Status)


def check_columns(raw: RawFile) -> tuple[list[RowError], list[str]]:
    errors, warnings = [], []
    seen = set()
    for name in raw.columns:
        if name in seen and name:
            errors.append(RowError(1, name, _("kolumnen finns två gånger")))
        seen.add(name)
    for name in REQUIRED_COLUMNS:
        if name not in seen:
            errors.append(RowError(1, name, _("kolumnen saknas")))
    for name in raw.columns:
        if name and name not in REQUIRED_COLUMNS and name not in OPTIONAL_COLUMNS and name not in PLANNED_COLUMNS:
            warnings.append(str(RowError(1, name, _("okänd kolumn, ignoreras"))))
    return errors, warnings


def parse_rows(*, raw: RawFile, package_codes: dict[str, str]) -> ParsedFile:
    """Check the header and every row; `package_codes` maps upper-cased codes to catalogue codes."""
    result = ParsedFile(has_project_column="project" in raw.columns)
    errors, warnings = check_columns(raw)
    result.errors.extend(errors)
    result.warnings.extend(warnings)
    if errors:
        return result
    if not raw.rows:
        result.errors.append(RowError(None, None, _("Filen innehåller inga uppdrag.")))
        return result
    kinds = allowed(OrganisationKind)
    planned_columns = [column for column in PLANNED_COLUMNS if column in raw.columns]
    first_line_of: dict[str, int] = {}
    for raw_row in raw.rows:
        before = len(result.errors)
        p = _RowParser(raw_row, result.errors)
        reference = p.text("reference", max_length=32)
        if reference and reference in first_line_of:
            p.error("reference", _("uppdragsnumret '%(ref)s' finns redan på rad %(line)s") % {
                "ref": reference, "line": first_line_of[reference]})
        elif reference:
            first_line_of[reference] = raw_row.line
        ordered_on = p.date("ordered_on")
        organisation = p.text("organisation")
        kind = p.choice("organisation_kind", KIND_MAP, kinds)
        contact_email = p.email("contact_email", required=False) or ""
        contact_name = p.text("contact_name", required=False) or ""
        consultant = p.email("consultant")
        code_text = raw_row.values.get("package", "")
        code = package_codes.get(code_text.strip().upper())
        if code is None:
            p.error("package", _("okänt paket '%(value)s'") % {"value": code_text} if code_text
                    else _("paketkod saknas"))
        role_title = p.text("role_title")
        level = p.choice("role_level", LEVEL_MAP, allowed(RoleLevel))
        sector = p.choice("sector", SECTOR_MAP, allowed(Sector))
        status = p.choice("status", STATUS_MAP, allowed(Status))
        closed_on = p.date("closed_on", required=False)
        price = p.number("price_sek")
        hours = p.number("hours", places=2, maximum=MAX_HOURS)  # quarter hours, as the weekly grid records them
        applicants = p.number("applicants", whole=True, maximum=Decimal(10**7))
        letter, screening, search = p.flag("personal_letter"), p.flag("screening"), p.flag("search")
        extra_hours = p.number("extra_hours", places=2, maximum=MAX_HOURS)
        references = p.number("references", whole=True, maximum=Decimal(10**5))
        project = p.text("project", required=False) if result.has_project_column else None
        planned = _planned_dates(p, planned_columns, ordered_on)
        if ordered_on and closed_on and closed_on < ordered_on:
            p.error("closed_on", _("avslutsdatum %(closed)s ligger före beställningsdatum %(ordered)s") % {
                "closed": closed_on, "ordered": ordered_on})
        if len(result.errors) > before:
            continue
        if closed_on and status not in (Status.CLOSED_HIRED, Status.CLOSED_NOT_HIRED, Status.CANCELLED):
            result.warnings.append(str(RowError(raw_row.line, "closed_on", _(
                "avslutsdatum ignoreras eftersom uppdraget inte är avslutat"))))
            closed_on = None
        result.rows.append(ParsedRow(
            line=raw_row.line, reference=reference, ordered_on=ordered_on, organisation=organisation,
            organisation_kind=kind, contact_name=contact_name, contact_email=contact_email,
            consultant=consultant, package=code, role_title=role_title, role_level=level, sector=sector,
            status=status, closed_on=closed_on, price_sek=price, hours=hours, applicants=applicants,
            personal_letter=letter, screening=screening, search=search, extra_hours=extra_hours,
            references=references, project=project, planned=planned,
        ))
    return result


def _planned_dates(p: _RowParser, columns: list[str], ordered_on: dt.date | None) -> dict[str, dt.date]:
    """{step: date} of the row's planned-date columns; each not before the order date nor before the
    planned date of a column before it (the columns are in the process's order)."""
    planned, previous = {}, None
    for column in columns:
        day = p.date(column, required=False)
        if day is None:
            continue
        if ordered_on and day < ordered_on:
            p.error(column, _("planerat datum %(day)s ligger före beställningsdatum %(ordered)s") % {
                "day": day, "ordered": ordered_on})
        elif previous and day < previous[1]:
            p.error(column, _("planerat datum %(day)s ligger före %(column)s %(previous)s") % {
                "day": day, "column": previous[0], "previous": previous[1]})
        planned[PLANNED_COLUMNS[column]] = day
        previous = (column, day)
    return planned
