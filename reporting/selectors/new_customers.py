"""New customers: hiring managers and organisations whose first assignment ever falls in the period.

"First ever" looks at the whole register (any consultant); the scope decides whose
new customers they are: those with an assignment in scope ordered in the period.
"""
from __future__ import annotations

from django.db import connection
from django.db.models import Exists, F, OuterRef

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


def _new_count_sql(field: str, scope: Scope, period: Period) -> tuple[str, list]:
    """SQL counting the distinct contacts (organisations) of in-scope assignments ordered in the period that
    have no assignment at all before it (the rule of `_none_earlier`): the distinct values first, then one
    index probe each, so the work follows the period's assignments and not the size of the register."""
    candidates = (_ordered_in_scope(scope, period).filter(**{f"{field}__isnull": False})
                  .values(candidate=F(field)).order_by().distinct())
    sql, params = candidates.query.sql_with_params()
    quote = connection.ops.quote_name
    column = quote(Assignment._meta.get_field(field).column)
    # names quoted from the model, every value a parameter
    return (f"SELECT COUNT(*) FROM ({sql}) AS candidates WHERE NOT EXISTS (SELECT 1 FROM "  # noqa: S608
            f"{quote(Assignment._meta.db_table)} AS earlier WHERE earlier.{column} = candidates.{quote('candidate')} "
            f"AND earlier.{quote('ordered_on')} < %s)", [*params, period.start])


def new_customers_for_periods(scope: Scope, periods) -> list[dict]:
    """[new_customers(scope, p) for p in periods] in one query."""
    parts = [_new_count_sql(field, scope, period) for period in periods for field in ("contact", "organisation")]
    if not parts:
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"({sql})" for sql, _params in parts),
                       [param for _sql, params in parts for param in params])
        row = cursor.fetchone()
    return [{"hiring_managers": row[i], "organisations": row[i + 1]} for i in range(0, len(row), 2)]


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
