"""Writes: entered figures (form and file), the employee survey file, copying a plan to a new year."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from assignments.models import Organisation
from recruitment.tables import RowError, TableError, read_table

from .models import (
    Activity,
    AmiArea,
    EmployeeSurvey,
    EmployeeSurveyStatement,
    EnteredFigure,
    FigurePeriod,
    Goal,
    Indicator,
    Plan,
    Source,
    SurveyScope,
)

FIGURE_COLUMNS = ["year", "period", "key", "organisation", "value", "note"]
FIGURE_REQUIRED = ["year", "period", "key", "value"]
SURVEY_COLUMNS = ["area", "statement", "n1", "n2", "n3", "n4", "n5", "no_opinion"]


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportFailed(Exception):
    def __init__(self, errors):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


def _read(content: str | bytes) -> tuple[list[str], list[tuple[int, dict]]]:
    """Lower-cased header and (line, {column: stripped text}) rows, from the shared reader.

    Raises TableError (Swedish) for an unreadable file or one over the import limits.
    """
    if isinstance(content, str):
        content = content.encode("utf-8")
    table = read_table(content)
    header = [name.lower() for name in table.header]
    rows = [(line, {name: cell.strip() for name, cell in zip(header, cells, strict=False) if name})
            for line, cells in table.rows]
    return header, rows


def _read_or_report(content: str | bytes, result: ImportResult):
    try:
        return _read(content)
    except TableError as exc:
        result.errors.append(RowError(None, None, str(exc)))
        return None


def _decimal(text: str) -> Decimal:
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace("%", "").replace(",", ".")
    value = Decimal(cleaned)
    if not value.is_finite():
        raise InvalidOperation
    return value


# --- entered figures ------------------------------------------------------------------------

def figure_keys(year: int) -> set[str]:
    """Keys a year's plan takes figures for: its entered indicators and the ads denominators."""
    keys = set()
    for ind in Indicator.objects.filter(plan__year=year).only("key", "source", "measure", "params"):
        if ind.source == Source.ENTERED:
            keys.add(ind.figure_key)
        elif ind.measure == "share_of_ads":
            keys.add(ind.params.get("denominator_key")
                     or ("ads_published_manager" if ind.params.get("manager") else "ads_published"))
    return keys


@transaction.atomic
def figure_save(*, year: int, period: str, key: str, organisation=None, value, note: str = "", user=None):
    figure, created = EnteredFigure.objects.update_or_create(
        year=year, period=period, key=key, organisation=organisation,
        defaults={"value": value, "note": note, "entered_by": user},
    )
    return figure, created


def figures_import(*, content: str | bytes, user=None) -> ImportResult:
    """Validate every row first; write nothing unless the whole file is good. Re-import updates."""
    result = ImportResult()
    if (table := _read_or_report(content, result)) is None:
        return result
    header, rows = table
    missing = [c for c in FIGURE_REQUIRED if c not in header]
    if missing:
        result.errors.append(RowError(1, ", ".join(missing), _("kolumnen saknas i rubrikraden")))
        return result
    unknown = [c for c in header if c not in FIGURE_COLUMNS]
    if unknown:
        result.errors.append(RowError(1, ", ".join(unknown), _("okänd kolumn")))
        return result
    if not rows:
        result.errors.append(RowError(None, None, _("Filen innehåller inga rader.")))
        return result
    organisations = {o.name.casefold(): o for o in Organisation.objects.all()}
    keys_by_year: dict[int, set[str]] = {}
    plan_years = set(Plan.objects.values_list("year", flat=True))
    seen: dict[tuple, int] = {}
    valid = []
    for line, row in rows:
        errors = []
        year = None
        try:
            year = int(row.get("year", ""))
            if not 2000 <= year <= 2100:
                raise ValueError
        except ValueError:
            errors.append(RowError(line, "year", _("år måste vara ett årtal, t.ex. 2025")))
        period = row.get("period", "")
        if period.lower() in ("year", "år", "helår"):
            period = "year"
        if period not in FigurePeriod.values:
            errors.append(RowError(line, "period", _("period måste vara T1, T2, T3 eller year")))
        key = row.get("key", "")
        if year is not None and not errors:
            if year not in plan_years:
                errors.append(RowError(line, "year", _("det finns ingen verksamhetsplan för år %(year)s")
                                       % {"year": year}))
            else:
                allowed = keys_by_year.setdefault(year, figure_keys(year))
                if key not in allowed:
                    errors.append(RowError(line, "key", _("okänd nyckel %(key)s för %(year)s (giltiga: %(keys)s)")
                                           % {"key": key or "–", "year": year, "keys": ", ".join(sorted(allowed))}))
        org = None
        org_name = row.get("organisation", "")
        if org_name:
            org = organisations.get(org_name.casefold())
            if org is None:
                errors.append(RowError(line, "organisation", _("organisationen %(name)s finns inte i registret")
                                       % {"name": org_name}))
        value = None
        try:
            value = _decimal(row.get("value", ""))
        except (InvalidOperation, ValueError):
            errors.append(RowError(line, "value", _("värdet måste vara ett tal")))
        if not errors:
            ident = (year, period, key, org.pk if org else None)
            if ident in seen:
                errors.append(RowError(line, "key", _("samma siffra finns redan på rad %(line)s")
                                       % {"line": seen[ident]}))
            seen[ident] = line
        if errors:
            result.errors.extend(errors)
        else:
            valid.append((year, period, key, org, value, row.get("note", "")))
    if result.errors:
        return result
    with transaction.atomic():
        for year, period, key, org, value, note in valid:
            _figure, created = figure_save(year=year, period=period, key=key, organisation=org, value=value, note=note,
                                     user=user)
            result.created += created
            result.updated += not created
    return result


# --- employee survey ------------------------------------------------------------------------

def employee_survey_import(*, content: str | bytes, year: int, scope: str = SurveyScope.DEPARTMENT,
                           official_total: Decimal | None = None) -> ImportResult:
    """Load one year's employee survey (replacing an earlier load of the same year and scope)."""
    result = ImportResult()
    if (table := _read_or_report(content, result)) is None:
        return result
    header, rows = table
    missing = [c for c in SURVEY_COLUMNS if c not in header]
    if missing:
        result.errors.append(RowError(1, ", ".join(missing), _("kolumnen saknas i rubrikraden")))
        return result
    if scope not in SurveyScope.values:
        result.errors.append(RowError(None, None, _("Omfattningen måste vara department eller administration.")))
        return result
    if not rows:
        result.errors.append(RowError(None, None, _("Filen innehåller inga rader.")))
        return result
    statements, keys = [], {}
    for line, row in rows:
        errors = []
        area = row.get("area", "")
        if area not in AmiArea.values:
            errors.append(RowError(line, "area", _("område måste vara Motivation, Ledarskap, Styrning eller Övrigt")))
        text = row.get("statement", "")
        if not text:
            errors.append(RowError(line, "statement", _("påståendet saknas")))
        counts = {}
        for column in SURVEY_COLUMNS[2:]:
            try:
                counts[column] = int(row.get(column, "") or "0")
                if counts[column] < 0:
                    raise ValueError
            except ValueError:
                errors.append(RowError(line, column, _("antalet måste vara ett heltal, 0 eller mer")))
        key = slugify(text)[:60] or f"statement-{line}"
        if text and key in keys:
            errors.append(RowError(line, "statement", _("påståendet finns redan på rad %(line)s")
                                   % {"line": keys[key]}))
        keys.setdefault(key, line)
        if errors:
            result.errors.extend(errors)
        else:
            statements.append((area, key, text, counts))
    if result.errors:
        return result
    with transaction.atomic():
        survey, created = EmployeeSurvey.objects.get_or_create(year=year, scope=scope)
        if official_total is not None:
            survey.official_total = official_total
            survey.save(update_fields=["official_total", "imported_at"])
        survey.statements.all().delete()
        EmployeeSurveyStatement.objects.bulk_create([
            EmployeeSurveyStatement(survey=survey, area=area, key=key, statement=text, order=i, **counts)
            for i, (area, key, text, counts) in enumerate(statements)
        ])
    result.created = len(statements) if created else 0
    result.updated = 0 if created else len(statements)
    return result


# --- plans -----------------------------------------------------------------------------------

class PlanExists(Exception):
    pass


def _shift(day: dt.date | None, years: int) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def plan_copy(*, plan: Plan, year: int) -> Plan:
    """Copy a plan to another year: goals (linked to their predecessors), activities (dates moved by
    the same number of years) and indicators with their targets."""
    if Plan.objects.filter(year=year).exists():
        raise PlanExists(_("Det finns redan en verksamhetsplan för %(year)s.") % {"year": year})
    shift = year - plan.year
    title = plan.title.replace(str(plan.year), str(year)) if plan.title else ""
    new_plan = Plan.objects.create(year=year, title=title)
    goals = list(plan.goals.all().order_by("order", "id"))
    mapping: dict[int, Goal] = {}
    pending = goals
    while pending:
        remaining = []
        for old in pending:
            if old.parent_id and old.parent_id not in mapping:
                remaining.append(old)
                continue
            mapping[old.pk] = Goal.objects.create(
                plan=new_plan, level=old.level, parent=mapping.get(old.parent_id), number=old.number, text=old.text,
                expected_result=old.expected_result, way_of_working=old.way_of_working, follow_up=old.follow_up,
                predecessor=old, order=old.order,
            )
        if len(remaining) == len(pending):  # parent outside the plan: attach at the top
            for old in remaining:
                old.parent_id = None
        pending = remaining
    activities = [
        Activity(goal=mapping[a.goal_id], text=a.text, starts_on=_shift(a.starts_on, shift),
                 ends_on=_shift(a.ends_on, shift), responsible=a.responsible, order=a.order)
        for a in Activity.objects.filter(goal__plan=plan)
    ]
    bulk_create_with_history(activities, Activity)
    indicators = [
        Indicator(plan=new_plan, goal=mapping[i.goal_id], key=i.key, name=i.name, target=i.target,
                  target_text=i.target_text, kf_target=i.kf_target, periodicity=i.periodicity, unit=i.unit,
                  direction=i.direction, source=i.source, measure=i.measure, params=i.params, order=i.order)
        for i in plan.indicators.all()
    ]
    bulk_create_with_history(indicators, Indicator)
    return new_plan


@transaction.atomic
def figures_save(*, year: int, period: str, entries, user=None) -> int:
    """Save the figures typed into the form: entries = [(key, organisation, value, note)];
    a blank value leaves what is stored."""
    saved = 0
    for key, organisation, value, note in entries:
        if value is None:
            continue
        figure_save(year=year, period=period, key=key, organisation=organisation, value=value, note=note, user=user)
        saved += 1
    return saved
