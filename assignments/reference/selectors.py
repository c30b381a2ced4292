"""Reads for the reference-data pages, each with its joins and counts done once."""
from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from ..models import (
    Assignment,
    Consultant,
    Contact,
    Organisation,
    Package,
    PackagePrice,
    Project,
    Unit,
)


def _search(qs: QuerySet, text: str, fields: tuple[str, ...]) -> QuerySet:
    text = (text or "").strip()
    if not text:
        return qs
    return qs.filter(reduce(or_, (Q(**{f"{f}__icontains": text}) for f in fields)))


def organisation_list(*, search: str = "") -> QuerySet[Organisation]:
    qs = (
        Organisation.objects.select_related("parent")
        .annotate(n_assignments=Count("assignments"))
        .order_by("-active", "name")
    )
    return _search(qs, search, ("name", "parent__name"))


def contact_list(*, search: str = "") -> QuerySet[Contact]:
    qs = Contact.objects.select_related("organisation").order_by("name", "pk")
    return _search(qs, search, ("name", "email", "phone", "organisation__name"))


def consultant_list(*, search: str = "") -> QuerySet[Consultant]:
    qs = Consultant.objects.select_related("unit", "user").order_by("-active", "name")
    return _search(qs, search, ("name", "email", "unit__name"))


def unit_list(*, search: str = "") -> QuerySet[Unit]:
    active = Count("consultants", filter=Q(consultants__active=True))
    qs = Unit.objects.select_related("manager").annotate(n_consultants=active).order_by("name")
    return _search(qs, search, ("name", "manager__name"))


def project_list(*, search: str = "") -> QuerySet[Project]:
    qs = (
        Project.objects.select_related("organisation", "lead")
        .annotate(n_assignments=Count("assignments"))
        .order_by(F("starts_on").desc(nulls_last=True), "name")
    )
    return _search(qs, search, ("name", "organisation__name", "lead__name", "description"))


def package_list(*, search: str = "") -> QuerySet[Package]:
    prices = Prefetch("prices", queryset=PackagePrice.objects.order_by("-year"))
    qs = Package.objects.prefetch_related(prices).order_by("-offered", "code")
    return _search(qs, search, ("code", "name"))


def assignment_rows(qs: QuerySet[Assignment]) -> QuerySet[Assignment]:
    """Assignments as listed on a reference page: recent first, with what each row shows."""
    return (
        qs.select_related("organisation", "lead_consultant", "package", "contact")
        .annotate(n_hires=Count("hires"))
        .order_by("-ordered_on", "-reference")
    )


def organisation_contacts(*, organisation: Organisation) -> QuerySet[Contact]:
    return organisation.contacts.order_by("-active", "role", "name")


def organisation_consultants(*, organisation: Organisation) -> QuerySet[Consultant]:
    """Every consultant who led or co-worked an assignment for the organisation, with counts."""
    org_assignments = Assignment.objects.filter(organisation=organisation).order_by()
    through = Assignment.co_consultants.through.objects.filter(assignment__organisation=organisation)

    def count(qs):
        return Coalesce(
            Subquery(qs.values("organisation").annotate(n=Count("pk", distinct=True)).values("n"),
                     output_field=IntegerField()),
            Value(0),
        )

    lead = org_assignments.filter(lead_consultant=OuterRef("pk"))
    co = org_assignments.filter(co_consultants=OuterRef("pk"))
    either = org_assignments.filter(Q(lead_consultant=OuterRef("pk")) | Q(co_consultants=OuterRef("pk")))
    return (
        Consultant.objects.filter(
            Q(pk__in=org_assignments.values("lead_consultant")) | Q(pk__in=through.values("consultant"))
        )
        .select_related("unit")
        .annotate(n_lead=count(lead), n_co=count(co), n_total=count(either))
        .order_by("-n_total", "name")
    )


def project_totals(*, project: Project) -> dict:
    """Number of assignments and hires in a volume project."""
    return project.assignments.order_by().aggregate(n_assignments=Count("pk", distinct=True), n_hires=Count("hires"))
