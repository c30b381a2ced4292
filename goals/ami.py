"""AMI (aktivt medskapandeindex), the city's name for SKR's HME engagement index.

How it is computed (the HME model):
- every statement is answered on a scale 1-5, or "ingen åsikt" (no opinion);
- a statement's **mean** is the plain mean of the answers 1-5 of those with an opinion;
- a statement's **index** maps each answer 1→0, 2→25, 3→50, 4→75, 5→100 and takes the
  mean over those with an opinion, i.e. index = (mean - 1) × 25;
- an **area's** index (Motivation, Ledarskap, Styrning) is the mean of its statements' indices;
- the **total** AMI is the mean of the indices of all the index statements (nine in the city's
  survey: three per area), not the mean of the area indices (the same when every area has as
  many statements).
Statements in the area "Övrigt" (e.g. "Jag kan rekommendera min arbetsplats till andra") get a
mean and an index but are left out of the areas and the total. A statement nobody had an opinion
on has no mean or index and is left out of the means above.

The city's published total is stored beside the computed one (`EmployeeSurvey.official_total`)
and is the figure an AMI indicator is followed up with where it is given.
"""
from __future__ import annotations

from dataclasses import dataclass

INDEX_AREAS = ("Motivation", "Ledarskap", "Styrning")
_POINTS = (0, 25, 50, 75, 100)


@dataclass(frozen=True)
class StatementResult:
    key: str
    area: str
    statement: str
    n: int
    mean: float | None
    index: float | None


def statement_result(*, key: str, area: str, statement: str, counts) -> StatementResult:
    counts = [int(c) for c in counts]
    n = sum(counts)
    if n == 0:
        return StatementResult(key, area, statement, 0, None, None)
    mean = sum((i + 1) * c for i, c in enumerate(counts)) / n
    index = sum(p * c for p, c in zip(_POINTS, counts, strict=True)) / n
    return StatementResult(key, area, statement, n, mean, index)


def _mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def summarise(statements: list[StatementResult]) -> dict:
    """Areas and total from statement results: {"total", "areas": {AREA: index}, "questions": {...}}."""
    in_index = [s for s in statements if s.area in INDEX_AREAS]
    areas = {}
    for area in INDEX_AREAS:
        value = _mean([s.index for s in in_index if s.area == area])
        if value is not None:
            areas[area] = value
    return {
        "total": _mean([s.index for s in in_index]),
        "areas": areas,
        "questions": {s.key: {"mean": s.mean, "index": s.index, "n": s.n} for s in statements},
    }


def survey_results(survey) -> dict:
    """AMI of a stored EmployeeSurvey (statements prefetched or not)."""
    results = [
        statement_result(key=s.key, area=s.area, statement=s.statement, counts=s.counts)
        for s in survey.statements.all()
    ]
    summary = summarise(results)
    summary["official_total"] = float(survey.official_total) if survey.official_total is not None else None
    summary["statements"] = results
    return summary
