"""New customers: hiring managers and organisations whose first assignment ever falls in the period.

"First ever" looks at the whole register (any consultant); the scope decides whose
new customers they are: those with an assignment in scope ordered in the period.
"""
from __future__ import annotations

from django.db.models import Count, Exists, OuterRef

from assignments.models import Assignment, Contact, Organisation
from reporting.periods import Period

from .scope import Scope


def _none_earlier(field: str, period: Period) -> Exists:
    """The rule: no assignment at all (any consultant) for this contact / organisation before the period."""
    return ~Exists(Assignment.objects.filter(**{field: OuterRef(field)}, ordered_on__lt=period.start))


def _ordered_in_scope(scope: Scope, period: Period):
    return Assignment.objects.filter(scope.assignment_q(), ordered_on__gte=period.start, ordered_on__lte=period.end)


def _first_in_period(field: str, scope: Scope, period: Period):
    """Distinct `field` values (contact or organisation ids) of in-scope assignments ordered in the period
    that have no assignment before it: one index probe per candidate, not a scan of the register."""
    return (
        _ordered_in_scope(scope, period).filter(**{f"{field}__isnull": False}).filter(_none_earlier(field, period))
        .values(field).order_by().distinct()
    )


def new_customers(scope: Scope, period: Period) -> dict:
    """{"hiring_managers": n, "organisations": n} (one query)."""
    return _ordered_in_scope(scope, period).aggregate(
        hiring_managers=Count("contact", distinct=True, filter=_none_earlier("contact", period)),
        organisations=Count("organisation", distinct=True, filter=_none_earlier("organisation", period)),
    )


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
