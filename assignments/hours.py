"""Weekly hours: the consultant's grid on "Mina uppdrag", its rules, and the one service that records it.

One source for hours: the entries (models_hours.HoursEntry). What they feed, in the same transaction:

- the assignment's total `hours` = its baseline + the sum of its entries. The baseline is what the assignment
  had before anyone reported a week (the imported figure, or one typed in the assignment form); it is not
  stored apart: recording a grid moves `hours` by the difference it makes, so the baseline stays as it was.
  The capacity rule (allocation.capacity, "actual hours where recorded") and the mean hours per package
  (goals.measures.mean_hours) read that total, so they read the entries.
- for an hourly-billed package (unit "hour"), one billing line per calendar month (`hours_month`): the sum
  of that month's entries of every consultant at the package line's hourly price, recorded on the month's
  first day, so billing.rules makes it invoiceable in that month. A week belongs to the month of its Monday.
  A line in a confirmed basis (locked) is never edited: a change makes a credit line and a new line
  (assignments.services._credit, as the billing services do). The package line from the registration bills
  one placeholder hour; it drops to zero hours when the first week is reported on an assignment without
  baseline hours (an imported line that bills the baseline hours is left as it is).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import DecimalField, F, FilteredRelation, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recruitment.compiled import values_rows

from .models import FINAL_STATUSES, WORKING_STATUSES, Assignment, BillingKind, BillingLine, PackageUnit, Status
from .models_hours import MAX_WEEK_HOURS, HoursEntry
from .selectors import consultant_assignments_q

QUARTER = Decimal("0.25")
ZERO = Decimal(0)
WEEKS_SHOWN = 5  # the current week and the four before it
# Statuses in which nobody works on the assignment yet (or ever did): no hours can be reported.
NO_WORK_STATUSES = frozenset({Status.INCOMING})


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def month_of(week: dt.date) -> dt.date:
    """The month a week's hours are billed in: its Monday's month (first day)."""
    return week.replace(day=1)


def week_label(week: dt.date) -> str:
    return _("vecka %(n)s") % {"n": week.isocalendar().week}


class HoursGridError(Exception):
    """Some cells of a grid are wrong: {(assignment id, Monday): Swedish message}. Nothing was saved."""

    def __init__(self, errors: dict[tuple[int, dt.date], str]):
        super().__init__(_("Inget sparades: rätta de markerade rutorna."))
        self.errors = errors


def hours_parse(text) -> Decimal:
    """A cell's text as hours ("7,5", "7.5", "" = 0); ValueError with a Swedish message when it is not hours."""
    if isinstance(text, Decimal):
        value = text
    else:
        text = str(text or "").strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
        if not text:
            return ZERO
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValueError(_("Ange timmar som ett tal, till exempel 7,5.")) from None
    if not value.is_finite():
        raise ValueError(_("Ange timmar som ett tal, till exempel 7,5."))
    if value < 0:
        raise ValueError(_("Timmar kan inte vara negativa."))
    if value > MAX_WEEK_HOURS:
        raise ValueError(_("Högst %(max)s timmar per vecka och uppdrag.") % {"max": MAX_WEEK_HOURS})
    if value % QUARTER:
        raise ValueError(_("Ange timmar i hela kvartar (till exempel 1,25 eller 7,5)."))
    return value.quantize(Decimal("0.01"))


# Why a week of an assignment cannot take hours, by key: cell_problem gives the key, the messages are Swedish.
PROBLEMS = {
    "not_monday": gettext_lazy("Veckan ska anges med sin måndag."),
    "future": gettext_lazy("Veckan har inte börjat än."),
    "incoming": gettext_lazy("Uppdraget har ingen ansvarig konsult än."),
    "not_ordered": gettext_lazy("Uppdraget var inte beställt den veckan."),
    "closed": gettext_lazy("Uppdraget var avslutat den veckan."),
}


def cell_problem(*, week: dt.date, on: dt.date, ordered_on: dt.date, status: str,
                 closed_on: dt.date | None) -> str | None:
    """Why no hours can be reported for this assignment this week (a key of PROBLEMS), or None when they can."""
    if week.weekday() != 0:
        return "not_monday"
    if week > monday_of(on):
        return "future"
    if status in NO_WORK_STATUSES:
        return "incoming"
    if week < monday_of(ordered_on):
        return "not_ordered"
    if status in FINAL_STATUSES and closed_on and week > monday_of(closed_on):
        return "closed"
    return None


@dataclass
class Recorded:
    """What a recorded grid changed."""

    changed_cells: int = 0
    hours_by_assignment: dict[int, Decimal] = field(default_factory=dict)  # the new totals of changed ones
    lines_written: int = 0


def hours_week_record(*, consultant, cells: dict[tuple[int, dt.date], object], on: dt.date) -> Recorded:
    """Record a consultant's grid of weekly hours in one transaction: every cell is checked first and,
    when any is wrong, HoursGridError (a message per cell) is raised and nothing is saved.

    `cells` maps (assignment id, Monday) to the cell's text or Decimal ("" or 0 removes the week's entry).
    `on` is today (no week after its week). Keeps the assignments' totals and hourly billing lines.
    """
    errors: dict[tuple[int, dt.date], str] = {}
    values: dict[tuple[int, dt.date], Decimal] = {}
    for key, raw in cells.items():
        try:
            values[key] = hours_parse(raw)
        except ValueError as error:
            errors[key] = str(error)
    ids = sorted({aid for aid, _week in cells})
    result = Recorded()
    with transaction.atomic():
        # lock the assignments in id order (as billing_totals_refresh does): two grids never deadlock
        locked = {row["pk"]: row for row in Assignment.objects.select_for_update(of=("self",)).filter(
            consultant_assignments_q(consultant), pk__in=ids).order_by("pk").values(
            "pk", "ordered_on", "status", "closed_on", "hours", "package__unit", "package__name")}
        for key in cells:
            if key in errors:
                continue
            row = locked.get(key[0])
            problem = _("Du arbetar inte i uppdraget.") if row is None else cell_problem(
                week=key[1], on=on, ordered_on=row["ordered_on"], status=row["status"], closed_on=row["closed_on"])
            if problem:
                errors[key] = str(PROBLEMS.get(problem, problem))
        existing = {(e.assignment_id, e.week): e for e in HoursEntry.objects.filter(
            consultant=consultant, assignment_id__in=ids, week__in={week for _aid, week in cells})}
        # an unchanged cell is never an error (a week that was open when it was reported stays as it is)
        errors = {key: message for key, message in errors.items()
                  if key not in values or values[key] != (existing[key].hours if key in existing else ZERO)}
        if errors:
            raise HoursGridError(errors)
        delta: dict[int, Decimal] = defaultdict(Decimal)
        months: dict[int, set[dt.date]] = defaultdict(set)
        creates, updates, deletes = [], [], []
        for (aid, week), value in values.items():
            entry = existing.get((aid, week))
            before = entry.hours if entry else ZERO
            if value == before:
                continue
            delta[aid] += value - before
            months[aid].add(month_of(week))
            if entry is None:
                creates.append(HoursEntry(assignment_id=aid, consultant=consultant, week=week, hours=value))
            elif value:
                entry.hours = value
                updates.append(entry)
            else:
                deletes.append(entry.pk)
        HoursEntry.objects.bulk_create(creates)
        if updates:
            HoursEntry.objects.bulk_update(updates, ["hours", "updated_at"])
        HoursEntry.objects.filter(pk__in=deletes).delete()
        result.changed_cells = len(creates) + len(updates) + len(deletes)
        hours_field = DecimalField(max_digits=8, decimal_places=2)
        for aid, change in sorted(delta.items()):
            if change:
                # a new version too: an assignment form opened before cannot put back the old total
                Assignment.objects.filter(pk=aid).update(
                    hours=Coalesce(F("hours"), Value(ZERO), output_field=hours_field) + change,
                    version=F("version") + 1)
        totals = dict(Assignment.objects.filter(pk__in=list(months)).values_list("pk", "hours"))
        result.hours_by_assignment = totals
        hourly = [aid for aid in sorted(months) if locked[aid]["package__unit"] == PackageUnit.HOUR]
        if hourly:
            result.lines_written = _hourly_lines_sync(
                {aid: months[aid] for aid in hourly}, {aid: locked[aid]["package__name"] for aid in hourly})
    return result


def _hourly_lines_sync(months: dict[int, set[dt.date]], names: dict[int, str]) -> int:
    """Bring each (assignment, month)'s hours line to the month's entries; the caller holds the locks."""
    from .services import _credit, billing_totals_refresh, package_price

    ids = list(months)
    current = BillingLine.objects.exclude(kind=BillingKind.CREDIT).filter(
        assignment_id__in=ids, credited_by__isnull=True)
    month_lines = {(ln.assignment_id, ln.hours_month): ln for ln in current.filter(hours_month__isnull=False)}
    package_lines = {ln.assignment_id: ln for ln in current.filter(kind=BillingKind.PACKAGE, hours_month__isnull=True)
                     .order_by("-id")}
    sums: dict[tuple[int, dt.date], Decimal] = defaultdict(Decimal)
    first = min(min(m) for m in months.values())
    for aid, week, hours in HoursEntry.objects.filter(assignment_id__in=ids, week__gte=first).values_list(
            "assignment_id", "week", "hours"):
        sums[(aid, month_of(week))] += hours
    reported = dict(HoursEntry.objects.filter(assignment_id__in=ids).order_by().values("assignment_id")
                    .annotate(total=Sum("hours")).values_list("assignment_id", "total"))
    assignments = Assignment.objects.in_bulk(ids)
    written = 0
    for aid in ids:
        assignment = assignments[aid]
        plain = package_lines.get(aid)
        if plain is not None:
            price = plain.unit_price
        else:
            price = package_price(package=assignment.package, on=assignment.ordered_on) or ZERO
        baseline = (assignment.hours or ZERO) - (reported.get(aid) or ZERO)
        if plain is not None and not plain.locked and plain.quantity and baseline <= 0 and reported.get(aid):
            plain.quantity = ZERO  # the registration's placeholder hour: the monthly lines bill the hours now
            plain.save(update_fields=["quantity"])
            written += 1
        for month in sorted(months[aid]):
            total = sums.get((aid, month), ZERO)
            line = month_lines.get((aid, month))
            text = _("%(package)s, timmar %(month)s") % {"package": names[aid], "month": month.strftime("%Y-%m")}
            if line is not None and line.quantity == total and line.unit_price == price:
                continue
            if line is not None and line.locked:
                _credit(line)
                written += 1
                line = None
            if line is None:
                if not total:
                    continue
                line = BillingLine(assignment_id=aid, kind=BillingKind.PACKAGE, hours_month=month,
                                   recorded_on=month)
            elif not total:
                line.delete()
                written += 1
                continue
            line.description, line.quantity, line.unit_price = text, total, price
            line.save()
            written += 1
    billing_totals_refresh(assignment_ids=ids)
    return written


# --- the grid (reads) ------------------------------------------------------------

@dataclass
class Cell:
    name: str  # the input's name
    week: dt.date
    value: Decimal | None
    problem: str | None  # why it cannot be edited (Swedish), or None
    text: str = ""  # what the input shows (the posted text after an error)
    error: str = ""


@dataclass
class GridRow:
    assignment_id: int
    reference: str
    title: str
    organisation: str
    open: bool
    cells: list[Cell]

    @property
    def total(self) -> Decimal:
        return sum((c.value or ZERO for c in self.cells), ZERO)

    @property
    def total_text(self) -> str:
        return hours_text(self.total)


@dataclass
class Grid:
    weeks: list[dt.date]
    rows: list[GridRow]
    today: dt.date

    @property
    def week_totals(self) -> list[Decimal]:
        return [sum((r.cells[i].value or ZERO for r in self.rows), ZERO) for i in range(len(self.weeks))]

    @property
    def total(self) -> Decimal:
        return sum(self.week_totals, ZERO)

    @property
    def earlier(self) -> dt.date:
        return self.weeks[-1] - dt.timedelta(weeks=WEEKS_SHOWN)

    @property
    def later(self) -> dt.date | None:
        later = self.weeks[-1] + dt.timedelta(weeks=WEEKS_SHOWN)
        return min(later, monday_of(self.today)) if self.weeks[-1] < monday_of(self.today) else None

    @property
    def week_labels(self) -> list[tuple[dt.date, str]]:
        return [(w, week_label(w)) for w in self.weeks]

    @property
    def columns(self) -> list[tuple[dt.date, str, str]]:
        return [(w, week_label(w), hours_text(t)) for w, t in zip(self.weeks, self.week_totals, strict=True)]

    @property
    def total_text(self) -> str:
        return hours_text(self.total)

    def has_errors(self) -> bool:
        return any(c.error for r in self.rows for c in r.cells)


def cell_name(assignment_id: int, week: dt.date) -> str:
    return f"t-{assignment_id}-{week.isoformat()}"


def cell_key(name: str) -> tuple[int, dt.date] | None:
    """(assignment id, Monday) of an input's name, or None when the name is not a cell's."""
    prefix, _sep, rest = name.partition("-")
    aid, _sep, day = rest.partition("-")
    if prefix != "t" or not aid.isdigit():
        return None
    try:
        return int(aid), dt.date.fromisoformat(day)
    except ValueError:
        return None


def grid_last_week(text: str | None, *, on: dt.date) -> dt.date:
    """The last week a grid shows: the Monday of the date given (never after today's week), or today's week."""
    current = monday_of(on)
    try:
        day = dt.date.fromisoformat(text) if text else current
    except ValueError:
        day = current
    return min(monday_of(day), current)


def hours_grid(*, consultant, last_week: dt.date, on: dt.date) -> Grid:
    """The consultant's grid for WEEKS_SHOWN weeks up to `last_week`: their open assignments, those closed in the
    shown weeks and any with hours reported in them. One query (a row per assignment and reported week),
    whatever the number of rows."""
    weeks = [last_week - dt.timedelta(weeks=i) for i in range(WEEKS_SHOWN - 1, -1, -1)]
    first, end = weeks[0], weeks[-1] + dt.timedelta(days=6)
    in_weeks = Q(consultant=consultant, week__range=(first, weeks[-1]))
    reported = HoursEntry.objects.filter(in_weeks).order_by().values("assignment_id")
    shown = (Q(status__in=WORKING_STATUSES, ordered_on__lte=end) | Q(closed_on__range=(first, end))
             | Q(pk__in=reported))
    rows = values_rows(("assignments.hours_grid", consultant.pk, last_week), lambda: (  # compiled once per key
        Assignment.objects.filter(consultant_assignments_q(consultant)).filter(shown)
        .exclude(status__in=NO_WORK_STATUSES)
        .annotate(mine=FilteredRelation("hours_entries", condition=Q(
            hours_entries__consultant=consultant, hours_entries__week__range=(first, weeks[-1]))))
        .order_by("ordered_on", "reference", "pk")
        .values("pk", "reference", "role_title", "organisation__name", "status", "ordered_on", "closed_on",
                "mine__week", "mine__hours")))
    grouped: dict[int, tuple] = {}
    entries: dict[tuple[int, dt.date], Decimal] = {}
    for *row, week, hours in (r.values() for r in rows):
        grouped.setdefault(row[0], tuple(row))
        if week is not None:
            entries[(row[0], week)] = hours
    result, texts = [], {}  # each problem's message translated once
    for aid, reference, title, organisation, status, ordered_on, closed_on in grouped.values():
        cells = []
        for week in weeks:
            problem = cell_problem(week=week, on=on, ordered_on=ordered_on, status=status, closed_on=closed_on)
            if problem is not None and problem not in texts:
                texts[problem] = str(PROBLEMS[problem])
            value = entries.get((aid, week))
            cells.append(Cell(name=cell_name(aid, week), week=week, value=value,
                              problem=texts[problem] if problem else None, text=_number(value)))
        result.append(GridRow(assignment_id=aid, reference=reference, title=title, organisation=organisation,
                              open=status in WORKING_STATUSES, cells=cells))
    return Grid(weeks=weeks, rows=result, today=on)


def _number(value: Decimal | None) -> str:
    """Hours as the input shows them: "7,5", "8", "" for none."""
    return hours_text(value) if value else ""


def hours_text(value: Decimal) -> str:
    """Hours as the page shows them, the Swedish way: "7,5", "8", "0"."""
    return f"{value.normalize():f}".replace(".", ",") if value else "0"
