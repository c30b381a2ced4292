"""Read side of the load view: each active consultant's open work and revenue against budget.

One query for every row whatever the data size: open assignments are counted
per status with conditional aggregation over the consultant's led assignments
(the only multi-valued join), and everything that would multiply rows (billing
lines, co-consultants, the budget) comes in as a correlated subquery.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from .models import (
    CLOSED_STATUSES,
    WORKING_STATUSES,
    Assignment,
    BillingLine,
    Consultant,
    ConsultantBudget,
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
    closed (with or without a hire) during `year`; the budget is their personal
    revenue budget for that year.
    """
    year_start, year_end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    open_q = Q(led_assignments__status__in=WORKING_STATUSES)

    revenue = (
        BillingLine.objects.filter(
            assignment__lead_consultant=OuterRef("pk"),
            assignment__status__in=CLOSED_STATUSES,
            assignment__closed_on__range=(year_start, year_end),
        )
        .order_by()
        .values("assignment__lead_consultant")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    co_open = (
        Assignment.co_consultants.through.objects.filter(
            consultant=OuterRef("pk"), assignment__status__in=WORKING_STATUSES
        )
        .order_by()
        .values("consultant")
        .annotate(n=Count("pk"))
        .values("n")
    )
    budget = ConsultantBudget.objects.filter(consultant=OuterRef("pk"), year=year).values("amount_sek")[:1]

    per_status = {
        _status_key(s): Count("led_assignments", filter=Q(led_assignments__status=s)) for s in WORKING_STATUSES
    }
    consultants = (
        Consultant.objects.filter(active=True)
        .select_related("unit")
        .annotate(
            **per_status,
            open_total=Count("led_assignments", filter=open_q),
            open_hours=Coalesce(Sum("led_assignments__hours", filter=open_q), Value(ZERO), output_field=MONEY),
            revenue=Coalesce(Subquery(revenue, output_field=MONEY), Value(ZERO), output_field=MONEY),
            co_open=Coalesce(Subquery(co_open, output_field=IntegerField()), Value(0)),
            budget=Subquery(budget, output_field=MONEY),
        )
        .order_by("name", "pk")
    )
    if unit_id is not None:
        consultants = consultants.filter(unit_id=unit_id)

    return [
        LoadRow(
            consultant=c,
            open_by_status={s: getattr(c, _status_key(s)) for s in WORKING_STATUSES},
            open_total=c.open_total,
            co_open=c.co_open,
            open_hours=Decimal(c.open_hours),
            revenue=Decimal(c.revenue).quantize(Decimal("0.01")),
            budget=None if c.budget is None else Decimal(c.budget).quantize(Decimal("0.01")),
        )
        for c in consultants
    ]


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
