"""Status of every indicator and period: value, target, met / not met / no data, the gap,
and for a count followed every tertial whether the year to date is on track for the year.

Rules:
- periods are T1, T2, T3 year to date and the year (goals/periods.py);
- percent targets are stored as percent (80 = 80 %) and measures give percent too;
- higher is better: met when value >= target; lower is better: met when value <= target;
- the gap is value - target (negative = below the target);
- a count target with periodicity "Tertial" is an annual target followed year to date:
  status compares the year to date with the whole target, and `on_track` tells whether the
  year to date has reached target × months elapsed / 12 (T1 4, T2 8, T3 12 months);
- no value or no target gives "no data", and `lack` says what is missing (goals/lacks.py);
- entered counts add up over the tertials; other entered figures are taken as entered for
  the period (goals/context.py); measures that cannot follow a unit or a consultant are
  shown for the whole department.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from django.utils.translation import gettext_lazy as _

from .context import Context
from .lacks import indicator_lack
from .measures import MEASURES
from .models import Direction, IndicatorUnit, Periodicity, Source
from .periods import MONTHS, PERIODS

MET, NOT_MET, NO_DATA = "met", "not_met", "no_data"
STATUS_LABELS = {MET: _("Uppfyllt"), NOT_MET: _("Ej uppfyllt"), NO_DATA: _("Inga data")}
STATUS_ICONS = {MET: "✔", NOT_MET: "✖", NO_DATA: "–"}


@dataclass(frozen=True)
class Result:
    period: str
    value: float | None
    target: float | None
    status: str
    gap: float | None = None
    on_track: bool | None = None
    expected: float | None = None
    department_wide: bool = False
    lack: object = None  # goals.lacks.Lack: what is missing, and where to enter it

    @property
    def label(self):
        return STATUS_LABELS[self.status]

    @property
    def icon(self):
        return STATUS_ICONS[self.status]


def judge(*, value, target, direction: str, unit: str, periodicity: str, period: str,
          department_wide: bool = False) -> Result:
    target = None if target is None else float(target)
    if value is None or target is None:
        return Result(period, value, target, NO_DATA, department_wide=department_wide)
    value = float(value)
    lower = direction == Direction.LOWER
    met = value <= target if lower else value >= target
    on_track = expected = None
    if unit == IndicatorUnit.COUNT and periodicity == Periodicity.TERTIAL:
        expected = target * MONTHS[period] / 12
        on_track = value <= expected if lower else value >= expected
    return Result(period, value, target, MET if met else NOT_MET, value - target, on_track, expected,
                  department_wide)


def _entered_value(ctx: Context, indicator, period: str):
    org_id = ctx.organisation_id(indicator.params.get("organisation"))
    if org_id is False:
        return None
    if indicator.unit == IndicatorUnit.COUNT:
        value = ctx.figure_total(indicator.figure_key, org_id, period)
    else:
        value = ctx.figure_value(indicator.figure_key, org_id, period)
    return None if value is None else float(value)


def indicator_values(ctx: Context, indicator, dept_ctx: Context | None = None) -> tuple[dict, bool]:
    """{period: value} for one indicator, and whether it was evaluated for the whole department."""
    if indicator.source == Source.ENTERED:
        use = dept_ctx or ctx
        return {p: _entered_value(use, indicator, p) for p in ctx.periods}, ctx.scoped
    measure = _measure_of(indicator)
    if measure is None:
        return dict.fromkeys(ctx.periods), False
    use = ctx if measure.scopable else (dept_ctx or ctx)
    return measure.compute(use, indicator.params or {}), ctx.scoped and not measure.scopable


def _measure_of(indicator):
    if indicator.source == Source.ENTERED:
        return None
    return MEASURES.get(indicator.measure or ("ami_total" if indicator.source == Source.AMI else ""))


def _read_assignment_measures(ctx: Context, dept_ctx: Context | None, indicators) -> None:
    """The aggregates over assignments of every batched indicator, one query per context (not one per indicator)."""
    measures = {i.pk: m for i in indicators if (m := _measure_of(i)) is not None and m.batched}
    if not measures:
        return
    batched = [i for i in indicators if i.pk in measures]
    scoped = [i for i in batched if measures[i.pk].scopable or dept_ctx is None]
    department = [i for i in batched if not measures[i.pk].scopable and dept_ctx is not None]
    for use, group in ((ctx, scoped), (dept_ctx, department)):
        if group:
            use.collect_assignments(lambda use=use, group=group: [
                measures[i.pk].compute(use, i.params or {}) for i in group])


def evaluate(indicators, *, year: int, periods=PERIODS, consultant=None, unit=None, reports=None,
             lack_periods=None) -> dict:
    """{indicator.pk: {period: Result}} for the indicators of one plan year. `lack_periods`: the periods
    whose results say what they lack (goals/lacks.py), None for all (a page showing one period's status
    leaves the others' `lack` None)."""
    ctx = Context(year=year, periods=tuple(periods), consultant=consultant, unit=unit, reports=dict(reports or {}))
    dept_ctx = None
    if ctx.scoped:
        dept_ctx = Context(year=year, periods=tuple(periods))
        dept_ctx._figures, dept_ctx._organisations = ctx.figures(), None
    _read_assignment_measures(ctx, dept_ctx, indicators)
    out = {}
    for indicator in indicators:
        values, dept_wide = indicator_values(ctx, indicator, dept_ctx)
        use = dept_ctx if dept_wide and dept_ctx is not None else ctx
        out[indicator.pk] = {
            p: replace(
                judge(value=values.get(p), target=indicator.target, direction=indicator.direction,
                      unit=indicator.unit, periodicity=indicator.periodicity, period=p, department_wide=dept_wide),
                lack=indicator_lack(use, indicator, p, values.get(p))
                if lack_periods is None or p in lack_periods else None)
            for p in ctx.periods
        }
    return out
