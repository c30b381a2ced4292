"""Candidate survey measures: % "ja" per question among those who answered it, overall rating, satisfied share.

The test-information question is only shown to those who did tests, so "among
those who answered it" is "among those who did tests". Every section leaves here
through the rule of five (`reporting.privacy.candidate_shown`), whatever the scope, and, where the data
carries the year's answers per tertial (`survey_data.year_counts_apply`), against the year's other periods.
"""
from __future__ import annotations

from django.conf import settings

from reporting.periods import Period
from reporting.privacy import candidate_shown

from .questions import OVERALL_KEY, SCALE, YES_NO
from .scope import Scope
from .stats import response_rate
from .survey_data import SurveyData, survey_data

KIND = "candidate"
OVERALL = OVERALL_KEY[KIND]


def candidate_from(data: SurveyData) -> dict:
    """JSON keys plus `overall_mean`, `satisfied_min`, `source`, and what the rule of five withheld.

    Figures from fewer than settings.REPORT_MIN_CANDIDATE_GROUP answers are None (questions {}),
    with "suppressed": True; see `reporting.privacy.candidate_shown` for the keys it adds.
    """
    sent, answered = data.invited(KIND) or (0, 0)
    return candidate_shown(_figures(data, sent, answered), answered=answered, overall=OVERALL,
                           year=data.candidate_year)


def _figures(data: SurveyData, sent: int, answered: int) -> dict:
    result = {
        "responses": data.responses.get(KIND, 0), "invited": sent, "response_rate": response_rate(sent, answered),
        "satisfied_share": None, "questions": {}, "overall_mean": None,
        "satisfied_min": settings.REPORT_SATISFIED_MIN, "source": None,
    }
    if not data.responses.get(KIND) and KIND in data.aggregates:
        return _from_aggregates(result, data.aggregates[KIND], data)
    questions = {}
    for key in data.keys(KIND):
        stat, qtype = data.stat(KIND, key), data.qtype(KIND, key)
        if qtype == YES_NO:
            questions[key] = {"yes_share": stat.share, "n": stat.n}
        elif qtype == SCALE:
            questions[key] = {"mean": stat.mean, "n": stat.n}
    result["questions"] = questions
    overall = data.stat(KIND, OVERALL)
    if overall is not None and overall.n:
        result["overall_mean"] = overall.mean
        result["satisfied_share"] = overall.satisfied / overall.n
    if data.responses.get(KIND):
        result["source"] = "answers"
    return result


def _from_aggregates(result: dict, rows: dict, data: SurveyData) -> dict:
    keys = [k for k in data.catalogue.get(KIND, {}) if k in rows] + sorted(set(rows) - set(data.catalogue[KIND]))
    for key in keys:
        row = rows[key]
        if row.yes_share is not None:
            result["questions"][key] = {"yes_share": row.yes_share, "n": row.n}
        elif row.mean is not None:
            result["questions"][key] = {"mean": row.mean, "n": row.n}
    if OVERALL in rows and rows[OVERALL].mean is not None:
        result["overall_mean"] = rows[OVERALL].mean
        result["responses"] = rows[OVERALL].n
    result["source"] = "aggregates"
    return result


def candidate_measures(scope: Scope, period: Period) -> dict:
    return candidate_from(survey_data(scope, period))
