"""Import of answers collected before this system, from CSV or .xlsx.

Every row is validated before anything is written; one bad row rejects the whole file.
Each row gets an import key (SHA-256 of its normalised content plus `#n`, n = identical
rows earlier in the same file), so re-importing a file adds nothing while identical
answers within one file are all kept. A candidate row's key is made from what its response
stores (`candidate_import_digest`): its content without the assignment and the day would
let anyone with the database recover them by trying each assignment and day.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from assignments.models import Assignment
from recruitment.tables import RowError, TableError, read_table
from surveys.models import Question, Response, SurveyKind
from surveys.selectors.answering import condition_met, version_for
from surveys.services.answering import CleanValue, parse_value, store_imported
from surveys.signals import responses_changed_on_commit

FIXED_COLUMNS = ("survey", "assignment", "submitted_on")
COMMENT = "comment"
KINDS = {k.value for k in SurveyKind}


class ImportRejected(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


@dataclass
class ParsedRow:
    line: int
    kind: str
    assignment: Assignment | None
    submitted_on: dt.date
    version: object
    values: dict[str, CleanValue]
    comment: str
    import_key: str = ""
    exists: bool = False


@dataclass
class ImportPlan:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def new_rows(self) -> list[ParsedRow]:
        return [r for r in self.rows if not r.exists]

    @property
    def existing_count(self) -> int:
        return sum(1 for r in self.rows if r.exists)

    def counts_by_kind(self) -> dict[str, int]:
        counts = Counter(r.kind for r in self.new_rows)
        return {k.label: counts[k.value] for k in SurveyKind if counts[k.value]}


class UnreadableFile(ValueError):
    """Not a CSV or .xlsx file this import can read, or over a limit; str() is the Swedish reason."""


def _records(content: bytes, filename: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and (line, row) pairs from the shared reader; `line` is the line a person sees (header = 1)."""
    try:
        table = read_table(content, filename)
    except TableError as exc:
        raise UnreadableFile(str(exc)) from None
    rows = [(line, _as_dict(table.header, cells)) for line, cells in table.rows]
    for _line, row in rows:
        # A workbook's date-and-time cell counts by its day (as the import keys were always made).
        day = row.get("submitted_on", "")
        if len(day) > 10 and day[10] in " T":
            row["submitted_on"] = day[:10]
    return table.header, rows


def _as_dict(header: list[str], record: list[str]) -> dict[str, str]:
    row = {name: (record[i] if i < len(record) else "") for i, name in enumerate(header) if name}
    if len(record) > len(header):
        row["__extra__"] = "x" if any(c.strip() for c in record[len(header):]) else ""
    return row


def _normalised(row: dict[str, str]) -> str:
    content = {k: " ".join(v.replace("\r\n", "\n").split()) if k == COMMENT else v.strip().lower()
               for k, v in row.items() if k != "__extra__" and v.strip()}
    return json.dumps(content, sort_keys=True, ensure_ascii=False)


def candidate_import_digest(*, month: dt.date, organisation_id: int | None, values: dict[str, CleanValue],
                            comment: str) -> str:
    """The content part of a candidate row's import key: nothing its response does not store itself.

    Made from the stored values (month, customer, answers, comment), not from the file's text, so
    that surveys migration 0007 gave the rows imported before the same keys (it repeats this rule).
    """
    content = {
        "survey": SurveyKind.CANDIDATE.value, "month": month.strftime("%Y-%m"), "organisation": organisation_id,
        "answers": {key: [v.number, v.text, v.not_applicable] for key, v in values.items()}, "comment": comment,
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _row_digest(parsed: ParsedRow, row: dict[str, str]) -> str:
    if parsed.kind == SurveyKind.CANDIDATE:
        return candidate_import_digest(month=parsed.submitted_on, organisation_id=parsed.assignment.organisation_id,
                                       values=parsed.values, comment=parsed.comment)
    return hashlib.sha256(_normalised(row).encode()).hexdigest()


def responses_parse(*, content: bytes, filename: str, progress=None) -> ImportPlan:
    """Read and validate a whole file; nothing is written. Errors name line and column.

    `progress`, if given, is called with a percentage while the rows are checked.
    """
    progress = progress or (lambda value: None)
    plan = ImportPlan()
    header, rows = _records(content, filename)
    progress(15)
    missing = [c for c in FIXED_COLUMNS if c not in header]
    if missing:
        plan.errors.append(RowError(1, ", ".join(missing), _("kolumnen saknas")))
        return plan
    references = {r["assignment"].strip() for _line, r in rows if r.get("assignment", "").strip()}
    assignments = Assignment.objects.select_related("lead_consultant", "package").in_bulk(
        list(references), field_name="reference")
    versions: dict[tuple[str, int], tuple[object, dict[str, Question]]] = {}
    all_keys = _known_keys()
    for column in header:
        if column and column not in FIXED_COLUMNS and column not in all_keys:
            plan.errors.append(RowError(1, column, _("okänd kolumn")))
    seen: Counter = Counter()
    step = max(len(rows) // 20, 1)
    for index, (line, row) in enumerate(rows):
        if index % step == 0:
            progress(15 + 45 * index // max(len(rows), 1))
        errors_before = len(plan.errors)
        parsed = _parse_row(line, row, assignments, versions, plan.errors)
        if parsed is None or len(plan.errors) > errors_before:
            continue
        digest = _row_digest(parsed, row)
        parsed.import_key = f"{digest}#{seen[digest]}"
        seen[digest] += 1
        plan.rows.append(parsed)
    if not plan.errors:
        existing = set(Response.objects.filter(import_key__in=[r.import_key for r in plan.rows])
                       .values_list("import_key", flat=True))
        for parsed in plan.rows:
            parsed.exists = parsed.import_key in existing
    return plan


def _known_keys() -> set[str]:
    return set(Question.objects.values_list("key", flat=True)) | {COMMENT}


def _parse_row(line, row, assignments, versions, errors) -> ParsedRow | None:
    if row.get("__extra__"):
        errors.append(RowError(line, "", _("raden har fler värden än rubrikraden")))
    kind = row.get("survey", "").strip()
    if kind not in KINDS:
        errors.append(RowError(line, "survey", _("okänd enkät ”%(value)s” (customer, candidate, six_month "
                                                 "eller training)") % {"value": kind}))
        return None
    reference = row.get("assignment", "").strip()
    assignment = None
    if reference:
        assignment = assignments.get(reference)
        if assignment is None:
            errors.append(RowError(line, "assignment", _("okänt uppdrag ”%(value)s”") % {"value": reference}))
    elif kind != SurveyKind.TRAINING:
        errors.append(RowError(line, "assignment", _("uppdrag saknas")))
    try:
        submitted_on = dt.date.fromisoformat(row.get("submitted_on", "").strip())
    except ValueError:
        errors.append(RowError(line, "submitted_on", _("ogiltigt datum ”%(value)s” (ÅÅÅÅ-MM-DD)") % {
            "value": row.get("submitted_on", "")}))
        return None
    key = (kind, submitted_on.year)
    if key not in versions:
        version = version_for(kind, submitted_on.year)
        versions[key] = (version, {q.key: q for q in version.questions.all()} if version else {})
    version, questions = versions[key]
    if version is None:
        errors.append(RowError(line, "survey", _("enkäten har ingen version")))
        return None
    raw = {k: v for k, v in row.items() if k not in FIXED_COLUMNS and k != "__extra__"}
    values: dict[str, CleanValue] = {}
    comment = ""
    for column, value in raw.items():
        if not value.strip():
            continue
        question = questions.get(column)
        if column == COMMENT:
            comment = value.replace("\r\n", "\n").strip()
            continue
        if question is None:
            errors.append(RowError(line, column, _("frågan finns inte i %(version)s") % {"version": version}))
            continue
        if not condition_met(question, raw) and raw.get(question.condition.get("key"), "").strip():
            errors.append(RowError(line, column, _("frågan ska bara besvaras om %(key)s = %(equals)s") % {
                "key": question.condition["key"], "equals": question.condition.get("equals")}))
            continue
        try:
            parsed = parse_value(question, value)
        except ValueError as exc:
            errors.append(RowError(line, column, f"”{value}”: {exc}"))
            continue
        if parsed is not None:
            values[column] = parsed
    return ParsedRow(line=line, kind=kind, assignment=assignment, submitted_on=submitted_on, version=version,
                     values=values, comment=comment)


@dataclass
class ImportResult:
    created: int
    skipped: int


def responses_import(*, content: bytes, filename: str, progress=None) -> ImportResult:
    """Validate the whole file and store its new rows in one transaction, or raise ImportRejected."""
    plan = responses_parse(content=content, filename=filename, progress=progress)
    if plan.errors:
        raise ImportRejected(plan.errors)
    stored_on = []
    with transaction.atomic():
        taken = set(Response.objects.select_for_update().filter(
            import_key__in=[r.import_key for r in plan.rows]).values_list("import_key", flat=True))
        for row in plan.rows:
            if row.import_key in taken:
                continue
            store_imported(kind=row.kind, version=row.version, values=row.values, comment=row.comment,
                           on=row.submitted_on, assignment=row.assignment, import_key=row.import_key)
            stored_on.append(row.submitted_on)
        responses_changed_on_commit(stored_on)
    created = len(stored_on)
    return ImportResult(created=created, skipped=len(plan.rows) - created)
