"""Customer survey measures: question means, "Totalt medelvärde", satisfaction, NPS, returning customers."""
from __future__ import annotations

import math

from django.conf import settings

from reporting.periods import Period

from .questions import NPS_KEY, NPS_SCALE, OVERALL_KEY, RETURNING_KEY, SCALE
from .scope import Scope
from .stats import response_rate
from .survey_data import SurveyData, survey_data

KIND = "customer"
OVERALL = OVERALL_KEY[KIND]


def nps_margin(promoters: int, detractors: int, n: int) -> float | None:
    """95 % margin of error of an NPS, in NPS points.

    With p and d the promoter and detractor shares (fractions) of n answers, the
    NPS is 100 (p - d) and each answer scores +1, 0 or -1, whose variance is
    p + d - (p - d)^2. The margin is 1.96 * sqrt((p + d - (p - d)^2) / n) * 100.
    """
    if not n:
        return None
    p, d = promoters / n, detractors / n
    return 1.96 * math.sqrt(max(p + d - (p - d) ** 2, 0.0) / n) * 100


def total_mean(question_means: dict[str, float]) -> float | None:
    """The department's "Totalt medelvärde": the plain mean of the 1-10 question means (NPS excluded)."""
    values = [v for v in question_means.values() if v is not None]
    return sum(values) / len(values) if values else None


def _empty(data: SurveyData) -> dict:
    sent, answered = data.invited(KIND) or (0, 0)
    return {
        "responses": data.responses.get(KIND, 0), "invited": sent, "response_rate": response_rate(sent, answered),
        "nps": None, "nps_margin": None, "promoters": 0, "passives": 0, "detractors": 0,
        "overall_satisfaction": None, "satisfied_share": None, "total_mean": None, "questions": {},
        "nps_n": 0, "returning_customer_share": None, "returning_customer_n": 0,
        "satisfied_min": settings.REPORT_SATISFIED_MIN, "source": None,
    }


def customer_from(data: SurveyData) -> dict:
    """Build the customer section from fetched figures (no queries).

    Returns the JSON keys plus `nps_n`, `returning_customer_share` (fraction of
    "ja"), `returning_customer_n`, `satisfied_min` and `source` ("answers",
    "aggregates" or None).
    """
    result = _empty(data)
    if not data.responses.get(KIND) and KIND in data.aggregates:
        return _from_aggregates(result, data.aggregates[KIND], data)
    questions = {}
    for key in data.keys(KIND):
        if data.qtype(KIND, key) == SCALE:
            stat = data.stat(KIND, key)
            questions[key] = {"mean": stat.mean, "n": stat.n}
    result["questions"] = questions
    result["total_mean"] = total_mean({k: v["mean"] for k, v in questions.items()})
    overall = data.stat(KIND, OVERALL)
    if overall is not None and overall.n:
        result["overall_satisfaction"] = overall.mean
        result["satisfied_share"] = overall.satisfied / overall.n
    nps = data.stat(KIND, NPS_KEY)
    if nps is not None and nps.n and data.qtype(KIND, NPS_KEY) == NPS_SCALE:
        result.update(
            nps=100 * (nps.promoters - nps.detractors) / nps.n,
            nps_margin=nps_margin(nps.promoters, nps.detractors, nps.n),
            promoters=nps.promoters, detractors=nps.detractors, passives=nps.n - nps.promoters - nps.detractors,
            nps_n=nps.n,
        )
    returning = data.stat(KIND, RETURNING_KEY)
    if returning is not None and returning.n:
        result["returning_customer_share"] = returning.share
        result["returning_customer_n"] = returning.n
    if data.responses.get(KIND):
        result["source"] = "answers"
    return result


def _from_aggregates(result: dict, rows: dict, data: SurveyData) -> dict:
    questions = {}
    keys = [k for k in data.catalogue.get(KIND, {}) if k in rows] + sorted(set(rows) - set(data.catalogue[KIND]))
    for key in keys:
        row = rows[key]
        if row.mean is not None and data.qtype(KIND, key) in (SCALE, None) and key != NPS_KEY:
            questions[key] = {"mean": row.mean, "n": row.n}
    result["questions"] = questions
    result["total_mean"] = total_mean({k: v["mean"] for k, v in questions.items()})
    if OVERALL in questions:
        result["overall_satisfaction"] = questions[OVERALL]["mean"]
        result["responses"] = questions[OVERALL]["n"]
    if NPS_KEY in rows and rows[NPS_KEY].mean is not None:
        result["nps"] = rows[NPS_KEY].mean  # a published NPS is stored as its value
        result["nps_n"] = rows[NPS_KEY].n or 0
    if RETURNING_KEY in rows and rows[RETURNING_KEY].yes_share is not None:
        result["returning_customer_share"] = rows[RETURNING_KEY].yes_share
        result["returning_customer_n"] = rows[RETURNING_KEY].n or 0
    result["source"] = "aggregates"
    return result


def customer_measures(scope: Scope, period: Period) -> dict:
    """Customer survey measures of a scope and period (about six queries)."""
    return customer_from(survey_data(scope, period))
