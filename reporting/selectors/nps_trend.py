"""NPS tertial by tertial: the customers' recommendation answers of each four-month tertial on its own."""
from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth, ExtractYear

from reporting.periods import Period, tertial_of
from surveys.models import Answer

from . import survey_months
from .questions import NPS_KEY
from .scope import Scope
from .stats import DETRACTOR_MAX, PROMOTER_MIN


def tertials_up_to(period: Period, count: int) -> list[Period]:
    """The `count` tertials (each its four months alone) ending with the one the period ends in, oldest first."""
    year, tertial = period.year, tertial_of(period.end)
    found = []
    for _ in range(count):
        found.append(Period.tertial_alone(year, tertial))
        year, tertial = (year, tertial - 1) if tertial > 1 else (year - 1, 3)
    return found[::-1]


def nps_trend_start(period: Period, *, count: int = 6) -> dt.date:
    """The first day `nps_by_tertial` reads."""
    return tertials_up_to(period, count)[0].start


def _monthly(scope: Scope, start: dt.date, end: dt.date) -> list[dict]:
    """[{"year", "month", "n", "promoters", "detractors"}] of the NPS answers: from the monthly summary
    where it applies (one query inside `survey_months.checked_once`), else from the answers (one query)."""
    if survey_months.summary_applies(scope, start, end):
        answers, _responses = survey_months.counts(scope, start, end, by="month", kinds=["customer"],
                                                   thresholds=[PROMOTER_MIN, DETRACTOR_MAX + 1])
        return [{"year": month.year, "month": month.month, "n": c["n"], "promoters": c["at_least"][PROMOTER_MIN],
                 "detractors": c["n"] - c["at_least"][DETRACTOR_MAX + 1]}
                for (month, _kind, key), c in answers.items() if key == NPS_KEY]
    return list(
        Answer.objects.filter(
            scope.response_q("response__"), response__kind="customer", question_key=NPS_KEY,
            value_number__isnull=False, response__submitted_on__gte=start, response__submitted_on__lte=end,
        )
        .annotate(year=ExtractYear("response__submitted_on"), month=ExtractMonth("response__submitted_on"))
        .values("year", "month").order_by()
        .annotate(n=Count("value_number"),
                  promoters=Count("value_number", filter=Q(value_number__gte=PROMOTER_MIN)),
                  detractors=Count("value_number", filter=Q(value_number__lte=DETRACTOR_MAX)))
    )


def nps_by_tertial(scope: Scope, period: Period, *, count: int = 6) -> list[dict]:
    """The NPS of each of the `count` tertials up to the report's period end (one query, or two when
    the summary is read outside `survey_months.checked_once`).

    [{"period": Period (the tertial alone), "promoters", "passives", "detractors", "n",
    "nps": 100 (promoters - detractors) / n or None}], oldest first. Answers only (or their
    summary): published aggregates describe whole years, so years before the system have no
    tertials. The last tertial stops at the period end (a report never counts answers after it).
    """
    tertials = tertials_up_to(period, count)
    rows = _monthly(scope, tertials[0].start, min(period.end, tertials[-1].end))
    sums: dict[tuple[int, int], list[int]] = {}
    for row in rows:
        total = sums.setdefault((row["year"], tertial_of(dt.date(row["year"], row["month"], 1))), [0, 0, 0])
        total[0] += row["n"]
        total[1] += row["promoters"]
        total[2] += row["detractors"]
    result = []
    for t in tertials:
        n, promoters, detractors = sums.get((t.year, t.tertial), [0, 0, 0])
        result.append({"period": t, "n": n, "promoters": promoters, "detractors": detractors,
                       "passives": n - promoters - detractors,
                       "nps": 100 * (promoters - detractors) / n if n else None})
    return result
