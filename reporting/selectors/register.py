"""Register measures: assignments ordered and closed, package mix, revenue, selection methods.

An assignment is *ordered* in the period of its order date (an order from the e-service only
once accepted: incoming orders and those declined before acceptance are not counted,
`scope.accepted_q`) and *closed* in the period of its closing date (status closed with or
without a hire; cancelled assignments are never closed). It belongs to the scope of its lead consultant.
Revenue is the sum of the billing lines of the assignments closed in the period.
The personal-letter share and the screening count are taken over the
recruitments (packages that are not courses) ordered in the period.
"""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db.models import Count, DecimalField, FilteredRelation, OuterRef, Q, Subquery, Sum, Value

from assignments.models import (
    CLOSED_STATUSES,
    Assignment,
    BillingLine,
    Consultant,
    ConsultantRole,
    OrganisationKind,
    RoleLevel,
)
from recruitment.compiled import values_rows
from reporting.periods import Period

from .new_customers import new_customers_for_periods
from .scope import Scope, accepted_q

SEARCH_CODE = "SEARCH"


def ordered_q(scope: Scope, period: Period) -> Q:
    """In scope and ordered in the period; an order from the e-service only once accepted (scope.accepted_q)."""
    return scope.assignment_q() & accepted_q() & Q(ordered_on__gte=period.start, ordered_on__lte=period.end)


def closed_q(scope: Scope, period: Period, prefix: str = "") -> Q:
    return scope.assignment_q(prefix) & Q(**{
        f"{prefix}status__in": CLOSED_STATUSES, f"{prefix}closed_on__gte": period.start,
        f"{prefix}closed_on__lte": period.end,
    })


def _line_sum():
    """The billing lines of the assignment of the row (a correlated subquery on the lines' assignment index)."""
    return Subquery(
        BillingLine.objects.filter(assignment=OuterRef("pk")).order_by().values("assignment")
        .annotate(s=Sum("amount")).values("s"),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )


def _by_package(scope: Scope, periods: list[Period]) -> list[list[dict]]:
    """Per period, per package, in one query over the assignments ordered or closed in any of the periods:
    the ordered counts (all, recruitments, personal letter, screening, search), the closed count and the
    closed revenue. Each period's figures are aggregates filtered to that period (one pass over the table)."""
    annotations, within = {}, Q()
    for i, period in enumerate(periods):
        ordered, closed = ordered_q(scope, period), closed_q(scope, period)
        recruitment = ordered & Q(package__is_training=False)
        within |= ordered | closed
        annotations |= {
            f"n_{i}": Count("id", filter=ordered),
            f"recruitments_{i}": Count("id", filter=recruitment),
            f"personal_letter_{i}": Count("id", filter=recruitment & Q(personal_letter=True)),
            f"screening_{i}": Count("id", filter=recruitment & Q(screening=True)),
            f"search_{i}": Count("id", filter=ordered & (Q(package__code=SEARCH_CODE) | Q(search_used=True))),
            f"closed_{i}": Count("id", filter=closed),
            f"revenue_{i}": Sum(_line_sum(), filter=closed),
        }
    rows = values_rows(  # compiled once per scope and periods (recruitment/compiled.py)
        ("reporting.register_by_package", scope.key, tuple((p.start, p.end) for p in periods)),
        lambda: Assignment.objects.filter(within).values("package__code", "package__is_training")
        .order_by("package__code").annotate(**annotations))
    keys = ("n", "recruitments", "personal_letter", "screening", "search", "closed", "revenue")
    return [[{"package__code": row["package__code"], "package__is_training": row["package__is_training"],
              **{key: row[f"{key}_{i}"] for key in keys}} for row in rows] for i in range(len(periods))]


def revenue_sek(scope: Scope, period: Period) -> Decimal:
    """Invoiced amounts (billing lines) of the assignments closed in the period."""
    total = BillingLine.objects.filter(closed_q(scope, period, "assignment__")).aggregate(s=Sum("amount"))["s"]
    return total or Decimal("0")


def people(scope: Scope, year: int) -> tuple[dict, Decimal | None]:
    """({"all": FTE of active people in scope, "consultants": FTE of active consultants only}, the sum of
    the personal revenue budgets of `year` in scope or None when none is set), in one query: the
    consultants in scope, each joined to its one budget of the year."""
    return people_of_years(scope, [year])[year]


def people_of_years(scope: Scope, years) -> dict[int, tuple[dict, Decimal | None]]:
    """{year: people(scope, year)} in one query: the consultants in scope, each joined to its one budget of
    every year (one join per year)."""
    years = sorted(set(years))
    # one row (aggregates without GROUP BY), compiled once per scope and years (recruitment/compiled.py)
    [agg] = values_rows(("reporting.people_of_years", scope.key, tuple(years)), lambda: (
        Consultant.objects.filter(scope.consultants_q()).annotate(**{
            f"budget_of_{year}": FilteredRelation("budgets", condition=Q(budgets__year=year)) for year in years
        }).order_by().annotate(one=Value(1)).values("one").annotate(
            all=Sum("fte", filter=Q(active=True)),
            consultants=Sum("fte", filter=Q(active=True, role=ConsultantRole.CONSULTANT)),
            **{f"budget_{year}": Sum(f"budget_of_{year}__amount_sek") for year in years},
        )))
    fte = {k: agg[k] or Decimal("0") for k in ("all", "consultants")}
    return {year: (fte, agg[f"budget_{year}"]) for year in years}


def fte_denominator() -> str:
    """Which FTE income per FTE divides by ("all" | "consultants"): the setting REPORT_FTE_DENOMINATOR."""
    return "consultants" if settings.REPORT_FTE_DENOMINATOR == "consultants" else "all"


def per_fte(amount: Decimal, fte_value: Decimal) -> float | None:
    return float(amount) / float(fte_value) if fte_value else None


def register_measures(scope: Scope, period: Period) -> dict:
    """The register figures of a scope and period (three queries).

    Keys: ordered, closed, by_package {code: ordered}, closed_by_package {code: closed},
    revenue_sek (float), revenue_per_fte, fte, fte_denominator ("all" | "consultants"),
    budget_sek (the year's budget in scope, float or None), budget_share (revenue /
    budget), personal_letter_share, personal_letter_n (recruitments ordered),
    screening_count, search_sold, trainings_delivered (courses closed),
    new_customers (new hiring managers), new_organisations.
    """
    return register_measures_for_periods(scope, [period])[0]


def register_measures_for_periods(scope: Scope, periods) -> list[dict]:
    """[register_measures(scope, p) for p in periods] in three queries whatever the number of periods (each
    table read once, every period's figures filtered aggregates of the same pass)."""
    periods = list(periods)
    by_package = _by_package(scope, periods)
    staff = people_of_years(scope, [p.year for p in periods])
    newcomers = new_customers_for_periods(scope, periods)
    return [_measures(rows, *staff[period.year], newcomers[i]) for i, (period, rows) in enumerate(
        zip(periods, by_package, strict=True))]


def _measures(rows: list[dict], fte: dict, budget: Decimal | None, newcomers: dict) -> dict:
    ordered_rows = [r for r in rows if r["n"]]
    closed_rows = [{**r, "n": r["closed"]} for r in rows if r["closed"]]
    revenue = sum((r["revenue"] or Decimal("0") for r in rows), Decimal("0"))
    denominator = fte_denominator()
    recruitments = sum(r["recruitments"] for r in ordered_rows)
    return {
        "ordered": sum(r["n"] for r in ordered_rows),
        "closed": sum(r["n"] for r in closed_rows),
        "by_package": {r["package__code"]: r["n"] for r in ordered_rows},
        "closed_by_package": {r["package__code"]: r["n"] for r in closed_rows},
        "revenue_sek": float(revenue),
        "revenue_per_fte": per_fte(revenue, fte[denominator]),
        "fte": float(fte[denominator]),
        "fte_denominator": denominator,
        "budget_sek": float(budget) if budget is not None else None,
        "budget_share": float(revenue / budget) if budget else None,
        "personal_letter_share": (
            sum(r["personal_letter"] for r in ordered_rows) / recruitments if recruitments else None
        ),
        "personal_letter_n": recruitments,
        "screening_count": sum(r["screening"] for r in ordered_rows),
        "search_sold": sum(r["search"] for r in ordered_rows),
        "trainings_delivered": sum(r["n"] for r in closed_rows if r["package__is_training"]),
        "new_customers": newcomers["hiring_managers"],
        "new_organisations": newcomers["organisations"],
    }


def register_breakdown(scope: Scope, period: Period) -> dict:
    """Ordered and closed counts by package, sector, organisation kind and organisation (two queries).

    {"ordered": {"package": {code: n}, "sector": {...}, "organisation_kind": {...},
    "organisation": {name: n}}, "closed": {... the same, plus "revenue_by_package": {code: float}}}
    """
    fields = ("package__code", "sector", "organisation__kind", "organisation__name")
    names = ("package", "sector", "organisation_kind", "organisation")
    result = {}
    ordered = Assignment.objects.filter(ordered_q(scope, period)).values(*fields).order_by().annotate(n=Count("id"))
    closed = Assignment.objects.filter(closed_q(scope, period)).values(*fields).order_by().annotate(
        n=Count("id", distinct=True), revenue=Sum("billing_lines__amount")
    )
    for label, rows in (("ordered", ordered), ("closed", closed)):
        tables: dict = {name: {} for name in names}
        revenue: dict = {}
        for row in rows:  # one row per combination, not per assignment
            for field, name in zip(fields, names, strict=True):
                tables[name][row[field]] = tables[name].get(row[field], 0) + row["n"]
            if label == "closed":
                code = row["package__code"]
                revenue[code] = revenue.get(code, 0.0) + float(row["revenue"] or 0)
        if label == "closed":
            tables["revenue_by_package"] = revenue
        result[label] = {k: dict(sorted(v.items(), key=lambda kv: (-kv[1], str(kv[0])))) for k, v in tables.items()}
    return result


def revenue_by_consultant(scope: Scope, period: Period) -> list[dict]:
    """Each consultant in scope: revenue of their closed assignments against their own budget (two queries).

    [{"consultant_id", "name", "email", "fte" (float), "revenue_sek" (float),
    "budget_sek" (float or None), "budget_share" (float or None)}], by name.
    """
    revenue = dict(
        BillingLine.objects.filter(closed_q(scope, period, "assignment__")).values("assignment__lead_consultant")
        .order_by().annotate(s=Sum("amount")).values_list("assignment__lead_consultant", "s")
    )
    people = Consultant.objects.filter(scope.consultants_q()).annotate(
        budget=Sum("budgets__amount_sek", filter=Q(budgets__year=period.year))
    ).order_by("name").values("pk", "name", "email", "fte", "budget", "active")
    rows = []
    for person in people:
        amount = revenue.get(person["pk"], Decimal("0"))
        if not person["active"] and not amount:
            continue
        budget = person["budget"]
        rows.append({
            "consultant_id": person["pk"], "name": person["name"], "email": person["email"],
            "fte": float(person["fte"]), "revenue_sek": float(amount),
            "budget_sek": float(budget) if budget is not None else None,
            "budget_share": float(amount / budget) if budget else None,
        })
    return rows


def districts_helped(scope: Scope, period: Period) -> dict:
    """Distinct district administrations with an assignment ordered in the period, per sector and level (one query).

    {sector: {"medarbetare": n, "chef": n (chef or högre chef), "hogre_chef": n, "all": n}}
    """
    managers = [RoleLevel.MANAGER, RoleLevel.SENIOR_MANAGER]
    rows = Assignment.objects.filter(
        ordered_q(scope, period), organisation__kind=OrganisationKind.DISTRICT
    ).values("sector").order_by("sector").annotate(
        staff=Count("organisation", distinct=True, filter=Q(role_level=RoleLevel.STAFF)),
        managers=Count("organisation", distinct=True, filter=Q(role_level__in=managers)),
        senior=Count("organisation", distinct=True, filter=Q(role_level=RoleLevel.SENIOR_MANAGER)),
        all=Count("organisation", distinct=True),
    )
    return {
        row["sector"]: {RoleLevel.STAFF.value: row["staff"], RoleLevel.MANAGER.value: row["managers"],
                        RoleLevel.SENIOR_MANAGER.value: row["senior"], "all": row["all"]}
        for row in rows
    }
