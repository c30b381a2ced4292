"""Training evaluation (KBR course): mean overall grade, answers and entered course results together."""
from __future__ import annotations

from reporting.periods import Period

from .questions import OVERALL_KEY
from .scope import Scope
from .survey_data import SurveyData, survey_data

KIND = "training"
OVERALL = OVERALL_KEY[KIND]


def training_from(data: SurveyData) -> dict:
    """`responses` = web/imported answers + entered answer counts; `mean` weighs entered means by their count.

    Also `entered` (the entered answer count), `questions` ({key: {"mean", "n"}} of
    the answered grades) and `source`.
    """
    manual_count, manual_total = data.manual
    responses = data.responses.get(KIND, 0)
    result = {"responses": responses + manual_count, "mean": None, "entered": manual_count,
              "questions": {}, "source": None}
    if not responses and not manual_count:
        rows = data.aggregates.get(KIND)
        if rows and OVERALL in rows:
            result.update(mean=rows[OVERALL].mean, responses=rows[OVERALL].n, source="aggregates")
        return result
    overall = data.stat(KIND, OVERALL)
    n = (overall.n if overall else 0) + manual_count
    total = (overall.total if overall else 0) + manual_total
    result["mean"] = total / n if n else None
    result["questions"] = {
        key: {"mean": data.stat(KIND, key).mean, "n": data.stat(KIND, key).n} for key in data.keys(KIND)
    }
    result["source"] = "answers"
    return result


def training_measures(scope: Scope, period: Period) -> dict:
    return training_from(survey_data(scope, period))
