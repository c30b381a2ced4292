"""Year over year: every survey measure side by side for up to six years.

Each year's column covers the report's period in that year (`Period.in_year`): for a
tertial report (T2 = January-August) the current year stops at the period end and each
earlier year covers the same months, so that the columns compare like with like; a
whole-year report shows whole years.

Questions are matched by their stable key, so a question asked in only some
years is None (empty) in the others. For each year raw answers win; a year
without any answer of the survey falls back to the published aggregates (whole
department only). A value is marked as risen when it is greater than the year
before's (both known).
"""
from __future__ import annotations

from reporting.periods import Period

from .candidate import candidate_from
from .customer import customer_from
from .questions import question_catalogue
from .scope import Scope
from .six_month import six_month_from
from .stats import invitation_counts, manual_training, survey_counts
from .survey_data import SurveyData, aggregates_apply, candidate_years_add, published_aggregates
from .training import training_from

BUILDERS = {"customer": customer_from, "candidate": candidate_from, "six_month": six_month_from,
            "training": training_from}
SUMMARY_ROWS = {
    "customer": ("total_mean", "satisfied_share", "nps", "returning_customer_share", "responses", "response_rate"),
    "candidate": ("satisfied_share", "responses", "response_rate"),
    "six_month": ("match_mean", "use_again_share", "responses", "response_rate"),
    "training": ("mean", "responses"),
}


def _year_data(catalogue, year, answers, responses, invitations, manual, aggregates) -> SurveyData:
    data = SurveyData(catalogue=catalogue)
    data.answers = {(kind, key): v for (y, kind, key), v in answers.items() if y == year}
    data.responses = {kind: n for (y, kind), n in responses.items() if y == year}
    data.invitations = {kind: v for (y, kind), v in invitations.items() if y == year}
    data.manual = manual.get(year, (0, 0.0))
    data.aggregates = {k: rows for k, rows in aggregates.get(year, {}).items() if not data.responses.get(k)}
    return data


def survey_yoy(*, kind: str | None = None, kinds=None, period: Period | None = None, last_year: int | None = None,
               years: int = 6, scope: Scope | None = None) -> dict:
    """The measures of one survey (`kind`) or several (`kinds`) for `years` years up to `period` (5-6 queries;
    two more for a filtered scope's candidate columns, each checked against its year's other periods).

    `period` is the report's period (its year is the last column; every column covers the
    same months of its year); `last_year` alone means whole years up to that year.
    With `kind`, returns {"kind", "years": [oldest, ..., last year], "periods": [Period per
    year], "sources": [per year "answers" | "aggregates" | None], "questions": [row],
    "summary": [row]} where a row is {"key", "measure" ("mean" | "yes_share" | the summary
    name), "values": [value or None per year], "n": [n or None per year], "rose": [True/False
    per year; False for the first year and wherever a value is missing]}. With `kinds`,
    returns {kind: that dict} for each, from the same queries, plus "hidden": [True per year
    whose candidate figures the rule of five withholds (None); always False for other surveys].
    Published aggregates describe whole years, so they fill only whole-year columns.
    """
    if (kind is None) == (kinds is None):
        raise ValueError("give either kind or kinds")
    if (period is None) == (last_year is None):
        raise ValueError("give either period or last_year")
    wanted = [kind] if kind is not None else list(kinds)
    unknown = [k for k in wanted if k not in BUILDERS]
    if unknown:
        raise ValueError(f"unknown survey kind {unknown[0]!r}")
    scope = scope or Scope()
    periods = (period or Period.for_report(last_year)).years_up_to(years)
    year_list = [p.year for p in periods]
    start, end = periods[0].start, periods[-1].end
    within = None if all(p.is_full_year for p in periods) else periods
    catalogue = question_catalogue()
    answers, responses = survey_counts(scope, start, end, by="year", kinds=wanted, within=within)
    invitations = invitation_counts(scope, start, end, by="year", kinds=wanted, within=within)
    manual = manual_training(scope, start, end, by_year=True, within=within)
    aggregates = published_aggregates(year_list) if scope.is_whole_department else {}
    per_year = [
        _year_data(catalogue, p.year, answers, responses, invitations, manual,
                   aggregates if aggregates_apply(scope, p) else {})
        for p in periods
    ]
    if "candidate" in wanted:  # each year's column against that year's other periods (reporting.privacy)
        candidate_years_add(scope, [(p, data, None) for p, data in zip(periods, per_year, strict=True)])
    tables = {k: {**_table(k, catalogue, year_list, per_year), "periods": periods} for k in wanted}
    return tables[kind] if kind is not None else tables


def _table(kind: str, catalogue: dict, year_list: list[int], per_year: list[SurveyData]) -> dict:
    built = [BUILDERS[kind](data) for data in per_year]
    keys: list[str] = []
    for section in built:
        keys += [k for k in section.get("questions", {}) if k not in keys]
    order = list(catalogue.get(kind, {}))
    keys.sort(key=lambda k: order.index(k) if k in order else len(order))
    question_rows = []
    for key in keys:
        cells = [section.get("questions", {}).get(key) for section in built]
        measure = next(("yes_share" if "yes_share" in c else "mean") for c in cells if c)
        question_rows.append(_row(key, measure, [c.get(measure) if c else None for c in cells],
                                  [c.get("n") if c else None for c in cells]))
    summary_rows = [_row(name, name, [section.get(name) for section in built], [None] * len(built))
                    for name in SUMMARY_ROWS[kind]]
    return {"kind": kind, "years": year_list, "sources": [s.get("source") for s in built],
            "questions": question_rows, "summary": summary_rows,
            "hidden": [bool(s.get("suppressed")) for s in built]}


def rises(values: list) -> list[bool]:
    """Per value: greater than the one before, both known (False for the first): the one rule for "▲"."""
    return [False] + [
        prev is not None and cur is not None and cur > prev for prev, cur in zip(values, values[1:], strict=False)
    ]


def _row(key: str, measure: str, values: list, ns: list) -> dict:
    return {"key": key, "measure": measure, "values": values, "n": ns, "rose": rises(values)}
