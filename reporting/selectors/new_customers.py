"""New customers: hiring managers and organisations whose first assignment ever falls in the period.

"First ever" looks at the whole register (any consultant); the scope decides whose
new customers they are: those with an assignment in scope ordered in the period.
"""
from __future__ import annotations

from django.db import connection
from django.db.models import Exists, F, Min, OuterRef

from assignments.models import Assignment, Contact, Organisation
from reporting.periods import Period

from .scope import Scope, accepted_q


def _none_earlier(field: str, period: Period) -> Exists:
    """The rule: no assignment at all (any consultant) for this contact / organisation before the period
    (the counts state it in SQL, `_new_count_sql`; tests/reporting compare the two)."""
    return ~Exists(Assignment.objects.filter(**{field: OuterRef(field)}, ordered_on__lt=period.start))


def _ordered_in_scope(scope: Scope, period: Period):
    return Assignment.objects.filter(scope.assignment_q(), accepted_q(), ordered_on__gte=period.start,
                                     ordered_on__lte=period.end)


def _first_in_period(field: str, scope: Scope, period: Period):
    """Distinct `field` values (contact or organisation ids) of in-scope assignments ordered in the period
    that have no assignment before it: one index probe per candidate, not a scan of the register."""
    return (
        _ordered_in_scope(scope, period).filter(**{f"{field}__isnull": False}).filter(_none_earlier(field, period))
        .values(field).order_by().distinct()
    )


def new_customers(scope: Scope, period: Period) -> dict:
    """{"hiring_managers": n, "organisations": n} (one query)."""
    return new_customers_for_periods(scope, [period])[0]


def _new_counts_sql(field: str, scope: Scope, start, ends: list) -> tuple[str, list]:
    """SQL giving one row: for each end in `ends`, the distinct contacts (organisations) of in-scope
    assignments ordered from `start` to that end that have no assignment at all before `start` (the rule
    of `_none_earlier`). Each candidate once with its first in-scope order date, then one index probe
    each, so the work follows the period's assignments and not the size of the register; the periods
    that share a start (T1, T2 and the year to date) share the pass."""
    candidates = (
        Assignment.objects.filter(scope.assignment_q(), ordered_on__gte=start, ordered_on__lte=max(ends),
                                  **{f"{field}__isnull": False})
        .values(candidate=F(field)).order_by().annotate(first=Min("ordered_on"))
    )
    sql, params = candidates.query.sql_with_params()
    quote = connection.ops.quote_name
    column = quote(Assignment._meta.get_field(field).column)
    counted = ", ".join(f"COALESCE(SUM(CASE WHEN candidates.{quote('first')} <= %s THEN 1 ELSE 0 END), 0)"
                        for _end in ends)
    # names quoted from the model, every value a parameter
    return (f"SELECT {counted} FROM ({sql}) AS candidates WHERE NOT EXISTS (SELECT 1 FROM "  # noqa: S608
            f"{quote(Assignment._meta.db_table)} AS earlier WHERE earlier.{column} = candidates.{quote('candidate')} "
            f"AND earlier.{quote('ordered_on')} < %s)", [*ends, *params, start])


_compiled: dict = {}  # {(vendor, scope key, periods' dates): (sql, params, columns)}: the SQL depends on nothing else


def _counts_sql(scope: Scope, periods) -> tuple[str, list, dict]:
    """The SQL of every period's counts in one row, its parameters, and {(field, period index): column}."""
    key = (connection.vendor, scope.key, tuple((p.start, p.end) for p in periods))
    if key not in _compiled:
        if len(_compiled) >= 256:
            _compiled.clear()
        starts: dict = {}
        for i, period in enumerate(periods):
            starts.setdefault(period.start, []).append(i)
        parts, columns = [], {}
        for start, indexes in starts.items():
            ends = [periods[i].end for i in indexes]
            for field in ("contact", "organisation"):
                for i in indexes:
                    columns[(field, i)] = len(columns)
                parts.append(_new_counts_sql(field, scope, start, ends))
        # the parts' SQL from _new_counts_sql, every value a parameter
        sql = "SELECT * FROM " + ", ".join(  # noqa: S608
            f"({part}) AS n{n}" for n, (part, _params) in enumerate(parts))
        _compiled[key] = (sql, [param for _sql, params in parts for param in params], columns)
    return _compiled[key]


def new_customers_for_periods(scope: Scope, periods) -> list[dict]:
    """[new_customers(scope, p) for p in periods] in one query (its SQL built once per scope and periods)."""
    periods = list(periods)
    if not periods:
        return []
    sql, params, columns = _counts_sql(scope, periods)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return [{"hiring_managers": row[columns[("contact", i)]], "organisations": row[columns[("organisation", i)]]}
            for i in range(len(periods))]


def new_customer_ids(scope: Scope, period: Period) -> dict:
    """{"hiring_managers": [contact ids], "organisations": [organisation ids]} for lists on a dashboard."""
    return {
        "hiring_managers": list(_first_in_period("contact", scope, period).values_list("contact", flat=True)),
        "organisations": list(
            _first_in_period("organisation", scope, period).values_list("organisation", flat=True)
        ),
    }


def new_customer_names(scope: Scope, period: Period) -> dict:
    """{"hiring_managers": [(name, organisation name)], "organisations": [names]}, by name (two queries).

    The "first assignment ever in the period" rule is used as a subquery, so the
    number of queries stays the same whether or not there are new customers.
    """
    contacts = Contact.objects.filter(pk__in=_first_in_period("contact", scope, period).values("contact"))
    organisations = Organisation.objects.filter(
        pk__in=_first_in_period("organisation", scope, period).values("organisation")
    )
    return {
        "hiring_managers": list(contacts.order_by("name").values_list("name", "organisation__name")),
        "organisations": list(organisations.order_by("name").values_list("name", flat=True)),
    }
