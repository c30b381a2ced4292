"""Demo data of the reporting app: the department's published survey results for the years before the demo.

The figures are the department's own (DOMAIN.md, "Surveys"); the demo loads those of the
years before its first year of answers, as an operator would with `import_survey_aggregates`.
"""
from __future__ import annotations

from simple_history.utils import bulk_create_with_history

from .models import SurveyAggregate

CUSTOMER_KEYS = ["planning", "ad_support", "selection_support", "interview_support", "reference_support",
                 "test_feedback", "competency_based", "treatment", "cooperation", "overall_satisfaction"]
# Mean per statement, per year, in CUSTOMER_KEYS order (None: not asked that year).
CUSTOMER_MEANS = {
    2020: [9.45, 9.27, 9.42, 9.58, 9.53, 9.58, 9.39, 9.76, 9.74, 9.55],
    2021: [9.40, 9.17, 9.36, 9.59, 9.57, 9.42, 9.37, 9.71, 9.68, 9.48],
    2022: [9.40, 9.20, 9.29, 9.44, 9.57, 9.59, 9.51, 9.76, 9.71, 9.39],
    2023: [9.48, 9.28, 9.39, 9.66, 9.68, 9.50, 9.39, 9.84, 9.74, 9.46],
    2024: [9.65, 9.47, 9.60, 9.68, 9.69, 9.71, 9.74, 9.86, 9.82, 9.55],
    2025: [9.57, 9.48, 9.50, 9.65, 9.78, 9.75, 9.75, None, 9.65, 9.56],
}
CUSTOMER_N = {2025: 572}
CANDIDATE_KEYS = ["info_interviewers", "info_competency_based", "ad_clear", "info_matched_job",
                  "interview_fair_picture", "time_efficient", "info_sufficient", "non_discriminatory",
                  "consultant_contact"]
CANDIDATE_YES = {  # % Ja in CANDIDATE_KEYS order
    2023: [100, 99.2, 100, 99.2, 99.2, 92, 97.6, 99.6, 100],
    2024: [99.7, 97.5, 99.7, 99, 100, 95.9, 98.7, 99, 99.7],
    2025: [100, 98.9, 99.7, 100, 99.7, 96.6, 98.9, 100, 100],
}
CANDIDATE_OVERALL = {2023: 9.56, 2024: 9.51, 2025: 9.6}
CANDIDATE_TESTS = {2024: (47.3, 98.7), 2025: (54, 99)}  # took tests, information before the tests (% Ja)
CANDIDATE_N = {2025: 354}
SIX_MONTH = {2023: (8.8, None), 2024: (9.15, 113), 2025: (9.33, 102)}  # mean, n; 100 % would use us again


def published_rows(year: int) -> list[SurveyAggregate]:
    """The department's published figures of one year (none for a year it published nothing for)."""
    rows = []
    for key, mean in zip(CUSTOMER_KEYS, CUSTOMER_MEANS.get(year, []), strict=False):
        if mean is not None:
            rows.append(SurveyAggregate(year=year, survey="customer", question=key, mean=mean,
                                        n=CUSTOMER_N.get(year)))
    for key, percent in zip(CANDIDATE_KEYS, CANDIDATE_YES.get(year, []), strict=False):
        rows.append(SurveyAggregate(year=year, survey="candidate", question=key, yes_share=percent / 100,
                                    n=CANDIDATE_N.get(year)))
    if year in CANDIDATE_OVERALL:
        rows.append(SurveyAggregate(year=year, survey="candidate", question="overall", mean=CANDIDATE_OVERALL[year],
                                    n=CANDIDATE_N.get(year)))
    if year in CANDIDATE_TESTS:
        took, informed = CANDIDATE_TESTS[year]
        rows.append(SurveyAggregate(year=year, survey="candidate", question="took_tests", yes_share=took / 100))
        rows.append(SurveyAggregate(year=year, survey="candidate", question="test_info", yes_share=informed / 100))
    if year in SIX_MONTH:
        mean, n = SIX_MONTH[year]
        rows.append(SurveyAggregate(year=year, survey="six_month", question="match", mean=mean, n=n))
        rows.append(SurveyAggregate(year=year, survey="six_month", question="use_again", yes_share=1.0, n=n))
    return rows


def demo_aggregates(*, before_year: int) -> int:
    """Load the published figures of every year before `before_year`; figures already stored are kept."""
    rows = [row for year in sorted(CUSTOMER_MEANS.keys() | CANDIDATE_YES.keys() | SIX_MONTH.keys())
            if year < before_year for row in published_rows(year)]
    stored = set(SurveyAggregate.objects.values_list("year", "survey", "question"))
    new = [r for r in rows if (r.year, r.survey, r.question) not in stored]
    bulk_create_with_history(new, SurveyAggregate, batch_size=500, default_change_reason="Demodata")
    return len(new)
