"""Six-month match survey: mean match rating, share who would use the service again."""
from __future__ import annotations

from reporting.periods import Period

from .questions import OVERALL_KEY, USE_AGAIN_KEY
from .scope import Scope
from .stats import response_rate
from .survey_data import SurveyData, survey_data

KIND = "six_month"
MATCH = OVERALL_KEY[KIND]


def six_month_from(data: SurveyData) -> dict:
    """JSON keys plus `match_n`, `use_again_n` and `source`."""
    sent, answered = data.invited(KIND) or (0, 0)
    result = {
        "responses": data.responses.get(KIND, 0), "invited": sent, "response_rate": response_rate(sent, answered),
        "match_mean": None, "use_again_share": None, "match_n": 0, "use_again_n": 0, "source": None,
    }
    if not data.responses.get(KIND):
        rows = data.aggregates.get(KIND)
        if rows:
            if MATCH in rows:
                result.update(match_mean=rows[MATCH].mean, match_n=rows[MATCH].n or 0, responses=rows[MATCH].n)
            if USE_AGAIN_KEY in rows:
                result.update(use_again_share=rows[USE_AGAIN_KEY].yes_share, use_again_n=rows[USE_AGAIN_KEY].n or 0)
            result["source"] = "aggregates"
        return result
    match, again = data.stat(KIND, MATCH), data.stat(KIND, USE_AGAIN_KEY)
    if match is not None:
        result.update(match_mean=match.mean, match_n=match.n)
    if again is not None:
        result.update(use_again_share=again.share, use_again_n=again.n)
    result["source"] = "answers"
    return result


def six_month_measures(scope: Scope, period: Period) -> dict:
    return six_month_from(survey_data(scope, period))
