"""What evaluating indicators needs once per page or report: the year, the periods, the scope,
reporting's kpi report per period (loaded lazily), the entered figures, organisations and the employee survey.

Everything here is loaded at most once per context, so a page that evaluates a whole plan
runs a fixed number of queries whatever the amount of data.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from reporting.selectors import KpiReport, Scope, kpi_reports_for

from .periods import PERIODS, report_period, tertials_up_to


def _resolve_consultant(value):
    """A Consultant from an instance, a primary key or an e-mail address (as `kpi --consultant EMAIL`)."""
    if value is None or hasattr(value, "pk"):
        return value
    from assignments.models import Consultant

    if isinstance(value, str) and "@" in value:
        return Consultant.objects.filter(email__iexact=value).first()
    return Consultant.objects.filter(pk=value).first()


def _resolve_unit(value):
    """A Unit from an instance, a primary key or a name (as `kpi --unit NAME`)."""
    if value is None or hasattr(value, "pk"):
        return value
    from assignments.models import Unit

    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        return Unit.objects.filter(pk=int(value)).first()
    return Unit.objects.filter(name__iexact=value).first()


@dataclass
class Context:
    year: int
    periods: tuple[str, ...] = PERIODS
    consultant: object = None
    unit: object = None
    reports: dict = field(default_factory=dict)
    _assignment_values: dict = field(default_factory=dict)  # {repr(aggregate): value}
    _collecting: dict | None = None  # {repr(aggregate): aggregate} while collecting (see collect_assignments)
    _figures: dict | None = None
    _organisations: dict | None = None
    _survey: object = False

    def __post_init__(self):
        self.consultant = _resolve_consultant(self.consultant)
        self.unit = _resolve_unit(self.unit)

    @property
    def scoped(self) -> bool:
        return self.consultant is not None or self.unit is not None

    @property
    def scope(self) -> Scope:
        """The reports' scope: the consultant or the unit (register figures by lead consultant,
        survey answers by the credited consultant, reporting/selectors/scope.py)."""
        return Scope(consultant=self.consultant, unit=self.unit)

    # The kpi report -------------------------------------------------------------------
    def report(self, period: str) -> KpiReport:
        """Reporting's kpi report of a year-to-date period (T3 and the year are the same dates)."""
        for key in (period, "year" if period == "T3" else "T3" if period == "year" else period):
            if key in self.reports:
                return self.reports[key]
        # every period of the page at once, T3 year to date being the whole year
        keys = list(dict.fromkeys("year" if p == "T3" else p for p in (*self.periods, period)))
        keys = [k for k in keys if k not in self.reports and not (k == "year" and "T3" in self.reports)]
        reports = kpi_reports_for(self.scope, [report_period(self.year, k) for k in keys])
        self.reports.update(zip(keys, reports, strict=True))
        return self.reports["year" if period == "T3" else period]

    # Aggregates over assignments -----------------------------------------------------
    def assignment_values(self, named: dict) -> dict:
        """{name: value} of aggregates over the assignments ({name: Count(..., filter=...)}).

        Values already read (by `collect_assignments`, or an earlier call) are not read again;
        the others are read together in one query. While collecting, records them and gives None.
        """
        if self._collecting is not None:
            for aggregate in named.values():
                self._collecting.setdefault(repr(aggregate), aggregate)
            return dict.fromkeys(named)
        missing = {repr(a): a for a in named.values() if repr(a) not in self._assignment_values}
        if missing:
            self._read_assignments(missing)
        return {name: self._assignment_values[repr(aggregate)] for name, aggregate in named.items()}

    def collect_assignments(self, compute) -> None:
        """Run `compute()` once to learn every aggregate it asks for, then read them all in one query."""
        self._collecting = {}
        try:
            compute()
        finally:
            wanted, self._collecting = self._collecting, None
        missing = {key: a for key, a in wanted.items() if key not in self._assignment_values}
        if missing:
            self._read_assignments(missing)

    def _read_assignments(self, wanted: dict) -> None:
        from django.db.models import Q, Value

        from assignments.models import Assignment
        from recruitment.compiled import values_rows

        year = report_period(self.year, "year")
        in_year = Q(ordered_on__range=(year.start, year.end)) | Q(closed_on__range=(year.start, year.end))
        aliases = {f"a{i}": key for i, key in enumerate(wanted)}
        # every aggregate's own filter names its dates and scope: the year's rows are a superset of each.
        # One row grouped by a constant (no GROUP BY) rather than .aggregate(): that resolves each aggregate
        # against all the others before it, which costs more than the query itself with dozens of them.
        # The SQL depends only on the year, the scope and the aggregates (their reprs name every filter value;
        # the scope's ids are added, a consultant's repr being only a name): compiled once per process.
        cache_key = ("goals.assignment_values", self.year, self.scope.key, tuple(wanted))
        [result] = values_rows(cache_key, lambda: (
            Assignment.objects.filter(in_year).order_by().annotate(one=Value(1)).values("one")
            .annotate(**{alias: wanted[key] for alias, key in aliases.items()})
        ))
        self._assignment_values.update({key: result[alias] for alias, key in aliases.items()})

    # Entered figures ------------------------------------------------------------------
    def figures(self) -> dict:
        if self._figures is None:
            from .models import EnteredFigure

            self._figures = {
                (f.key, f.organisation_id, f.period): f.value
                for f in EnteredFigure.objects.filter(year=self.year)
            }
        return self._figures

    def figure_value(self, key: str, org_id, period: str) -> Decimal | None:
        """A figure as given for the period (a rate or a score): T3 and the year stand in for each other."""
        figures = self.figures()
        if period in ("T3", "year"):
            first, other = (period, "year" if period == "T3" else "T3")
            return figures.get((key, org_id, first), figures.get((key, org_id, other)))
        return figures.get((key, org_id, period))

    def figure_total(self, key: str, org_id, period: str) -> Decimal | None:
        """A counted figure year to date: the tertials summed (all of them must be entered);
        T3 and the year cover the same dates, so either falls back to the other's figure."""
        entered, missing, total = self.figure_parts(key, org_id, period)
        return None if missing else total

    def figure_parts(self, key: str, org_id, period: str) -> tuple[list[str], list[str], Decimal | None]:
        """The tertials (or "year") entered and missing for a year-to-date period, and their sum.

        For the year, the figure entered for the whole year wins; for T3 it stands in when a
        tertial is missing (T3 year to date and the year are the same dates)."""
        figures = self.figures()
        year_figure = figures.get((key, org_id, "year"))
        tertials = tertials_up_to(period)
        entered = [t for t in tertials if (key, org_id, t) in figures]
        missing = [t for t in tertials if t not in entered]
        if year_figure is not None and (period == "year" or (period == "T3" and missing)):
            return ["year"], [], year_figure
        if not entered:
            return [], missing, None
        return entered, missing, sum((figures[(key, org_id, t)] for t in entered), Decimal(0))

    # Organisations --------------------------------------------------------------------
    def _organisations_by_name(self) -> dict:
        """{name casefolded: [ids]}: read once per context."""
        if self._organisations is None:
            from assignments.models import Organisation

            self._organisations = {}
            for pk, n in Organisation.objects.order_by("pk").values_list("pk", "name"):
                self._organisations.setdefault(n.casefold(), []).append(pk)
        return self._organisations

    def organisation_id(self, name: str | None):
        """The id of an organisation named in an indicator's parameters; None if absent, False if unknown."""
        if not name:
            return None
        return (self._organisations_by_name().get(name.casefold()) or [False])[-1]

    def organisation_ids(self, name: str) -> list[int]:
        """Every organisation of that name, whatever its case (an indicator's `organisation` parameter)."""
        return self._organisations_by_name().get(name.casefold(), [])

    # Employee survey ------------------------------------------------------------------
    def employee_survey(self):
        if self._survey is False:
            from .models import EmployeeSurvey, SurveyScope

            self._survey = (
                EmployeeSurvey.objects.filter(year=self.year, scope=SurveyScope.DEPARTMENT)
                .prefetch_related("statements").first()
            )
        return self._survey
