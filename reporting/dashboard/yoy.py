"""Year-over-year tables of every survey from one fetch.

`reporting.selectors.survey_yoy` fetches the figures of all surveys for each call,
so four tables cost four identical scans of six years of answers. This builds the
same four results from one fetch with the selector's own builders and row rule
(a test checks that the result equals `survey_yoy` for each survey).
"""
from __future__ import annotations

import datetime as dt

from reporting.periods import Period
from reporting.selectors.data import aggregates_apply, published_aggregates
from reporting.selectors.questions import question_catalogue
from reporting.selectors.scope import Scope
from reporting.selectors.stats import answer_stats, invitation_counts, manual_training, response_counts
from reporting.selectors.yoy import BUILDERS, SUMMARY_ROWS, _row, _year_data

KINDS = ("customer", "candidate", "six_month", "training")


def survey_yoy_all(*, last_year: int, years: int = 6, scope: Scope | None = None) -> dict[str, dict]:
    """{kind: survey_yoy(kind=kind, ...)} for the four surveys, in six queries instead of 24."""
    scope = scope or Scope()
    year_list = list(range(last_year - years + 1, last_year + 1))
    start, end = dt.date(year_list[0], 1, 1), dt.date(last_year, 12, 31)
    catalogue = question_catalogue()
    answers = answer_stats(scope, start, end, by_year=True)
    responses = response_counts(scope, start, end, by_year=True)
    invitations = invitation_counts(scope, start, end, by_year=True)
    manual = manual_training(scope, start, end, by_year=True)
    aggregates = published_aggregates(year_list) if scope.is_whole_department else {}
    per_year = [
        _year_data(catalogue, y, answers, responses, invitations, manual,
                   aggregates if aggregates_apply(scope, Period.for_report(y)) else {})
        for y in year_list
    ]
    result = {}
    for kind in KINDS:
        built = [BUILDERS[kind](data) for data in per_year]
        keys: list[str] = []
        for section in built:
            keys += [k for k in section.get("questions", {}) if k not in keys]
        order = list(catalogue.get(kind, {}))
        keys.sort(key=lambda k: order.index(k) if k in order else len(order))
        rows = []
        for key in keys:
            cells = [section.get("questions", {}).get(key) for section in built]
            measure = next(("yes_share" if "yes_share" in c else "mean") for c in cells if c)
            rows.append(_row(key, measure, [c.get(measure) if c else None for c in cells],
                             [c.get("n") if c else None for c in cells]))
        summary = [_row(name, name, [section.get(name) for section in built], [None] * len(built))
                   for name in SUMMARY_ROWS[kind]]
        result[kind] = {"kind": kind, "years": year_list, "sources": [s.get("source") for s in built],
                        "questions": rows, "summary": summary}
    return result
