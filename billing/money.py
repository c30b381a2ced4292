"""Reads: the money follow-up of a year and scope, and the forecast of the full year.

For a year, per month:
- *invoiced*: lines locked in a confirmed (or sent) basis, in the basis's month; the lines of an opening
  basis (old data marked invoiced by an import) in the month they became invoiceable;
- *invoiceable, not yet invoiced*: lines in no basis that billing/rules.py lets be invoiced on or before
  `on` (today, or the year's last day), in the month they became invoiceable;
- *sold, not yet invoiceable*: lines in no basis of open assignments that may not be invoiced yet, in the
  month the assignment was ordered (orders of earlier years in a row of their own);
- *budget*: the sum of the personal revenue budgets (ConsultantBudget) of the year in scope, a twelfth a
  month (the budget model holds one amount a year per consultant).

The forecast of the full year is what is invoiced or invoiceable so far, plus the open work expected to
close this year (on the timeline's planned decision date, else the order date plus the package's median
lead time), plus a run rate for the months left: the mean of the same months of the previous (up to three)
years, of what was earned there from assignments ordered after the same day of that year (work not yet
sold at this point of the year, so that the open work is not counted twice). Its assumptions come with it
in Swedish words, for the page and the PDF.

Scope (reporting.selectors.scope.Scope): assignments follow their lead consultant; budgets and FTE the
consultants in scope. Money is Decimal, each line rounded to öre, sums of rounded lines. Six queries,
whatever the size of the register.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import BooleanField, Case, F, Min, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from assignments.models import (
    WORKING_STATUSES,
    Assignment,
    BillingLine,
    Consultant,
    ConsultantBudget,
    Status,
    StatusChange,
)
from recruitment.compiled import values_tuples
from recruitment.periods import month_end
from reporting.formatting import NBSP, number
from reporting.periods import Period
from reporting.selectors.leadtimes import closing_medians
from reporting.selectors.register import fte_denominator, people, per_fte
from reporting.selectors.scope import Scope
from timeline.models import PlanStep
from timeline.steps import Step

from .rules import STARTED_STATUSES, invoiceable_on, package_rule
from .selectors import CENT, RULE_FIELDS, money

ZERO = Decimal("0.00")
MONTHS = range(1, 13)
HISTORY_YEARS = 3  # the run rate: the mean of the same months of up to this many earlier years
MONTH_NAMES = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
               "november", "december")
OPEN = frozenset(WORKING_STATUSES)


def kr(value: Decimal | None) -> str:
    """An amount as every page, PDF and workbook caption writes it: '1 234 567,50 kr'."""
    return "–" if value is None else f"{number(value, 2)}{NBSP}kr"


def month_name(month: int) -> str:
    return MONTH_NAMES[month - 1]


def _shift(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (28 February for a 29 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _twelfths(total: Decimal | None) -> dict[int, Decimal]:
    """A year's amount a twelfth a month, each rounded to öre, December taking what rounding left."""
    if total is None:
        return dict.fromkeys(MONTHS, ZERO)
    part = (total / 12).quantize(CENT)
    months = dict.fromkeys(MONTHS, part)
    months[12] = total - part * 11
    return months


@dataclass
class MonthRow:
    month: int
    invoiced: Decimal = ZERO
    invoiceable: Decimal = ZERO
    sold: Decimal = ZERO
    budget: Decimal = ZERO
    # the chart's cumulative figures (None where the line does not run)
    actual_to_date: Decimal | None = None
    forecast_to_date: Decimal | None = None
    budget_to_date: Decimal = ZERO

    @property
    def name(self) -> str:
        return month_name(self.month)


@dataclass
class Forecast:
    earned: Decimal  # invoiced and invoiceable so far
    open_expected: Decimal  # open work expected to close this year
    run_rate: Decimal  # the months left, from earlier years
    assumptions: list[str]
    open_count: int = 0
    unknown_count: int = 0

    @property
    def total(self) -> Decimal:
        return self.earned + self.open_expected + self.run_rate


@dataclass
class MoneyReport:
    year: int
    through: int  # the month the headline figures run to (year to date)
    on: dt.date  # what is invoiceable is judged on this day
    scope: Scope
    months: list[MonthRow]
    sold_before: Decimal  # sold, not invoiceable, of assignments ordered before the year
    budget_year: Decimal | None
    budget_people: int
    fte: Decimal
    fte_denominator: str
    forecast: Forecast
    notes: list[str] = field(default_factory=list)

    def _upto(self, key: str) -> Decimal:
        return sum((getattr(row, key) for row in self.months if row.month <= self.through), ZERO)

    @property
    def invoiced(self) -> Decimal:
        return self._upto("invoiced")

    @property
    def invoiceable(self) -> Decimal:
        return self._upto("invoiceable")

    @property
    def sold(self) -> Decimal:
        return self.sold_before + self._upto("sold")

    @property
    def budget_to_date(self) -> Decimal:
        return self._upto("budget")

    @property
    def month(self) -> MonthRow:
        return self.months[self.through - 1]

    @property
    def income_per_fte(self) -> Decimal | None:
        """Invoiced year to date per FTE (reporting's rule and denominator: `per_fte`, REPORT_FTE_DENOMINATOR)."""
        value = per_fte(self.invoiced, self.fte)
        return None if value is None else Decimal(str(value)).quantize(CENT)

    @property
    def through_label(self) -> str:
        return _("januari–%(month)s %(year)s") % {"month": month_name(self.through), "year": self.year} \
            if self.through > 1 else _("januari %(year)s") % {"year": self.year}

    def to_json(self) -> dict:
        """The kpi JSON's "money": amounts as strings with two decimals (as the invoice basis)."""
        return {"invoiced": money(self.invoiced), "invoiceable": money(self.invoiceable),
                "sold_not_invoiceable": money(self.sold), "forecast_year": money(self.forecast.total),
                "budget_year": None if self.budget_year is None else money(self.budget_year)}


def _rows(scope: Scope, *, year: int, as_of: dt.date, history: list[int], after_month: int,
          cutoff: dict[int, dt.date]) -> list[tuple]:
    """The lines that can count for the year (one query, compiled once per scope and days:
    recruitment/compiled.py): in a basis of the year; of open assignments; invoiceable in the year on or
    before `as_of`; or earned in the months left of the history years by work ordered after that year's
    cutoff (a superset: the rule decides, from the day a line was recorded or its assignment closed).

    The assignments' conditions are a subquery of their own (its indexes: closing day, status), the lines'
    own (recorded day) are read from the lines: no condition spans both tables, so no row of either is
    joined before it is known to count. A line that cannot count is not read: a year's lines after
    `as_of` (not yet invoiceable: the open ones come by their status), the closings of the history years'
    months left of work ordered before that year's cutoff (open work then, not the run rate's). The page
    and the kpi JSON judge on today (or a past year's last day), after which nothing is dated; a report
    judged on an earlier day leaves out the lines of an opening basis of a later year dated after it."""
    first, last = dt.date(year, 1, 1), max(as_of, dt.date(year, 1, 1))
    closed_in = Q(status__in=WORKING_STATUSES) | _closed_between(first, last)
    recorded_in = Q(recorded_on__range=(first, last))
    for y in history if after_month < 12 else ():
        first, last = dt.date(y, after_month + 1, 1), dt.date(y, 12, 31)
        closed_in |= _closed_between(first, last) & Q(ordered_on__gt=cutoff[y])
        recorded_in |= Q(recorded_on__range=(first, last))

    def query():
        assignments = Assignment.objects.filter(closed_in).values("pk")
        within = Q(assignment_id__in=assignments) | recorded_in | Q(
            invoice_item__basis__month__range=(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        # a scalar subquery with a limit, asked per cancelled line (an EXISTS would be planned as a hash of
        # every status change of the register); plain columns only, so that no row needs a converter
        started = Subquery(StatusChange.objects.filter(assignment_id=OuterRef("assignment_id"),
                                                        to_status__in=STARTED_STATUSES)
                           .order_by().annotate(yes=Value(True)).values("yes")[:1], output_field=BooleanField())
        return (BillingLine.objects.filter(scope.assignment_q("assignment__"), within)
                .annotate(closed_=Coalesce(F("assignment__closed_on"), F("assignment__status_changed_on")),
                          **{f"{name}_": rule for name, rule in RULE_FIELDS.items()},
                          started_=Case(When(assignment__status=Status.CANCELLED, then=started),
                                        default=Value(False), output_field=BooleanField()))
                .order_by()
                .values_list("kind", "amount", "recorded_on", "assignment_id", "assignment__status", "closed_",
                             "unit_", "package_line_", "on_cancel_", "assignment__ordered_on",
                             "assignment__package__code", "invoice_item__amount", "invoice_item__basis__month",
                             "invoice_item__basis__opening", "started_"))

    key = ("billing.money_rows", scope.key, year, as_of, tuple(history), after_month)
    return values_tuples(key, query)


def _closed_between(first: dt.date, last: dt.date) -> Q:
    """Assignments closed between the days (by their closing day, else the day of their last status change)."""
    return Q(closed_on__range=(first, last)) | Q(closed_on__isnull=True, status_changed_on__range=(first, last))


def _planned_close(scope: Scope) -> dict[int, dt.date]:
    """{assignment id: planned decision date (else planned closing date)} of the open assignments in scope."""
    planned: dict[int, dict[str, dt.date]] = {}
    for assignment_id, step, day in PlanStep.objects.filter(
            scope.assignment_q("plan__assignment__"), plan__assignment__status__in=WORKING_STATUSES,
            step__in=[Step.DECISION, Step.CLOSED]).order_by().values_list("plan__assignment_id", "step", "planned_on"):
        planned.setdefault(assignment_id, {})[step] = day
    return {pk: steps.get(Step.DECISION) or steps[Step.CLOSED] for pk, steps in planned.items()}


def money_report(scope: Scope, *, year: int, month: int | None = None, on: dt.date | None = None) -> MoneyReport:
    """The money follow-up of `year` in `scope`, year to date through `month` (default: the month of `on`,
    or December for a year that is over), judged on `on` (default today)."""
    today = on or timezone.localdate()
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    on = min(today, end)
    as_of = on if on >= start else start - dt.timedelta(days=1)  # a year to come: nothing of it yet
    after_month = as_of.month if as_of.year == year else 0  # the forecast's run rate covers the months after
    through = month or after_month or 12

    first_order = Assignment.objects.filter(scope.assignment_q()).aggregate(first=Min("ordered_on"))["first"]
    history = [y for y in range(year - HISTORY_YEARS, year) if first_order is not None and y >= first_order.year]
    cutoff = {y: _shift(as_of, y - year) for y in history}
    rows = _rows(scope, year=year, as_of=as_of, history=history, after_month=after_month, cutoff=cutoff)

    months = [MonthRow(month=m) for m in MONTHS]
    sold_before = ZERO
    earned_history = {y: dict.fromkeys(MONTHS, ZERO) for y in history}
    open_lines: list[tuple[int, str, dt.date, Decimal]] = []  # (assignment, package, ordered, amount)
    rules: dict[tuple, tuple[str, str]] = {}  # the packages' rules, worked out once each
    for (kind, amount, recorded, assignment_id, status, closed, unit, package_line, on_cancel, ordered,
         code, item_amount, basis_month, opening, started) in rows:
        rule = rules.get((unit, package_line, on_cancel))
        if rule is None:
            rule = rules[unit, package_line, on_cancel] = package_rule(unit=unit, package_line=package_line,
                                                                       on_cancel=on_cancel)
        day = invoiceable_on(kind=kind, recorded_on=recorded, status=status, closed_on=closed,
                             package_line=rule[0], on_cancel=rule[1], started=bool(started))
        amount = (amount if item_amount is None else item_amount).quantize(CENT)  # in a basis: its item's amount
        if day is not None and day.year in earned_history and day.month > after_month and ordered > cutoff[day.year]:
            earned_history[day.year][day.month] += amount
        if basis_month is not None:  # in a basis: invoiced
            when = (day or closed or recorded) if opening else basis_month
            if when.year == year:
                months[when.month - 1].invoiced += amount
        elif day is not None and day <= as_of:
            if day.year == year:
                months[day.month - 1].invoiceable += amount
        elif status in OPEN and ordered <= end:
            if ordered < start:
                sold_before += amount
            else:
                months[ordered.month - 1].sold += amount
            open_lines.append((assignment_id, code, ordered, amount))

    fte, budget = people(scope, year)
    budget_people = _budget_people(scope, year)
    denominator = fte_denominator()
    for m, part in _twelfths(budget).items():
        months[m - 1].budget = part
    forecast = _forecast(scope, year=year, as_of=as_of, after_month=after_month, months=months,
                         open_lines=open_lines, history=history, earned_history=earned_history,
                         budget=budget, budget_people=budget_people)
    return MoneyReport(year=year, through=through, on=on, scope=scope, months=months, sold_before=sold_before,
                       budget_year=budget, budget_people=budget_people, fte=fte[denominator],
                       fte_denominator=denominator, forecast=forecast)


def _budget_people(scope: Scope, year: int) -> int:
    return ConsultantBudget.objects.filter(
        year=year, consultant__in=Consultant.objects.filter(scope.consultants_q())).count()


def _forecast(scope: Scope, *, year: int, as_of: dt.date, after_month: int, months: list[MonthRow],
              open_lines: list, history: list[int], earned_history: dict, budget: Decimal | None,
              budget_people: int) -> Forecast:
    end = dt.date(year, 12, 31)
    earned = sum((row.invoiced + row.invoiceable for row in months), ZERO)
    over = as_of >= end
    planned = _planned_close(scope)
    lead_start = dt.date(year - HISTORY_YEARS, 1, 1)
    medians = closing_medians(Scope(), Period(lead_start.year, None, lead_start, max(as_of, lead_start)))
    expected = dict.fromkeys(MONTHS, ZERO)
    floor = as_of + dt.timedelta(days=1) if after_month == 0 else as_of  # overdue work closes now
    by_plan, by_median, unknown, unknown_amount, counted = set(), set(), set(), ZERO, set()
    for assignment_id, code, ordered, amount in open_lines:
        if over:
            break
        if assignment_id in planned:
            close_on = planned[assignment_id]
            by_plan.add(assignment_id)
        elif code in medians:
            close_on = ordered + dt.timedelta(days=math.ceil(medians[code]))
            by_median.add(assignment_id)
        else:
            unknown.add(assignment_id)
            unknown_amount += amount
            continue
        if close_on <= end and (after_month or close_on.year == year):  # a year to come: only its own closings
            expected[max(close_on, floor).month] += amount
            counted.add(assignment_id)
    run = dict.fromkeys(MONTHS, ZERO)
    if history and not over:
        for m in range(after_month + 1, 13):
            run[m] = (sum((earned_history[y][m] for y in history), ZERO) / len(history)).quantize(CENT)
    open_expected = sum(expected.values(), ZERO)
    run_rate = sum(run.values(), ZERO)

    # the chart's cumulative lines: the actual through the month of `as_of`, the forecast from there
    actual = budget_sum = ZERO
    forecast_sum = earned
    for row in months:
        budget_sum += row.budget
        row.budget_to_date = budget_sum
        if row.month <= after_month:
            actual += row.invoiced + row.invoiceable
            row.actual_to_date = actual
        if over:
            row.forecast_to_date = row.actual_to_date
        elif row.month >= max(after_month, 1):
            forecast_sum += expected[row.month] + run[row.month]
            row.forecast_to_date = forecast_sum
    words = [_("Fakturerat och fakturerbart hittills: %(amount)s (rader i bekräftade fakturaunderlag och rader "
               "som enligt faktureringsreglerna kan faktureras till och med %(day)s).")
             % {"amount": kr(earned), "day": min(as_of, end).isoformat() if as_of.year == year else "–"}]
    if over:
        words.append(_("Året är slut: prognosen är utfallet."))
    else:
        words.append(_("Pågående uppdrag som väntas avslutas i år: %(amount)s (%(n)s uppdrag). Avslutet antas "
                       "ske på tidplanens planerade beslutsdatum (%(plans)s uppdrag), annars efter paketets "
                       "medianledtid från beställning till avslut för uppdrag avslutade %(first)s–%(last)s "
                       "(%(medians)s uppdrag). Försenade uppdrag antas avslutas i innevarande månad.")
                     % {"amount": kr(open_expected), "n": len(counted), "plans": len(by_plan & counted),
                        "medians": len(by_median & counted), "first": lead_start.year, "last": year})
        if unknown:
            words.append(_("%(n)s pågående uppdrag (%(amount)s) har varken tidplan eller medianledtid för sitt "
                           "paket och räknas inte med.") % {"n": len(unknown), "amount": kr(unknown_amount)})
        if not history:
            words.append(_("Takt för resterande månader: ingen historik från tidigare år, räknas som 0 kr."))
        elif after_month < 12:
            words.append(_("Takt för resterande månader (%(first)s–december): %(amount)s, medelvärdet av samma "
                           "månader åren %(y1)s–%(y2)s av intäkter från uppdrag beställda efter samma dag "
                           "respektive år, så att pågående uppdrag inte räknas två gånger.")
                         % {"first": month_name(after_month + 1), "amount": kr(run_rate), "y1": history[0],
                            "y2": history[-1]})
    if budget is None:
        words.append(_("Budget: inga personliga intäktsbudgetar för %(year)s i urvalet.") % {"year": year})
    else:
        words.append(_("Budget: summan av %(n)s personliga intäktsbudgetar för %(year)s, %(amount)s; "
                       "månadsbudget = årsbudget / 12 (budgeten finns bara som årsbelopp).")
                     % {"n": budget_people, "year": year, "amount": kr(budget)})
    return Forecast(earned=earned, open_expected=open_expected, run_rate=run_rate, assumptions=words,
                    open_count=len(counted), unknown_count=len(unknown))


def money_json(*, scope: Scope, year: int, tertial: int | None = None, on: dt.date | None = None) -> dict:
    """The kpi JSON's "money" for a report period: year to date through the tertial's last month (or the
    year), the forecast and budget of the full year."""
    through = Period.for_report(year, tertial).end.month
    return money_report(scope, year=year, month=through, on=on).to_json()


def month_end_of(report: MoneyReport) -> dt.date:
    return month_end(report.year, report.through)


def headline(report: MoneyReport) -> list[tuple[str, Decimal | None, bool]]:
    """(label, value, is an amount) of the page's summary: the same rows on the page, in the PDF and workbook."""
    period = report.through_label
    return [
        (_("Fakturerat %(period)s") % {"period": period}, report.invoiced, True),
        (_("Fakturerbart, ej fakturerat %(period)s") % {"period": period}, report.invoiceable, True),
        (_("Sålt, ej fakturerbart (pågående uppdrag)"), report.sold, True),
        (_("Budget %(period)s") % {"period": period}, report.budget_to_date, True),
        (_("Budget för året"), report.budget_year, True),
        (_("Prognos för helåret"), report.forecast.total, True),
        (_("Årsarbetare"), report.fte, False),
        (_("Fakturerat per årsarbetare %(period)s") % {"period": period}, report.income_per_fte, True),
    ]


def forecast_parts(report: MoneyReport) -> list[tuple[str, Decimal]]:
    """The forecast's sum, part by part (its assumptions say how each was reached)."""
    f = report.forecast
    return [(_("Fakturerat och fakturerbart hittills"), f.earned),
            (_("Pågående uppdrag som väntas avslutas i år"), f.open_expected),
            (_("Takt för resterande månader"), f.run_rate),
            (_("Prognos för helåret"), f.total)]


def money_pdf_section(*, year: int, tertial: int | None, on: dt.date | None = None) -> str:
    """The department's money follow-up (year to date through the tertial) and forecast, as HTML for the
    tertial report PDF: the money page's tables, chart and assumptions."""
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    from .charts import forecast_svg

    report = money_report(Scope(), year=year, month=Period.for_report(year, tertial).end.month, on=on)
    return mark_safe(render_to_string("billing/_money_pdf_section.html", {  # noqa: S308 - our own template
        "report": report, "headline": headline(report), "parts": forecast_parts(report),
        "chart": forecast_svg(report, chart_id="pdf-money-forecast")}))
