"""Writes of the reporting app: importing the department's published survey aggregates."""
from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from recruitment.tables import RowError, TableError, read_table
from surveys.models import SurveyKind

from .models import SurveyAggregate

AGGREGATE_COLUMNS = ("year", "survey", "question", "mean", "yes_share", "n")
KEY_PATTERN = re.compile(r"^[a-z0-9_-]{1,50}$")


class AggregateImportError(ValueError):
    """The file was rejected; `errors` lists each problem in Swedish with its line number (a RowError as text)."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class AggregateImportResult:
    created: int
    updated: int

    @property
    def total(self) -> int:
        return self.created + self.updated


def _number(text: str) -> float:
    return float(text.strip().replace("\u00a0", "").replace(" ", "").replace(",", "."))


def _parse_share(text: str) -> float:
    """A yes share as a fraction 0..1, or a percentage written with "%"."""
    value = text.strip()
    share = _number(value[:-1]) / 100 if value.endswith("%") else _number(value)
    if not 0 <= share <= 1:
        raise ValueError
    return share


def _parse_row(line: int, row: dict, errors: list[RowError]) -> dict | None:
    start = len(errors)
    text = {k: (row.get(k) or "").strip() for k in AGGREGATE_COLUMNS}
    parsed: dict = {}
    try:
        parsed["year"] = int(text["year"])
        if not 1990 <= parsed["year"] <= 2100:
            raise ValueError
    except ValueError:
        errors.append(RowError(line, None, _("ogiltigt år ”%(value)s”.") % {"value": text["year"]}))
    if text["survey"] not in SurveyKind.values:
        errors.append(RowError(line, None, _("okänd enkät ”%(value)s” (tillåtna: %(allowed)s).") % {
            "value": text["survey"], "allowed": ", ".join(SurveyKind.values)}))
    parsed["survey"] = text["survey"]
    if not KEY_PATTERN.match(text["question"]):
        errors.append(RowError(line, None, _("ogiltig frågenyckel ”%(value)s”.") % {"value": text["question"]}))
    parsed["question"] = text["question"]
    parsed["mean"] = parsed["yes_share"] = parsed["n"] = None
    if text["mean"]:
        try:
            parsed["mean"] = _number(text["mean"])
            if not 0 <= parsed["mean"] <= 10:
                raise ValueError
        except ValueError:
            errors.append(RowError(line, None, _("medelvärdet ”%(value)s” ska vara ett tal mellan 0 och 10.") % {
                "value": text["mean"]}))
    if text["yes_share"]:
        try:
            parsed["yes_share"] = _parse_share(text["yes_share"])
        except ValueError:
            errors.append(RowError(line, None, _("andelen ja ”%(value)s” ska vara mellan 0 och 1 (eller "
                                                 "0–100 %%).") % {"value": text["yes_share"]}))
    if not text["mean"] and not text["yes_share"]:
        errors.append(RowError(line, None, _("ange medelvärde eller andel ja.")))
    if text["n"]:
        try:
            parsed["n"] = int(text["n"])
            if parsed["n"] < 0:
                raise ValueError
        except ValueError:
            errors.append(RowError(line, None, _("antal svar ”%(value)s” ska vara ett heltal.") % {
                "value": text["n"]}))
    return parsed if len(errors) == start else None


def _read(content: bytes) -> tuple[list[tuple[int, dict]], list[RowError]]:
    try:
        table = read_table(content)
    except TableError as exc:
        return [], [RowError(None, None, str(exc))]
    header = [h.lower() for h in table.header]
    missing = [c for c in AGGREGATE_COLUMNS if c not in header]
    if missing:
        return [], [RowError(1, None, _("kolumner saknas: %(columns)s (filen ska ha %(all)s).") % {
            "columns": ", ".join(missing), "all": ", ".join(AGGREGATE_COLUMNS)})]
    return [(line, {name: cells[i] if i < len(cells) else "" for i, name in enumerate(header) if name})
            for line, cells in table.rows], []


@transaction.atomic
def survey_aggregates_import(*, content: str | bytes) -> AggregateImportResult:
    """Load published aggregates from CSV text (columns year, survey, question, mean, yes_share, n).

    All rows are checked first: any bad row rejects the whole file (AggregateImportError
    with every problem and its line number) and nothing is written. A row for a
    (year, survey, question) already stored replaces it.
    """
    if isinstance(content, str):
        content = content.encode("utf-8")
    rows, errors = _read(content)
    parsed_rows, seen = [], {}
    for line, row in rows:
        parsed = _parse_row(line, row, errors)
        if parsed is None:
            continue
        key = (parsed["year"], parsed["survey"], parsed["question"])
        if key in seen:
            errors.append(RowError(line, None, _("samma år, enkät och fråga som rad %(other)d.") % {
                "other": seen[key]}))
            continue
        seen[key] = line
        parsed_rows.append(parsed)
    if not errors and not parsed_rows:
        errors.append(RowError(None, None, _("Filen innehåller inga rader.")))
    if errors:
        raise AggregateImportError([str(error) for error in errors])
    created = updated = 0
    for parsed in parsed_rows:
        _obj, was_created = SurveyAggregate.objects.update_or_create(
            year=parsed["year"], survey=parsed["survey"], question=parsed["question"],
            defaults={"mean": parsed["mean"], "yes_share": parsed["yes_share"], "n": parsed["n"]},
        )
        created += was_created
        updated += not was_created
    return AggregateImportResult(created=created, updated=updated)
