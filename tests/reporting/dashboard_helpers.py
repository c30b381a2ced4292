"""Builders shared by the dashboard, export and PDF tests."""
from __future__ import annotations

import datetime as dt

from tests.factories import AssignmentFactory

from .helpers import respond

DAY = dt.date(2025, 3, 10)


def customer_answers(consultant, count: int, *, nps: int = 10, overall: int = 9, on: dt.date = DAY):
    for _ in range(count):
        a = AssignmentFactory(lead_consultant=consultant, status="closed_hired", closed_on=on)
        respond("customer", on, {"planning": 9, "overall_satisfaction": overall, "nps": nps}, assignment=a)


def candidate_answers(consultant, count: int, *, on: dt.date = DAY, comment: str = ""):
    a = AssignmentFactory(lead_consultant=consultant, status="closed_hired", closed_on=on)
    for _ in range(count):
        respond("candidate", on, {"ad_clear": "ja", "overall": 9}, assignment=a, comment=comment)


def query(**params) -> str:
    base = {"year": 2025, "tertial": 1}
    base.update(params)
    return "&".join(f"{k}={v}" for k, v in base.items())
