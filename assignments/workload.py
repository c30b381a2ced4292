"""Read side of the load view: each active consultant's open work and revenue against budget."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DecimalField, OuterRef, Q, Subquery, Sum

from recruitment.compiled import instance, model_fields, values_rows

from .models import (
    CLOSED_STATUSES,
    WORKING_STATUSES,
    Assignment,
    Consultant,
    ConsultantBudget,
    Unit,
)

MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = Decimal("0.00")


@dataclass
class LoadRow:
    consultant: Consultant
    open_by_status: dict[str, int]
    open_total: int
    co_open: int
    open_hours: Decimal
    revenue: Decimal
    budget: Decimal | None
    show_money: bool = True

    @property
    def budget_share(self) -> Decimal | None:
        """Revenue as a percentage of the year's budget, one decimal; None without a budget."""
        if not self.budget:
            return None
        return (self.revenue * 100 / self.budget).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class LoadTotals:
    open_by_status: dict[str, int] = field(default_factory=dict)
    open_total: int = 0
    co_open: int = 0
    open_hours: Decimal = ZERO
    revenue: Decimal = ZERO
    budget: Decimal = ZERO
    fte: Decimal = ZERO

    @property
    def budget_share(self) -> Decimal | None:
        if not self.budget:
            return None
        return (self.revenue * 100 / self.budget).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _status_key(status: str) -> str:
    return f"open_{status}"


def consultant_load(*, year: int, unit_id: int | None = None) -> list[LoadRow]:
    """One row per active consultant (optionally of one unit), ordered by name.

    Open work counts the assignments the consultant leads, per working status;
    `co_open` counts the open assignments they take part in as co-consultant.
    Revenue is the sum of billing lines of the assignments they led that were
    closed (with or without a hire) during `year`, read as each assignment's
    invoiced total (the sum of its lines, kept by the billing services); the
    budget is their personal revenue budget for that year.

    Three queries whatever the data size, each a single pass: the consultants
    (with their budget as a subquery on a 25-row table), and two grouped
    queries over the assignments: by lead consultant, over the open ones and
    those closed in the year, one conditional count per status, the open hours
    and the revenue (the closed assignments' invoiced totals: summing their lines
    here cost PostgreSQL as much again);
    and open co-assignments by consultant. Correlated subqueries per consultant
    would repeat the same index scans once per consultant. The grouped queries
    return one small row per consultant, so they are not narrowed to the
    consultants shown: the rows of others are simply not used.
    """
    year_start, year_end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    # the three queries are compiled once per year and unit (recruitment/compiled.py): building and
    # compiling them cost the page several times what PostgreSQL needs to run them
    people = [_consultant(row) for row in values_rows(
        ("workload.consultants", year, unit_id), lambda: _consultants_query(year=year, unit_id=unit_id))]
    open_q = Q(status__in=WORKING_STATUSES)
    closed_in_year = Q(status__in=CLOSED_STATUSES, closed_on__range=(year_start, year_end))
    per_status = {_status_key(s): Count("pk", filter=Q(status=s)) for s in WORKING_STATUSES}
    work = {
        row["lead_consultant"]: row
        for row in values_rows(("workload.work", year), lambda: (
            Assignment.objects.filter(open_q | closed_in_year)
            .order_by()
            .values("lead_consultant")
            .annotate(**per_status, open_total=Count("pk", filter=open_q), open_hours=Sum("hours", filter=open_q),
                      revenue=Sum("invoiced_total", filter=closed_in_year))))
    }
    co_open = {row["consultant"]: row["n"] for row in values_rows("workload.co_open", lambda: (
        Assignment.co_consultants.through.objects.filter(assignment__status__in=WORKING_STATUSES)
        .order_by()
        .values("consultant")
        .annotate(n=Count("pk"))))}

    rows = []
    for c, budget in people:
        row = work.get(c.pk, {})
        rows.append(LoadRow(
            consultant=c,
            open_by_status={s: row.get(_status_key(s), 0) for s in WORKING_STATUSES},
            open_total=row.get("open_total", 0),
            co_open=co_open.get(c.pk, 0),
            open_hours=Decimal(row.get("open_hours") or ZERO),
            revenue=Decimal(row.get("revenue") or ZERO).quantize(Decimal("0.01")),
            budget=None if budget is None else Decimal(budget).quantize(Decimal("0.01")),
        ))
    return rows


def _consultants_query(*, year: int, unit_id: int | None):
    """Active consultants (of a unit), ordered by name, with their unit's columns and the year's budget."""
    consultants = Consultant.objects.filter(active=True)
    if unit_id is not None:
        consultants = consultants.filter(unit_id=unit_id)
    budget = ConsultantBudget.objects.filter(consultant=OuterRef("pk"), year=year).values("amount_sek")[:1]
    return (consultants.order_by("name", "pk")
            .values(*model_fields(Consultant), *model_fields(Unit, "unit__"),
                    budget=Subquery(budget, output_field=MONEY)))


def _consultant(row: dict) -> tuple[Consultant, Decimal | None]:
    """A consultant with their unit (as select_related gives them) from a row of _consultants_query, and the budget."""
    consultant = instance(Consultant, row)
    consultant.unit = instance(Unit, row, "unit__")
    return consultant, row["budget"]


def load_totals(rows: list[LoadRow]) -> LoadTotals:
    """Sums over the rows shown (money only over rows whose money is shown)."""
    totals = LoadTotals(open_by_status=dict.fromkeys(WORKING_STATUSES, 0))
    for row in rows:
        for status, n in row.open_by_status.items():
            totals.open_by_status[status] += n
        totals.open_total += row.open_total
        totals.co_open += row.co_open
        totals.open_hours += row.open_hours
        totals.fte += row.consultant.fte
        if row.show_money:
            totals.revenue += row.revenue
            totals.budget += row.budget or ZERO
    return totals
