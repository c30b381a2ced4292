"""New customers: hiring managers and organisations whose first assignment ever falls in the period.

"First ever" looks at the whole register (any consultant); the scope decides whose
new customers they are: those with an assignment in scope ordered in the period.
"""
from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q

from assignments.models import Assignment, Contact, Organisation
from reporting.periods import Period

from .scope import Scope


def _none_earlier(field: str, start: dt.date) -> Exists:
    """The rule: no assignment at all (any consultant) for this contact / organisation before the period's start."""
    return ~Exists(Assignment.objects.filter(**{field: OuterRef(field)}, ordered_on__lt=start))


def _ordered_in_scope(scope: Scope, period: Period):
    return Assignment.objects.filter(scope.assignment_q(), ordered_on__gte=period.start, ordered_on__lte=period.end)


def _first_in_period(field: str, scope: Scope, period: Period):
    """Distinct `field` values (contact or organisation ids) of in-scope assignments ordered in the period
    that have no assignment before it: one index probe per candidate, not a scan of the register."""
    return (
        _ordered_in_scope(scope, period).filter(**{f"{field}__isnull": False})
        .filter(_none_earlier(field, period.start))
        .values(field).order_by().distinct()
    )


def new_customers(scope: Scope, period: Period) -> dict:
    """{"hiring_managers": n, "organisations": n} (one query)."""
    return new_customers_per_period(scope, [period])[0]


def new_customers_per_period(scope: Scope, periods) -> list[dict]:
    """[new_customers(scope, p) for p in periods] in one query: each assignment's "none earlier" flags are
    computed once per row (once per distinct period start) and counted with one FILTER per period."""
    def ordered(period):
        return Q(ordered_on__gte=period.start, ordered_on__lte=period.end)
    within = Q(pk__in=[])
    for period in periods:
        within |= ordered(period)
    starts = {start: i for i, start in enumerate(dict.fromkeys(p.start for p in periods))}
    flags = {}
    for start, i in starts.items():
        flags[f"new_contact_{i}"] = _none_earlier("contact", start)
        flags[f"new_organisation_{i}"] = _none_earlier("organisation", start)

    def new(field: str, period) -> Count:
        flag = Q(**{f"new_{field}_{starts[period.start]}": True})
        return Count(field, distinct=True, filter=ordered(period) & flag)
    agg = Assignment.objects.filter(scope.assignment_q(), within).annotate(**flags).aggregate(**{
        name: aggregate for i, period in enumerate(periods) for name, aggregate in (
            (f"hiring_managers_{i}", new("contact", period)), (f"organisations_{i}", new("organisation", period)))
    })
    return [{"hiring_managers": agg[f"hiring_managers_{i}"], "organisations": agg[f"organisations_{i}"]}
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
