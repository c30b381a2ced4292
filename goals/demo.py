"""The whole demo: the register's (assignments), its survey history (surveys), the published results before it
(reporting), and this app's part: the figures the plans take from outside and the employee survey.

`seed_everything` is what `manage.py seed_demo` runs, in one transaction.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from allocation.demo import demo_profiles
from assignments import services as register
from assignments.demo.seed import DemoResult, demo_seed
from assignments.importing import invoiced_until_default
from assignments.models import Assignment
from billing.services import invoice_opening_record
from orders.demo import demo_orders
from recruitment.roles import COORDINATOR, GROUP_NAMES
from reporting.demo import demo_aggregates
from reporting.survey_months import survey_months_refresh
from surveys.demo import SurveyDemoResult, demo_surveys

from .context import Context
from .measures import _share_params, assignments_ordered
from .models import (
    AmiArea,
    EmployeeSurvey,
    EmployeeSurveyStatement,
    EnteredFigure,
    Indicator,
    IndicatorUnit,
    Periodicity,
    Plan,
    Source,
    SurveyScope,
)
from .selectors import figure_specs

TERTIALS = ("T1", "T2", "T3")
# The city's employee survey statements (AMI: three per area) and one outside the index.
AMI_STATEMENTS = [
    (AmiArea.MOTIVATION, "Jag lär nytt och utvecklas i mitt dagliga arbete."),
    (AmiArea.MOTIVATION, "Mitt arbete känns meningsfullt."),
    (AmiArea.MOTIVATION, "Jag ser fram emot att gå till arbetet."),
    (AmiArea.LEADERSHIP, "Min chef ger mig förutsättningar att ta ansvar i mitt arbete."),
    (AmiArea.LEADERSHIP, "Min chef visar uppskattning för mina arbetsinsatser."),
    (AmiArea.LEADERSHIP, "Min chef visar förtroende för mig som medarbetare."),
    (AmiArea.GOVERNANCE, "Min arbetsplats mål följs upp och utvärderas på ett bra sätt."),
    (AmiArea.GOVERNANCE, "Jag är insatt i min arbetsplats mål."),
    (AmiArea.GOVERNANCE, "Jag vet vad som förväntas av mig i mitt arbete."),
    (AmiArea.OTHER, "Jag kan rekommendera min arbetsplats till andra."),
]
AMI_LEVEL = {0: 89, 1: 90, 2: 91}  # by year from the demo's first: the department's 89-93 of 2024-2026
STAFF_ANSWERING = 24  # of 25 (96 % answered)


@dataclass
class EverythingResult:
    register: DemoResult
    surveys: SurveyDemoResult = field(default_factory=SurveyDemoResult)
    aggregates: int = 0
    figures: int = 0
    orders: int = 0
    profiles: int = 0


def seed_everything(*, if_empty: bool = False, seed: int = 2026, per_year: int = 1000,
                    today: dt.date | None = None) -> EverythingResult:
    """The demo in one transaction; with `if_empty`, an existing register is left alone (nothing added)."""
    today = today or register.today()
    with transaction.atomic():
        result = EverythingResult(register=demo_seed(if_empty=if_empty, seed=seed, per_year=per_year, today=today))
        if not result.register.created:
            return result
        years = range(today.year - 2, today.year + 1)
        coordinator = User.objects.filter(groups__name=GROUP_NAMES[COORDINATOR]).order_by("pk").first()
        # the demo's history counts as invoiced up to last month, as an import of old data does
        invoice_opening_record(references=Assignment.objects.values_list("reference", flat=True),
                               until=invoiced_until_default(today))
        result.surveys = demo_surveys(seed=seed, today=today, by=coordinator)
        result.aggregates = demo_aggregates(before_year=years[0])
        rng = random.Random(seed + 3)
        result.figures = demo_figures(rng=rng, years=years, today=today)
        demo_employee_surveys(rng=rng, years=years, today=today)
        # The monthly survey summary of every month with answers, so the first dashboard view is not the
        # one that builds it (the answer services' background jobs would find nothing left to do).
        survey_months_refresh()
        # allocation profiles first: the manager order wishes for a qualified consultant by name
        result.profiles = demo_profiles(today=today)
        result.orders = demo_orders()
    return result


# --- entered figures -----------------------------------------------------------------------

def _started_tertials(year: int, today: dt.date) -> list[str]:
    return [t for t in TERTIALS if dt.date(year, (int(t[1]) - 1) * 4 + 1, 1) <= today]


def _ads(rng: random.Random, year: int, indicators: list[Indicator], tertials: list[str]) -> dict:
    """{(key, organisation name casefolded): {tertial: ads}} so that each share lands near its target."""
    ctx = Context(year=year, periods=tuple(tertials))
    out = {}
    for ind in indicators:
        if ind.measure != "share_of_ads" or not ind.target:
            continue
        key = ind.params.get("denominator_key") or "ads_published"
        name = (ind.params.get("organisation") or "").casefold()
        if (key, name) in out:
            continue
        ytd = assignments_ordered(ctx, _share_params(ind.params))
        ads, before = {}, 0.0
        for tertial in tertials:
            count = (ytd[tertial] or 0) - before
            before = ytd[tertial] or 0
            share = float(ind.target) * rng.uniform(0.85, 1.2) / 100
            ads[tertial] = max(1, round(count / share)) if count else rng.randint(2, 8)
        out[key, name] = ads
    return out


def _entered(rng: random.Random, ind: Indicator) -> Decimal:
    target = float(ind.target or 1)
    if ind.unit == IndicatorUnit.COUNT:
        share = 1 / 3 if ind.periodicity == Periodicity.TERTIAL else 1
        value = round(target * share * rng.uniform(0.7, 1.5))
    elif ind.direction == "lower":
        value = round(target * rng.uniform(0.6, 1.05), 1)
    else:
        value = round(min(target * rng.uniform(0.97, 1.08), 10 if ind.unit == IndicatorUnit.SCORE else 100), 1)
    return Decimal(str(value))


def demo_figures(*, rng: random.Random, years, today: dt.date) -> int:
    """The figures each plan of the demo's years takes from outside, per tertial started, for the
    organisations the figures page asks for (an organisation missing from the register is left out)."""
    figures = []
    for year in Plan.objects.filter(year__in=list(years)).values_list("year", flat=True):
        tertials = _started_tertials(year, today)
        indicators = list(Indicator.objects.filter(plan__year=year))
        ads = _ads(rng, year, indicators, tertials)
        entered = {i.figure_key: i for i in indicators if i.source == Source.ENTERED}
        for spec in figure_specs(year=year):
            if spec.unavailable:
                continue
            org_name = spec.organisation.name.casefold() if spec.organisation else ""
            if (spec.key, org_name) in ads:
                values = {t: Decimal(n) for t, n in ads[spec.key, org_name].items()}
            elif spec.key in entered:  # yearly counts too: per tertial, so that the tertial follow-ups show them
                values = {t: _entered(rng, entered[spec.key]) for t in tertials}
            else:
                continue
            figures += [EnteredFigure(year=year, period=period, key=spec.key, organisation=spec.organisation,
                                      value=value) for period, value in values.items()]
    bulk_create_with_history(figures, EnteredFigure, batch_size=500, default_change_reason="Demodata")
    return len(figures)


# --- employee survey -----------------------------------------------------------------------

def _counts(rng: random.Random, level: float) -> dict:
    """Answers 1-5 of the staff to one statement, around the index `level` (0-100)."""
    # 2 % no opinion, 1 % answering 2, 5 % answering 3, the rest 4 or 5 (the index: see goals/ami.py)
    p5 = min(1.0, max(0.0, (level * 0.98 - 71.75) / 23))
    counts = dict.fromkeys(("n1", "n2", "n3", "n4", "n5", "no_opinion"), 0)
    for _i in range(STAFF_ANSWERING):
        draw = rng.random()
        column = ("no_opinion" if draw < 0.02 else "n2" if draw < 0.03 else "n3" if draw < 0.08
                  else "n5" if draw < 0.08 + p5 * 0.92 else "n4")
        counts[column] += 1
    return counts


def demo_employee_surveys(*, rng: random.Random, years, today: dt.date) -> None:
    """The department's employee survey of each demo year (the city publishes it in the autumn)."""
    for i, year in enumerate(years):
        if dt.date(year, 10, 1) > today or EmployeeSurvey.objects.filter(year=year).exists():
            continue
        level = AMI_LEVEL.get(i, 90)
        survey = EmployeeSurvey.objects.create(year=year, scope=SurveyScope.DEPARTMENT,
                                               official_total=Decimal(level) if year < today.year else None)
        EmployeeSurveyStatement.objects.bulk_create([
            EmployeeSurveyStatement(survey=survey, area=area, key=slugify(text)[:60], statement=text, order=n,
                                    **_counts(rng, level + rng.uniform(-3, 3)))
            for n, (area, text) in enumerate(AMI_STATEMENTS)
        ])
