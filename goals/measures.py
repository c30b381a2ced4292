"""The catalogue of measures a computed indicator can follow: MEASURES = {key: Measure}.

Two kinds:
- **report measures** read a figure of reporting's typed kpi report
  (`reporting.selectors.kpi_report_for`, year to date), e.g. `report.customer.nps`; `path` names
  the same figure in the kpi JSON ("customer.nps") for the dashboard's target lines; shares
  are fractions there and are shown here in percent (×100);
- **own measures** are computed here with ORM aggregates, for what the JSON does not give.

Choices made for the own measures (documented here, followed everywhere):
- an assignment counts in the period of its **order date**, year to date (T2 = 1 January -
  31 August); cancelled assignments are not counted; training packages (KBR) are counted
  only by the training measure or when named in `packages`;
- a scope (a consultant, a unit) filters on the **lead consultant** (and the lead's unit);
  survey answers on the consultant they are credited to (`reporting.selectors.scope.credited_consultant`);
- `share_of_ads` = assignments for an organisation (or for every district and
  administration when no organisation is named) / the ads published for it as entered
  (`ads_published`, or `ads_published_manager` for the manager variant), × 100. Entered
  ads are per tertial and add up year to date; when a tertial's ads are missing the share
  is taken over the tertials entered (assignments ordered in those tertials / their ads),
  and the status says which tertials it rests on (goals/lacks.py). For T3 and the year a
  figure entered for the whole year stands for the year to date. The manager variant counts assignments with a
  manager package or role level chef / högre chef; `packages` narrows further (for
  utbildningsförvaltningen: chefspaket and second opinion);
- `e_services_share` = the assignments made from an order of the e-service (orders/) / the assignments
  ordered, × 100, over the assignments `assignments_ordered` counts;
- `distinct_districts` counts distinct stadsdelsförvaltningar with an assignment of the
  sector (and role level) ordered in the period;
- `ami_total` is the department's employee survey of the year: the city's published
  total where stored, otherwise the computed one (see goals/ami.py).
Values are floats (the kpi JSON's numbers are); money targets are compared as numbers.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Avg, Count, Exists, OuterRef, Q, Sum
from django.utils.translation import gettext_lazy as _

from assignments.models import Assignment, BillingKind, BillingLine, OrganisationKind, RoleLevel, Status
from orders.figures import via_eservice_q
from reporting.periods import Period
from reporting.selectors.scope import accepted_q

from .periods import report_period

MANAGER_LEVELS = [RoleLevel.MANAGER, RoleLevel.SENIOR_MANAGER]
CITY_KINDS = [OrganisationKind.DISTRICT, OrganisationKind.ADMINISTRATION]


@dataclass(frozen=True)
class Measure:
    label: str
    unit: str
    compute: Callable  # (ctx, params) -> {period: float | None}
    scopable: bool = True  # can follow a unit or a consultant
    batched: bool = False  # an aggregate over assignments: a page reads all of them in one query
    rows: Callable | None = None  # (ctx, params, period) -> ("assignments" | "responses", queryset)
    path: str | None = None  # the figure's kpi JSON path, for the dashboard's target lines


def _as_list(value):
    if value in (None, "", []):
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _num(value):
    return None if value is None else float(value)


# --- the kpi report ---------------------------------------------------------------------

def _number(value):
    return float(value) if isinstance(value, int | float | Decimal) and not isinstance(value, bool) else None


def _report_value(ctx, read: Callable, scale: float) -> dict:
    out = {}
    for period in ctx.periods:
        value = _number(read(ctx.report(period)))
        out[period] = None if value is None else value * scale
    return out


def _responses_rows(kind: str):
    def rows(ctx, params, period):
        from surveys.models import Response

        follow = report_period(ctx.year, period)
        qs = Response.objects.filter(kind=params.get("survey", kind), submitted_on__range=(follow.start, follow.end))
        qs = _scope_responses(ctx, qs)
        return "responses", qs.select_related("package", "consultant", "organisation")
    return rows


def report_measure(label, unit, section: str, name: str, scale=1.0, rows=None) -> Measure:
    """The figure `name` of the kpi report's `section` (report.customer.nps: "customer", "nps")."""
    def read(report):
        return getattr(getattr(report, section), name)
    return Measure(label, unit, lambda ctx, params: _report_value(ctx, read, scale), rows=rows,
                   path=f"{section}.{name}")


def question_path(params, field):
    return f"{params.get('survey', 'customer')}.questions.{params.get('question', '')}.{field}"


# --- assignments --------------------------------------------------------------------------

class AddonSold(Exists):
    """The assignment has a current add-on line (not credited) of one of the package codes. Its repr names the
    codes: the context keys its batched aggregates by repr (a queryset's own repr would run it)."""

    def __init__(self, codes):
        self.codes = tuple(codes)
        super().__init__(BillingLine.objects.filter(assignment=OuterRef("pk"), kind=BillingKind.ADDON,
                                                    addon__code__in=self.codes, credited_by__isnull=True))

    def __repr__(self):
        return f"AddonSold({self.codes!r})"


def assignments_q(ctx, params: dict, date_field: str = "ordered_on") -> Q:
    """Assignments ordered (or closed) in the plan year, not cancelled, in scope, filtered by the indicator's
    parameters."""
    year = report_period(ctx.year, "year")
    q = Q(**{f"{date_field}__range": (year.start, year.end)}) & ~Q(status=Status.CANCELLED) & accepted_q()
    packages = _as_list(params.get("packages"))
    if packages and params.get("with_addons"):  # sold as the package or as an add-on line with another package
        q &= Q(package__code__in=packages) | Q(AddonSold(packages))
    elif packages:
        q &= Q(package__code__in=packages)
    else:
        q &= Q(package__is_training=bool(params.get("training")))
    if name := params.get("organisation"):  # by id: a name compared on every row costs more than the rest
        ids = ctx.organisation_ids(name)
        q &= Q(organisation_id__in=ids) if ids else Q(organisation__name__iexact=name)
    if kinds := _as_list(params.get("organisation_kind")):
        q &= Q(organisation__kind__in=kinds)
    if sectors := _as_list(params.get("sector")):
        q &= Q(sector__in=sectors)
    if levels := _as_list(params.get("role_level")):
        q &= Q(role_level__in=levels)
    if params.get("manager"):
        q &= Q(package__manager_package=True) | Q(role_level__in=MANAGER_LEVELS)
    if "personal_letter" in params:
        q &= Q(personal_letter=bool(params["personal_letter"]))
    if "screening" in params:
        q &= Q(screening=bool(params["screening"]))
    return q & ctx.scope.assignment_q()


def assignments_base(ctx, params: dict, date_field: str = "ordered_on"):
    """The assignments of `assignments_q`, for the drill-down's rows."""
    return Assignment.objects.filter(assignments_q(ctx, params, date_field))


def _ordered_by(ctx, period):
    return Q(ordered_on__lte=report_period(ctx.year, period).end)


def _aggregate(ctx, q: Q, make) -> dict:
    """{period: make(q and ordered by the period's end)}: read with every other indicator's in one query."""
    values = ctx.assignment_values({p: make(q & _ordered_by(ctx, p)) for p in ctx.periods})
    return {p: _num(values[p]) for p in ctx.periods}


def _assignment_rows(extra: Callable | None = None):
    def rows(ctx, params, period):
        qs = assignments_base(ctx, extra(params) if extra else params).filter(_ordered_by(ctx, period))
        return "assignments", qs.select_related("organisation", "package", "lead_consultant").order_by("ordered_on")
    return rows


def assignments_ordered(ctx, params):
    return _aggregate(ctx, assignments_q(ctx, params), lambda f: Count("id", filter=f))


def e_services_share(ctx, params):
    """Assignments that came through the e-service (orders.figures.via_eservice_q) of the assignments ordered,
    in percent (the same assignments as `assignments_ordered`, so an order counts once accepted)."""
    q = assignments_q(ctx, params)
    total = _aggregate(ctx, q, lambda f: Count("id", filter=f))
    via = _aggregate(ctx, q & via_eservice_q(), lambda f: Count("id", filter=f))
    return {p: via[p] / total[p] * 100 if total[p] else None for p in ctx.periods}


def _training_params(params):
    out = {**params, "training": True}
    if params.get("districts_only"):
        out["organisation_kind"] = OrganisationKind.DISTRICT
    return out


def kbr_trainings(ctx, params):
    return assignments_ordered(ctx, _training_params(params))


def _search_params(params):
    """Searchpaket sold (the 2023 budget's 50 SEARCH): as an assignment's package or as an add-on with one."""
    return {**params, "packages": ["SEARCH"], "with_addons": True}


def search_packages_sold(ctx, params):
    return assignments_ordered(ctx, _search_params(params))


def _district_params(params):
    return {**params, "organisation_kind": OrganisationKind.DISTRICT}


def distinct_districts(ctx, params):
    q = assignments_q(ctx, _district_params(params))
    return _aggregate(ctx, q, lambda f: Count("organisation", distinct=True, filter=f))


def screened_candidates(ctx, params):
    return _aggregate(ctx, assignments_q(ctx, params), lambda f: Sum("screened_candidates", filter=f))


def _share_params(params):
    out = dict(params)
    if not out.get("organisation") and not out.get("organisation_kind"):
        out["organisation_kind"] = CITY_KINDS
    return out


def _tertial_counts(ctx, params) -> dict:
    """{tertial: assignments ordered in that tertial alone} for the share's numerator."""
    q = assignments_q(ctx, params)
    wanted = {}
    for n in (1, 2, 3):
        alone = Period.tertial_alone(ctx.year, n)
        wanted[f"T{n}"] = Count("id", filter=q & Q(ordered_on__range=(alone.start, alone.end)))
    return {t: value or 0 for t, value in ctx.assignment_values(wanted).items()}


def share_ads_key(params) -> str:
    default_key = "ads_published_manager" if params.get("manager") else "ads_published"
    return params.get("denominator_key") or default_key


def share_of_ads(ctx, params):
    """Assignments / entered ads published, in percent (see the module docstring)."""
    org_id = ctx.organisation_id(params.get("organisation"))
    if org_id is False:
        return dict.fromkeys(ctx.periods)
    key = share_ads_key(params)
    by_tertial = _tertial_counts(ctx, _share_params(params))
    out = {}
    for period in ctx.periods:
        entered, _missing, ads = ctx.figure_parts(key, org_id, period)
        tertials = ("T1", "T2", "T3") if entered == ["year"] else entered  # a year figure: the whole year
        out[period] = sum(by_tertial[t] for t in tertials) / float(ads) * 100 if ads else None
    return out


# --- survey answers -----------------------------------------------------------------------

def _scope_responses(ctx, qs, prefix=""):
    """Responses (at `prefix`) of the consultant or unit, by the reports' consultant-credit rule."""
    return qs.filter(ctx.scope.response_q(prefix))


def question_satisfied_share(ctx, params):
    """Share (%) of the answers to a scale question at or above the "satisfied" threshold.

    At the reports' threshold (REPORT_SATISFIED_MIN) it is read from the kpi report's answer figures
    (no query of its own); another threshold (`min`) counts the answers themselves.
    """
    from surveys.models import Answer

    threshold = int(params.get("min", settings.REPORT_SATISFIED_MIN))
    if threshold == settings.REPORT_SATISFIED_MIN:
        def read(report):
            stat = report.question_stat(params.get("survey", "customer"), params.get("question", ""))
            return stat.satisfied / stat.n * 100 if stat is not None and stat.n else None
        return _report_value(ctx, read, 1)
    year = report_period(ctx.year, "year")
    qs = Answer.objects.filter(
        response__kind=params.get("survey", "customer"), question_key=params.get("question", ""),
        value_number__isnull=False, response__submitted_on__range=(year.start, year.end),
    )
    qs = _scope_responses(ctx, qs, "response__")
    aggs = {}
    for p in ctx.periods:
        in_period = Q(response__submitted_on__lte=report_period(ctx.year, p).end)
        aggs[f"n_{p}"] = Count("id", filter=in_period)
        aggs[f"ok_{p}"] = Count("id", filter=in_period & Q(value_number__gte=threshold))
    result = qs.aggregate(**aggs)
    return {p: (result[f"ok_{p}"] / result[f"n_{p}"] * 100 if result[f"n_{p}"] else None) for p in ctx.periods}


# --- employee survey ----------------------------------------------------------------------

def ami_total(ctx, params):
    from .ami import survey_results

    survey = ctx.employee_survey()
    if survey is None:
        return dict.fromkeys(ctx.periods)
    value = float(survey.official_total) if survey.official_total is not None else survey_results(survey)["total"]
    return dict.fromkeys(ctx.periods, value)


def _normalise(text: str) -> str:
    return " ".join(text.casefold().strip().rstrip(".!?”\"").split())


def ami_statement(ctx, params):
    """The index (0-100) of one statement of the department's employee survey."""
    from .ami import statement_result

    survey = ctx.employee_survey()
    wanted = _normalise(params.get("statement", ""))
    value = None
    for s in survey.statements.all() if survey else ():
        if s.key == params.get("key") or (wanted and _normalise(s.statement).startswith(wanted)):
            value = statement_result(key=s.key, area=s.area, statement=s.statement, counts=s.counts).index
            break
    return dict.fromkeys(ctx.periods, value)


def mean_hours(ctx, params):
    """Mean hours spent on the assignments (of the packages given) closed in the period, year to date."""
    q = assignments_q(ctx, params, date_field="closed_on") & Q(hours__isnull=False)
    values = ctx.assignment_values({p: Avg("hours", filter=q & Q(closed_on__lte=report_period(ctx.year, p).end))
                                    for p in ctx.periods})
    return {p: _num(values[p]) for p in ctx.periods}


def _revenue_rows(ctx, params, period):
    follow = report_period(ctx.year, period)
    qs = Assignment.objects.filter(ctx.scope.assignment_q(), closed_on__range=(follow.start, follow.end))
    return "assignments", qs.select_related("organisation", "package", "lead_consultant").order_by("closed_on")


def _ordered_rows(ctx, params, period):
    return _assignment_rows()(ctx, {}, period)


def _question_measure(label, unit, field, scale):
    def compute(ctx, params):
        def read(report):
            questions = getattr(report.survey(params.get("survey", "customer")), "questions", {})
            return (questions.get(params.get("question", "")) or {}).get(field)
        return _report_value(ctx, read, scale)
    return Measure(label, unit, compute, rows=_responses_rows("customer"))


MEASURES: dict[str, Measure] = {
    "nps": report_measure(_("NPS"), "score", "customer", "nps", rows=_responses_rows("customer")),
    "total_mean": report_measure(_("Snittbetyg alla frågor (kundenkät)"), "score", "customer", "total_mean",
                                 rows=_responses_rows("customer")),
    "satisfied_customers_share": report_measure(_("Andel nöjda kunder"), "percent", "customer", "satisfied_share",
                                                100, rows=_responses_rows("customer")),
    "satisfied_candidates_share": report_measure(_("Andel nöjda kandidater"), "percent",
                                                 "candidate", "satisfied_share", 100),
    "candidate_answers": report_measure(_("Antal svar på kandidatenkäten"), "count", "candidate", "responses"),
    "question_mean": _question_measure(_("Medelvärde för en fråga"), "score", "mean", 1),
    "question_yes_share": _question_measure(_("Andel ja på en fråga"), "percent", "yes_share", 100),
    "question_satisfied_share": Measure(_("Andel nöjda på en fråga"), "percent", question_satisfied_share,
                                        rows=_responses_rows("customer")),
    "candidate_response_rate": report_measure(_("Svarsfrekvens kandidatenkät"), "percent",
                                              "candidate", "response_rate", 100),
    "mean_hours": Measure(_("Genomsnittlig tid per uppdrag (timmar)"), "hours", mean_hours, batched=True,
                          rows=lambda ctx, params, period: ("assignments", assignments_base(
                              ctx, params, date_field="closed_on").filter(
                              closed_on__lte=report_period(ctx.year, period).end).select_related(
                              "organisation", "package", "lead_consultant"))),
    "customer_response_rate": report_measure(_("Svarsfrekvens kundenkät"), "percent", "customer", "response_rate",
                                             100),
    "six_month_response_rate": report_measure(_("Svarsfrekvens sexmånadersenkät"), "percent",
                                              "six_month", "response_rate", 100),
    "six_month_match_mean": report_measure(_("Matchning efter sex månader"), "score", "six_month", "match_mean",
                                           rows=_responses_rows("six_month")),
    "training_mean": report_measure(_("Utbildningens betyg"), "score", "training", "mean",
                                    rows=_responses_rows("training")),
    "revenue_per_fte": report_measure(_("Omsättning per årsarbetare"), "sek", "assignments", "revenue_per_fte",
                                      rows=_revenue_rows),
    "personal_letter_share": report_measure(_("Andel med personligt brev"), "percent",
                                            "assignments", "personal_letter_share", 100, rows=_ordered_rows),
    "screening_count": report_measure(_("Antal med screeningtester"), "count", "assignments", "screening_count",
                                      rows=_ordered_rows),
    "search_packages_sold": Measure(_("Sålda searchpaket"), "count", search_packages_sold, batched=True,
                                    rows=_assignment_rows(_search_params)),
    "kbr_trainings": Measure(_("KBR-utbildningar"), "count", kbr_trainings, batched=True,
                             rows=_assignment_rows(_training_params)),
    "assignments_ordered": Measure(_("Beställda uppdrag"), "count", assignments_ordered, batched=True,
                                   rows=_assignment_rows()),
    "e_services_share": Measure(_("Andel ärenden som inkommer via e-tjänster"), "percent", e_services_share,
                                batched=True, rows=_assignment_rows()),
    "screened_candidates": Measure(_("Screenade kandidater"), "count", screened_candidates, batched=True,
                                   rows=_assignment_rows()),
    "share_of_ads": Measure(_("Andel av publicerade annonser"), "percent", share_of_ads, batched=True,
                            scopable=False, rows=_assignment_rows(_share_params)),
    "distinct_districts": Measure(_("Stadsdelsförvaltningar (antal)"), "count", distinct_districts, batched=True,
                                  rows=_assignment_rows(_district_params)),
    "ami_total": Measure(_("Aktivt medskapandeindex"), "index", ami_total, scopable=False),
    "ami_statement": Measure(_("Index för ett påstående i medarbetarenkäten"), "index", ami_statement,
                             scopable=False),
}
