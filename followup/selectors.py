"""Reads for the follow-up pages: the contact log, the yearly follow-up lists, AARs and open actions.

Each list's rule lives in one function here; the pages, the Excel exports and the tests use them.
"""
from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, F, IntegerField, Max, Min, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower, Trim

from assignments.models import (
    CLOSED_STATUSES,
    Assignment,
    Consultant,
    Contact,
    ContactRole,
    Hire,
    NoSurveyReason,
    Organisation,
)
from recruitment.compiled import model_rows
from reporting.periods import Period
from reporting.selectors.new_customers import new_customer_ids
from reporting.selectors.scope import Scope

from .models import AarAction, AccountManager, AfterActionReview, CustomerContact


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` years earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _account_managers() -> Prefetch:
    return Prefetch("account_managers", queryset=AccountManager.objects.select_related("consultant"))


# -- the contact log --------------------------------------------------------------------------------
def organisation_contact_log(*, organisation: Organisation, limit: int = 50) -> list[CustomerContact]:
    """The organisation's logged contacts, newest first, with who took part (three queries)."""
    return list(
        CustomerContact.objects.filter(organisation=organisation)
        .prefetch_related(Prefetch("staff", queryset=Consultant.objects.order_by("name")),
                          Prefetch("contacts", queryset=Contact.objects.order_by("name")))[:limit]
    )


def organisation_account_managers(*, organisation: Organisation) -> list[Consultant]:
    return [row.consultant for row in AccountManager.objects.filter(organisation=organisation)
            .select_related("consultant")]


# -- the yearly follow-up lists ---------------------------------------------------------------------
def hr_heads_without_contact(*, year: int):
    """Active HR heads (contact role "HR-chef") of active organisations who took part in no logged contact
    dated in `year`, with the date of the last one they ever took part in (or None)."""
    logged = CustomerContact.objects.filter(contacts=OuterRef("pk"))
    return (
        Contact.objects.filter(role=ContactRole.HR_HEAD, active=True, organisation__active=True)
        .exclude(Exists(logged.filter(held_on__year=year)))
        .annotate(last_contact=Subquery(logged.order_by("-held_on").values("held_on")[:1]))
        .select_related("organisation")
        .prefetch_related(Prefetch("organisation__account_managers",
                                   queryset=AccountManager.objects.select_related("consultant")))
        .order_by("organisation__name", "name")
    )


def organisations_without_order(*, on: dt.date):
    """Active organisations with no assignment ordered in the twelve months up to `on` (ordered after the
    same day a year earlier, whatever its status), with their last order date (None: never ordered)."""
    since = years_before(on, 1)
    return (
        Organisation.objects.filter(active=True)
        .exclude(Exists(Assignment.objects.filter(organisation=OuterRef("pk"), ordered_on__gt=since,
                                                  ordered_on__lte=on)))
        .annotate(last_ordered=Max("assignments__ordered_on", filter=Q(assignments__ordered_on__lte=on)))
        .prefetch_related(_account_managers())
        .order_by(F("last_ordered").asc(nulls_first=True), "name")
    )


def recruited_managers(*, on: dt.date):
    """People hired through a manager package (`Package.manager_package`) recruited in the two years up to
    `on`, and whether they have ordered since.

    Recruited on: the assignment's closing day, or the hire's start date when the assignment has none.
    Ordered since: a hiring manager (contact) with the hire's name (case and surrounding spaces
    ignored) or the hire's e-mail is the contact of an assignment ordered after the recruited day.
    The register does not link a hire to the contact they later become, so the match is by name or
    e-mail; two people with the same name would be taken for one.
    """
    later = (
        Assignment.objects.annotate(contact_key=Lower(Trim("contact__name")))
        .filter(ordered_on__gt=OuterRef("recruited_on"))
        .filter(Q(contact_key=OuterRef("name_key"))
                | (Q(contact__email__iexact=OuterRef("email")) & ~Q(contact__email="")))
    )
    later_count = (later.order_by().annotate(one=Value(1, output_field=IntegerField())).values("one")
                   .annotate(n=Count("pk")).values("n"))
    return (
        Hire.objects.filter(assignment__package__manager_package=True)
        .annotate(recruited_on=Coalesce("assignment__closed_on", "start_date"), name_key=Lower(Trim("name")))
        .filter(recruited_on__gte=years_before(on, 2), recruited_on__lte=on)
        .annotate(
            later_orders=Coalesce(Subquery(later_count[:1]), 0),
            first_later_on=Subquery(later.order_by("ordered_on", "reference").values("ordered_on")[:1]),
            first_later_reference=Subquery(later.order_by("ordered_on", "reference").values("reference")[:1]),
        )
        .select_related("assignment__organisation", "assignment__package")
        .order_by("-recruited_on", "name")
    )


def first_time_customers(*, year: int) -> dict:
    """Organisations and hiring managers whose first assignment ever was ordered in `year`: reporting's
    new-customer rule (reporting.selectors.new_customers) for the whole department, with the first order."""
    ids = new_customer_ids(Scope(), Period.for_report(year))
    organisations = (
        Organisation.objects.filter(pk__in=ids["organisations"])
        .annotate(first_ordered=Min("assignments__ordered_on")).prefetch_related(_account_managers())
        .order_by("first_ordered", "name")
    )
    managers = (
        Contact.objects.filter(pk__in=ids["hiring_managers"]).annotate(first_ordered=Min("assignments__ordered_on"))
        .select_related("organisation").order_by("first_ordered", "name")
    )
    return {"organisations": list(organisations), "hiring_managers": list(managers)}


# -- After Action Reviews ---------------------------------------------------------------------------
def aar_required_q(prefix: str = "") -> Q:
    """Assignments the register marks "no survey: followed up by an AAR" (surveys off, that reason)."""
    return Q(**{f"{prefix}surveys_enabled": False, f"{prefix}no_survey_reason": NoSurveyReason.AAR})


def aar_required(assignment: Assignment) -> bool:
    return not assignment.surveys_enabled and assignment.no_survey_reason == NoSurveyReason.AAR


def assignments_lacking_aar():
    """Closed assignments marked "followed up by an AAR" that have no AAR: none of their own and none of
    their volume project's. Until they have one they do not count as followed up."""
    own = AfterActionReview.objects.filter(assignment=OuterRef("pk"))
    of_project = AfterActionReview.objects.filter(project=OuterRef("project"))
    return (
        Assignment.objects.filter(aar_required_q(), status__in=CLOSED_STATUSES)
        .exclude(Exists(own)).exclude(Q(project__isnull=False) & Q(Exists(of_project)))
        .select_related("organisation", "lead_consultant", "project")
        .order_by("closed_on", "reference")
    )


def assignment_followed_up(assignment: Assignment) -> bool:
    """False only for an assignment marked "followed up by an AAR" that has none (nor its project)."""
    if not aar_required(assignment):
        return True
    q = Q(assignment=assignment)
    if assignment.project_id:
        q |= Q(project_id=assignment.project_id)
    return AfterActionReview.objects.filter(q).exists()


def reviews_of(*, assignment=None, project=None) -> list[AfterActionReview]:
    reviews = AfterActionReview.objects.filter(assignment=assignment) if assignment is not None else \
        AfterActionReview.objects.filter(project=project)
    return list(reviews.annotate(open_actions=Count("actions", filter=Q(actions__done_on__isnull=True))))


def review_list():
    return (AfterActionReview.objects.select_related("assignment__organisation", "project")
            .annotate(open_actions=Count("actions", filter=Q(actions__done_on__isnull=True))))


def open_actions_of(*, consultant: Consultant | None = None, user=None) -> list[AarAction]:
    """A consultant's actions not yet done (given the consultant, or the user their record is linked to), the
    earliest due first (one query, compiled once per consultant or user: recruitment/compiled.py)."""
    owner, key = ({"owner": consultant}, ("consultant", consultant.pk)) if consultant is not None else (
        {"owner__user": user}, ("user", user.pk))
    return model_rows(("followup.open_actions", *key), lambda: (
        AarAction.objects.filter(**owner, done_on__isnull=True)
        .select_related("review__assignment", "review__project").order_by("due_on", "id")))
