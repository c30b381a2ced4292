"""Question keys and their types, as the survey contract fixes them.

The stored SurveyVersion/Question rows add or override types and order, so a
question introduced later is reported without a code change.
"""
from __future__ import annotations

from surveys.models import Question, QuestionType

SCALE = QuestionType.SCALE_1_10.value
NPS_SCALE = QuestionType.SCALE_0_10.value
YES_NO = QuestionType.YES_NO.value

CUSTOMER_SCALE_KEYS = [
    "planning", "ad_support", "selection_support", "interview_support", "reference_support",
    "test_feedback", "competency_based", "cooperation", "treatment", "overall_satisfaction",
]
CANDIDATE_YES_NO_KEYS = [
    "info_interviewers", "info_competency_based", "ad_clear", "info_matched_job", "interview_fair_picture",
    "time_efficient", "info_sufficient", "non_discriminatory", "consultant_contact", "took_tests", "test_info",
]

KNOWN_TYPES: dict[str, dict[str, str]] = {
    "customer": {**dict.fromkeys(CUSTOMER_SCALE_KEYS, SCALE), "nps": NPS_SCALE, "returning_customer": YES_NO},
    "candidate": {**dict.fromkeys(CANDIDATE_YES_NO_KEYS, YES_NO), "overall": SCALE},
    "six_month": {"match": SCALE, "use_again": YES_NO},
    "training": {"overall": SCALE, "content": SCALE, "delivery": SCALE},
}

# Keys with a meaning of their own in the measures.
OVERALL_KEY = {"customer": "overall_satisfaction", "candidate": "overall", "six_month": "match", "training": "overall"}
NPS_KEY = "nps"
RETURNING_KEY = "returning_customer"
USE_AGAIN_KEY = "use_again"


def question_catalogue() -> dict[str, dict[str, str]]:
    """{kind: {key: qtype}} of the numeric questions: the contract's keys in its order, then stored ones.

    A stored question's type wins over the contract's. One query.
    """
    stored: dict[str, dict[str, str]] = {}
    rows = Question.objects.filter(qtype__in=[SCALE, NPS_SCALE, YES_NO]).order_by(
        "version__kind", "-version__year", "order", "id"
    ).values_list("version__kind", "key", "qtype")
    for kind, key, qtype in rows:
        stored.setdefault(kind, {}).setdefault(key, qtype)  # newest version first
    catalogue = {}
    for kind in {*KNOWN_TYPES, *stored}:
        known, extra = KNOWN_TYPES.get(kind, {}), stored.get(kind, {})
        catalogue[kind] = {key: extra.get(key, qtype) for key, qtype in known.items()}
        catalogue[kind].update({key: qtype for key, qtype in extra.items() if key not in known})
    return catalogue
