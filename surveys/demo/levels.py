"""The levels the demo's answers are drawn at: the department's published results (DOMAIN.md, "Surveys").

A year without published figures takes the nearest year that has them. Answers are drawn
per respondent from a seeded random generator; the few "disappointed" respondents that make
the low-score flags are drawn separately, so the ordinary answers never fall to a flagged level.
"""
from __future__ import annotations

import random
from decimal import Decimal

# Customer statements: mean per year (2024, 2025 published; later years keep 2025's level).
CUSTOMER_MEANS = {
    2024: {"planning": 9.65, "ad_support": 9.47, "selection_support": 9.60, "interview_support": 9.68,
           "reference_support": 9.69, "test_feedback": 9.71, "competency_based": 9.74, "treatment": 9.86,
           "cooperation": 9.82, "overall_satisfaction": 9.55},
    2025: {"planning": 9.57, "ad_support": 9.48, "selection_support": 9.50, "interview_support": 9.65,
           "reference_support": 9.78, "test_feedback": 9.75, "competency_based": 9.75, "cooperation": 9.65,
           "overall_satisfaction": 9.56},
}
# Candidate survey: share answering Ja (2023-2025 published), the overall grade's mean.
CANDIDATE_LEVELS = {
    2023: {"info_interviewers": 1.0, "info_competency_based": 0.992, "ad_clear": 1.0, "info_matched_job": 0.992,
           "interview_fair_picture": 0.992, "time_efficient": 0.92, "info_sufficient": 0.976,
           "non_discriminatory": 0.996, "consultant_contact": 1.0, "overall": 9.56},
    2024: {"info_interviewers": 0.997, "info_competency_based": 0.975, "ad_clear": 0.997, "info_matched_job": 0.99,
           "interview_fair_picture": 1.0, "time_efficient": 0.959, "info_sufficient": 0.987,
           "non_discriminatory": 0.99, "consultant_contact": 0.997, "took_tests": 0.473, "test_info": 0.987,
           "overall": 9.51},
    2025: {"info_interviewers": 1.0, "info_competency_based": 0.989, "ad_clear": 0.997, "info_matched_job": 1.0,
           "interview_fair_picture": 0.997, "time_efficient": 0.966, "info_sufficient": 0.989,
           "non_discriminatory": 1.0, "consultant_contact": 1.0, "took_tests": 0.54, "test_info": 0.99,
           "overall": 9.6},
}
SIX_MONTH_MEANS = {2023: 8.8, 2024: 9.15, 2025: 9.33}
TRAINING_MEANS = {"overall": 9.2, "content": 9.1, "delivery": 9.3}
MANUAL_TRAINING_MEAN = Decimal("9.10")  # a customer's own course evaluation, entered by hand

# Who answers: of the links sent (customer 76 % in 2025), of the hired candidates, of six-month links.
CUSTOMER_RATE = 0.78  # a little above 76 %: the latest links have not all been answered yet
CANDIDATE_RATE = 0.4
SIX_MONTH_RATE = 0.4
LOW_SHARE = 0.008  # customers disappointed enough to be flagged
RETURNING_SHARE = 0.7

# Ordinary answers: 10, or a little under (never at a flagged level on the overall questions).
_DEFICITS = (1, 1, 1, 1, 2, 2, 3, 3)
_DEFICIT_MEAN = sum(_DEFICITS) / len(_DEFICITS)


def nearest(table: dict, year: int) -> dict:
    return table[min(table, key=lambda y: (abs(y - year), -y))]


def scale(rng: random.Random, mean: float) -> int:
    """A 1-10 grade around `mean` (9-10 mostly)."""
    if rng.random() < max(0.0, 10 - mean) / _DEFICIT_MEAN:
        return 10 - rng.choice(_DEFICITS)
    return 10


def nps(rng: random.Random) -> int:
    """0-10: ~88 % promoters among ordinary respondents (NPS ~86 with the disappointed ones)."""
    return rng.choices((10, 9, 8, 7), weights=(62, 26, 8, 4))[0]


def yes(rng: random.Random, share: float) -> int:
    return 1 if rng.random() < share else 0


def low(rng: random.Random) -> int:
    """A disappointed respondent's grade: at or below the flag threshold (6)."""
    return rng.choice((3, 4, 5, 5, 6, 6))


def customer_values(rng: random.Random, keys: list[str], year: int, *, disappointed: bool) -> dict[str, int | str]:
    """Values by question key for the customer statements shown (numbers; text for `heard_of_us`)."""
    means = nearest(CUSTOMER_MEANS, year)
    values: dict[str, int | str] = {}
    for key in keys:
        if key == "nps":
            values[key] = low(rng) if disappointed else nps(rng)
        elif key == "returning_customer":
            values[key] = yes(rng, RETURNING_SHARE)
        elif key == "heard_of_us":
            if values.get("returning_customer") == 0 and rng.random() < 0.7:
                values[key] = rng.choice(HEARD_OF_US)
        elif disappointed:
            values[key] = low(rng) if key == "overall_satisfaction" else rng.randint(4, 8)
        else:
            values[key] = scale(rng, means.get(key, 9.5))
    return values


def candidate_values(rng: random.Random, keys: list[str], year: int) -> dict[str, int]:
    levels = nearest(CANDIDATE_LEVELS, year)
    values = {}
    for key in keys:
        if key == "overall":
            values[key] = scale(rng, levels["overall"])
        elif key == "test_info":
            if values.get("took_tests") == 1:
                values[key] = yes(rng, levels.get("test_info", 0.99))
        else:
            values[key] = yes(rng, levels.get(key, 0.5 if key == "took_tests" else 0.98))
    return values


def six_month_values(rng: random.Random, year: int) -> dict[str, int]:
    return {"match": scale(rng, nearest(SIX_MONTH_MEANS, year)), "use_again": 1}


def training_values(rng: random.Random) -> dict[str, int]:
    return {key: scale(rng, mean) for key, mean in TRAINING_MEANS.items()}


HEARD_OF_US = [
    "Via en kollega", "Tips från HR-avdelningen", "Stadens intranät", "Chefsintroduktionen",
    "Serviceförvaltningens webbplats", "Rekommendation från en annan chef",
]
