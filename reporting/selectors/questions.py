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
    """{kind: {key: qtype}} in display order: the stored questions (newest version first) then known ones.

    One query.
    """
    catalogue: dict[str, dict[str, str]] = {kind: {} for kind in KNOWN_TYPES}
    rows = Question.objects.order_by("version__kind", "-version__year", "order", "id").values_list(
        "version__kind", "key", "qtype"
    )
    for kind, key, qtype in rows:
        if qtype in (SCALE, NPS_SCALE, YES_NO):
            catalogue.setdefault(kind, {}).setdefault(key, qtype)
    for kind, known in KNOWN_TYPES.items():
        for key, qtype in known.items():
            catalogue[kind].setdefault(key, qtype)
    # Keep the contract's order where the stored versions do not define one.
    for kind, known in KNOWN_TYPES.items():
        stored = [k for k in catalogue[kind] if k not in known]
        ordered = {k: catalogue[kind][k] for k in known}
        ordered.update({k: catalogue[kind][k] for k in stored})
        catalogue[kind] = ordered
    return catalogue
