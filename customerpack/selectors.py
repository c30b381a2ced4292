"""A customer's report pack: the department's measures scoped to one organisation (or a parent company with
its companies), beside the same measures for the whole department.

`pack_build(organisation=, period=)` reads everything once and returns a `Pack`; the page, the Excel file,
the PDF, the e-mail and `manage.py customer_report` all show that object, so they agree. The survey and
register figures are reporting's KPI report for the organisation's scope (`scope_for_organisation`), so
the JSON's "customer", "candidate", "six_month", "training" and "assignments" are the kpi JSON's, scoped.

Candidate figures keep the rule of five in both columns (reporting.privacy). Shown beside the department,
the organisation's figures are also withheld when the department's other candidates are too few
(complementary suppression): the department minus the organisation would otherwise be those few
candidates' answers. The packs of one year (T1, T2 = January-August, the year) differ by the months
between them: the organisation's scope is filtered, so reporting checks each pack's candidate figures
against the year's earlier shown ones (`reporting.privacy.tertials_shown`), as for the dashboard's
customer filter; the department's column is not (reporting.selectors.survey_data.year_counts_apply).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from assignments.models import Assignment, Organisation, Package, RoleLevel, Sector, Status
from assignments.services import today as today_default
from billing.models import InvoiceItem
from reporting.periods import Period
from reporting.privacy import candidate_too_few, parts_suppression
from reporting.selectors import KpiReport, Scope, kpi_report_for, lead_times
from reporting.selectors.register import closed_q, ordered_q
from reporting.selectors.scope import organisation_family, scope_for_organisation
from surveys.models import Answer, Response, SurveyKind
from timeline.selectors import timeliness_report
from timeline.steps import Cause, Step

CANDIDATE = "candidate"
MONEY_STEP = Decimal("0.01")


class PackError(ValueError):
    """An unknown or ambiguous organisation, a bad period, no HR contact: the message is Swedish."""


# -- finding the organisation --------------------------------------------------------------------

def organisation_find(name: str) -> Organisation:
    """The organisation a person named: its exact name, else the one whose name matches without regard to
    case, else the one whose name contains the text. PackError (Swedish) when none or several match."""
    text = (name or "").strip()
    if not text:
        raise PackError(_("Ange kundens namn."))
    for lookup in ("exact", "iexact", "icontains"):
        found = list(Organisation.objects.filter(**{f"name__{lookup}": text}).order_by("name")[:6])
        if len(found) == 1:
            return found[0]
        if found:
            names = ", ".join(f"”{o.name}”" for o in found[:5])
            more = _(" med flera") if len(found) > 5 else ""
            raise PackError(_("Flera kunder matchar ”%(name)s”: %(names)s%(more)s. Ange hela namnet.")
                            % {"name": text, "names": names, "more": more})
    raise PackError(_("Det finns ingen kund som heter ”%(name)s”.") % {"name": text})


def period_for(*, year: int, tertial: int | None) -> Period:
    """The pack's period: the year, or the year up to the end of the tertial (as the kpi report)."""
    if not 2000 <= year <= 2100:
        raise PackError(_("Ogiltigt år: %(year)s.") % {"year": year})
    if tertial is not None and tertial not in (1, 2, 3):
        raise PackError(_("Tertial måste vara 1, 2 eller 3."))
    return Period.for_report(year, tertial)


def period_label(period: Period) -> str:
    if period.tertial is None:
        return str(period.year)
    return _("T%(tertial)s %(year)s (januari–%(month)s)") % {
        "tertial": period.tertial, "year": period.year,
        "month": {1: _("april"), 2: _("augusti"), 3: _("december")}[period.tertial]}


# -- the pack ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    key: str
    label: str
    ordered: int
    closed: int
    hired: int  # assignments closed with a hire
    hires: int  # people hired in those assignments


@dataclass(frozen=True)
class Side:
    """One column of the pack: the organisation's or the department's figures."""

    report: KpiReport
    breakdown: dict[str, list[Row]]  # "package", "sector", "level"
    totals: Row
    lead_times: dict  # reporting.selectors.lead_times' "_all" entry: order -> start meeting, -> closing
    timeline: dict  # timeline.selectors.timeliness_report: "summary", "lead_times" (planned against actual)
    invoiced: Decimal
    invoiced_lines: int

    def measures(self) -> dict:
        """The kpi JSON's measures (reporting's `KpiReport.to_json`) of this column."""
        return self.report.to_json()


@dataclass(frozen=True)
class Pack:
    organisation: Organisation
    companies: list[str]  # the parent's companies the pack covers too, by name
    period: Period
    mine: Side
    department: Side
    generated_on: dt.date
    package_names: dict[str, str]  # {code: name}: people read names, never codes

    @property
    def label(self) -> str:
        return period_label(self.period)

    def to_json(self) -> dict:
        """The organisation's kpi measures, then "organisation", "invoiced", "leadtimes", "breakdown" and
        "department" (the department's measures, breakdown, lead times and invoiced amount)."""
        return {
            **self.mine.measures(),
            "organisation": {"id": self.organisation.pk, "name": self.organisation.name,
                             "companies": self.companies},
            "invoiced": _invoiced_json(self.mine),
            "leadtimes": _leadtimes_json(self.mine),
            "breakdown": _breakdown_json(self.mine),
            "department": {**self.department.measures(), "invoiced": _invoiced_json(self.department),
                           "leadtimes": _leadtimes_json(self.department),
                           "breakdown": _breakdown_json(self.department)},
        }


def pack_build(*, organisation: Organisation, period: Period, today: dt.date | None = None) -> Pack:
    """Every figure of an organisation's pack and the department's beside it (about forty queries)."""
    today = today or today_default()
    scope = scope_for_organisation(organisation)
    mine = _side(scope, period, today)
    department = _side(Scope(), period, today)
    mine = dataclasses.replace(mine, report=candidate_beside(mine.report, department.report, scope, period))
    family = organisation_family(organisation)
    companies = list(Organisation.objects.filter(pk__in=family[1:]).order_by("name").values_list("name", flat=True))
    return Pack(organisation=organisation, companies=companies, period=period, mine=mine, department=department,
                generated_on=today, package_names=dict(Package.objects.values_list("code", "name")))


def _side(scope: Scope, period: Period, today: dt.date) -> Side:
    breakdown, totals = _breakdown(scope, period)
    invoiced, lines = _invoiced(scope, period)
    timeline = timeliness_report(start=period.start, end=period.end, on=min(period.end, today),
                                 assignments=scope.assignment_q("plan__assignment__"))
    return Side(report=kpi_report_for(scope, period), breakdown=breakdown, totals=totals,
                lead_times=lead_times(scope, period).get("_all") or {}, timeline=timeline,
                invoiced=invoiced, invoiced_lines=lines)


def _breakdown(scope: Scope, period: Period) -> tuple[dict[str, list[Row]], Row]:
    """Ordered, closed, closed with a hire and people hired, by package, sector and level (one query)."""
    ordered, closed = ordered_q(scope, period), closed_q(scope, period)
    hired = closed & Q(status=Status.CLOSED_HIRED)
    rows = list(
        Assignment.objects.filter(ordered | closed)
        .values("package__code", "sector", "role_level").order_by()
        .annotate(ordered=Count("id", filter=ordered, distinct=True), closed=Count("id", filter=closed, distinct=True),
                  hired=Count("id", filter=hired, distinct=True), hires=Count("hires", filter=closed, distinct=True))
    )
    packages = dict(Package.objects.filter(code__in={r["package__code"] for r in rows}).values_list("code", "name"))
    labels = {"package": packages, "sector": dict(Sector.choices), "level": dict(RoleLevel.choices)}
    fields = {"package": "package__code", "sector": "sector", "level": "role_level"}
    counts = ("ordered", "closed", "hired", "hires")
    result = {}
    for name, field in fields.items():
        sums: dict[str, dict[str, int]] = {}
        for row in rows:
            into = sums.setdefault(row[field], dict.fromkeys(counts, 0))
            for count in counts:
                into[count] += row[count]
        order = list(labels[name]) if name != "package" else sorted(sums, key=lambda k: labels[name].get(k, k))
        result[name] = [Row(key=key, label=str(labels[name].get(key, key)), **sums[key])
                        for key in order if key in sums]
    totals = Row(key="", label=_("Totalt"), **{c: sum(r[c] for r in rows) for c in counts})
    return result, totals


def _invoiced(scope: Scope, period: Period) -> tuple[Decimal, int]:
    """What invoice bases of the period's months hold for the scope's assignments (one query): the amount
    to the öre and the number of lines. A reopened basis holds no lines."""
    first = period.start.replace(day=1)
    agg = InvoiceItem.objects.filter(scope.assignment_q("line__assignment__"), basis__month__gte=first,
                                     basis__month__lte=period.end).aggregate(total=Sum("amount"), n=Count("id"))
    return (agg["total"] or Decimal("0")).quantize(MONEY_STEP), agg["n"]


def _candidate_counts(scope: Scope, period: Period) -> tuple[int, int]:
    """(candidate answers in the department, of them in the scope) in the period (one query)."""
    agg = Response.objects.filter(kind=SurveyKind.CANDIDATE, submitted_on__gte=period.start,
                                  submitted_on__lte=period.end).aggregate(
        all=Count("id"), mine=Count("id", filter=scope.response_q()))
    return agg["all"], agg["mine"]


def candidate_beside(mine: KpiReport, department: KpiReport, scope: Scope, period: Period) -> KpiReport:
    """The organisation's report with its candidate figures withheld where, shown beside the department's,
    the department's other candidates would be too few (complementary suppression), or where the pack
    less its companies' packs (or the dashboard filtered by the organisation alone) would be too few
    (`_CandidateTree`): the whole section when
    the other answers are 1-4, a question when the other answers to it are."""
    everyone, own = _candidate_counts(scope, period)
    candidate = mine.candidate
    tree = _CandidateTree.read(period)
    organisation = scope.filters.organisation_ids[0] if scope.filters.organisation_ids else None
    if parts_suppression([own], everyone).hidden[0] or not tree.shown(organisation, None):
        candidate = dataclasses.replace(candidate, responses=None, response_rate=None, satisfied_share=None,
                                        questions={})
    else:
        kept = {}
        for key, figures in candidate.questions.items():
            theirs = department.answers.get((CANDIDATE, key))
            if (not parts_suppression([figures.get("n")], theirs.n if theirs else 0).hidden[0]
                    and tree.shown(organisation, key)):
                kept[key] = figures
        candidate = dataclasses.replace(candidate, questions=kept)
        if "overall" not in kept:
            candidate = dataclasses.replace(candidate, satisfied_share=None)
    return dataclasses.replace(mine, candidate=candidate)


@dataclass(frozen=True)
class _CandidateTree:
    """The period's candidate answers per organisation (the whole section, and per question), with the
    organisations' parent links: for the complementary suppression between the packs of a parent company
    and its companies. A parent's pack covers its companies' packs; the answers in the parent's pack and
    in none of its companies' shown packs (the parent's own answers, a company's withheld ones) would be
    the difference of the packs, so the parent's candidate figures are withheld when those are 1-4; and so
    when the companies' withheld answers alone are 1-4 (the pack less the dashboard filtered by the parent
    alone, which shows its own answers)."""

    parents: dict[int, int | None]
    counts: dict[tuple[int | None, str | None], int]  # {(organisation id, question key or None): answers}

    @classmethod
    def read(cls, period: Period) -> _CandidateTree:
        """Two queries: the answers by organisation and question, the responses by organisation."""
        within = Q(response__kind=CANDIDATE, response__submitted_on__gte=period.start,
                   response__submitted_on__lte=period.end)
        counts: dict[tuple[int | None, str | None], int] = {}
        for row in (Answer.objects.filter(within, value_number__isnull=False)
                    .values("response__organisation", "question_key").order_by().annotate(n=Count("id"))):
            counts[(row["response__organisation"], row["question_key"])] = row["n"]
        for row in (Response.objects.filter(kind=CANDIDATE, submitted_on__gte=period.start,
                                            submitted_on__lte=period.end)
                    .values("organisation").order_by().annotate(n=Count("id"))):
            counts[(row["organisation"], None)] = row["n"]
        return cls(parents=dict(Organisation.objects.values_list("pk", "parent_id")), counts=counts)

    def shown(self, organisation: int | None, key: str | None) -> bool:
        """Whether the family of `organisation` may show its figures (`key` a question, None the section)
        beside its companies' packs; True without an organisation."""
        if organisation is None:
            return True
        children: dict[int | None, list[int]] = {}
        for pk, parent in self.parents.items():
            children.setdefault(parent, []).append(pk)

        def visit(pk: int, seen: frozenset) -> tuple[int, bool]:
            """(the family's answers, whether its pack shows them)."""
            own = total = self.counts.get((pk, key), 0)
            withheld = 0  # the companies' answers their packs do not show
            for child in children.get(pk, []):
                if child in seen:
                    continue
                n, shown = visit(child, seen | {child})
                total += n
                withheld += 0 if shown else n
            # against the companies' packs: own + withheld; against the dashboard filtered by the organisation
            # alone (its own answers): withheld
            return total, not any(candidate_too_few(n) for n in (total, own + withheld, withheld))

        return visit(organisation, frozenset({organisation}))[1]


# -- the JSON's own parts ------------------------------------------------------------------------

def _invoiced_json(side: Side) -> dict:
    return {"amount_sek": f"{side.invoiced:.2f}", "lines": side.invoiced_lines}


def _leadtimes_json(side: Side) -> dict:
    summary = side.timeline["summary"]
    return {
        "start_meeting_days": side.lead_times.get("start_meeting_days"),
        "closing_days": side.lead_times.get("closing_days"), "closing_n": side.lead_times.get("closing_n", 0),
        "timeline": {"planned_on_time_share": summary["planned_on_time_share"],
                     "decisions": summary["decisions"], "decisions_met": summary["decisions_met"],
                     "median_days_late": summary["median_days_late"], "late_by_cause": summary["late_by_cause"],
                     "steps": side.timeline["lead_times"]},
    }


def _breakdown_json(side: Side) -> dict:
    def row(r: Row) -> dict:
        return {"ordered": r.ordered, "closed": r.closed, "hired": r.hired, "hires": r.hires}

    return {**{name: {r.key: row(r) for r in rows} for name, rows in side.breakdown.items()},
            "total": row(side.totals)}


def step_label(key: str) -> str:
    return str(dict(Step.choices).get(key, key))


def cause_label(key: str) -> str:
    return str(dict(Cause.choices).get(key, _("Orsak ej angiven")))
