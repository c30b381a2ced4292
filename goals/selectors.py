"""Reads for the goal pages: the goal chain of a plan with every indicator's status."""
from __future__ import annotations

from django.db.models import Prefetch

from .models import Activity, EmployeeSurvey, Goal, Indicator, Plan, SurveyScope
from .periods import PERIODS
from .status import evaluate


def plan_for_year(year: int) -> Plan | None:
    return Plan.objects.filter(year=year).first()


def goal_chain(*, plan: Plan, consultant=None, unit=None, shown_period: str | None = None) -> dict:
    """The plan's goals in tree order with depth, their indicators and activities, and
    {indicator.pk: {period: Result}} for every period; with `shown_period` only that period's
    results say what they lack (the goal chain page shows the status of one period)."""
    goals = list(
        Goal.objects.filter(plan=plan).select_related("predecessor__plan").prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("order", "id")),
            Prefetch("activities", queryset=Activity.objects.order_by("order", "id")),
        ).order_by("order", "id")
    )
    children: dict[int | None, list[Goal]] = {}
    ids = {g.pk for g in goals}
    for g in goals:
        children.setdefault(g.parent_id if g.parent_id in ids else None, []).append(g)
    ordered = []

    def walk(parent_id, depth):
        for g in children.get(parent_id, []):
            g.depth = depth
            g.heading = min(depth + 2, 6)
            ordered.append(g)
            walk(g.pk, depth + 1)

    walk(None, 0)
    indicators = [i for g in ordered for i in g.indicators.all()]
    results = evaluate(indicators, year=plan.year, periods=PERIODS, consultant=consultant, unit=unit,
                       lack_periods=None if shown_period is None else (shown_period,))
    return {"goals": ordered, "indicators": indicators, "results": results}


def ami_trend(scope: str = SurveyScope.DEPARTMENT) -> list[dict]:
    """Every loaded year's AMI with its target from that year's plan (indicator measure ami_total)."""
    from .ami import survey_results

    surveys = list(EmployeeSurvey.objects.filter(scope=scope).prefetch_related("statements").order_by("year"))
    targets = {}
    for ind in Indicator.objects.filter(measure="ami_total").select_related("plan", "goal").order_by("goal__level"):
        # the unit's own target (enhetsmål) wins over the KF level's
        current = targets.get(ind.plan.year)
        if current is None or ind.goal.level == "enhetsmal":
            targets[ind.plan.year] = ind.target
    rows = []
    for survey in surveys:
        summary = survey_results(survey)
        target = targets.get(survey.year)
        followed = summary["official_total"] if summary["official_total"] is not None else summary["total"]
        rows.append({
            "year": survey.year, "total": summary["total"], "official_total": summary["official_total"],
            "areas": summary["areas"], "target": None if target is None else float(target),
            "met": None if target is None or followed is None else followed >= float(target),
            "statements": summary["statements"],
        })
    return rows


class FigureSpec:
    """One figure a plan year takes from outside, as a field of the entry form."""

    def __init__(self, *, index, key, organisation, label, unavailable=False, help_text=""):
        self.field = f"f{index}"
        self.key = key
        self.organisation = organisation
        self.label = label
        self.unavailable = unavailable
        self.help_text = help_text


def figure_specs(*, year: int) -> list[FigureSpec]:
    """The ads denominators of the share indicators (per organisation, total and manager roles),
    then every entered indicator, in plan order."""
    from django.utils.translation import gettext as _

    from assignments.models import Organisation

    from .models import Source

    indicators = list(Indicator.objects.filter(plan__year=year).order_by("order", "id"))
    organisations = {o.name.casefold(): o for o in Organisation.objects.all()}
    specs, seen = [], set()
    for ind in indicators:
        if ind.measure != "share_of_ads":
            continue
        manager = bool(ind.params.get("manager"))
        key = ind.params.get("denominator_key") or ("ads_published_manager" if manager else "ads_published")
        name = ind.params.get("organisation") or ""
        if (key, name.casefold()) in seen:
            continue
        seen.add((key, name.casefold()))
        org = organisations.get(name.casefold()) if name else None
        what = _("Publicerade chefsannonser") if manager else _("Publicerade annonser")
        where = name or _("stadens förvaltningar totalt")
        specs.append(FigureSpec(
            index=len(specs), key=key, organisation=org, label=f"{what} – {where}",
            unavailable=bool(name) and org is None,
            help_text=_("Organisationen finns inte i registret.") if name and org is None else
            _("Antal under perioden (de fyra månaderna), i stadens rekryteringssystem."),
        ))
    for ind in indicators:
        if ind.source == Source.ENTERED and ind.figure_key not in {s.key for s in specs}:
            specs.append(FigureSpec(index=len(specs), key=ind.figure_key, organisation=None, label=ind.name,
                                    help_text=_("Antal under perioden.") if ind.unit == "count" else
                                    _("Värdet för perioden (hittills i år).")))
    return specs


def figure_initial(*, year: int, period: str, specs: list[FigureSpec]) -> dict:
    from .models import EnteredFigure

    stored = {(f.key, f.organisation_id): f for f in EnteredFigure.objects.filter(year=year, period=period)}
    initial = {}
    for spec in specs:
        figure = stored.get((spec.key, spec.organisation.pk if spec.organisation else None))
        if figure is not None:
            initial[spec.field] = figure.value.normalize()
            initial[f"{spec.field}_note"] = figure.note
    return initial
