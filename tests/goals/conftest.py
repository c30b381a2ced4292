"""Helpers for the goals tests: a fake reporting.selectors.kpi_report and survey answers."""
import datetime as dt
import sys
import types

import pytest

from tests.factories import ResponseFactory, SurveyVersionFactory


def kpi_json(**overrides) -> dict:
    """A kpi JSON of the shape reporting.selectors.kpi_report returns."""
    report = {
        "period": {"year": 2025, "tertial": None, "start": "2025-01-01", "end": "2025-12-31"},
        "customer": {"responses": 0, "invited": 0, "response_rate": None, "nps": None, "nps_margin": None,
                     "promoters": 0, "passives": 0, "detractors": 0, "overall_satisfaction": None,
                     "satisfied_share": None, "total_mean": None, "questions": {}},
        "candidate": {"responses": 0, "invited": 0, "response_rate": None, "satisfied_share": None, "questions": {}},
        "six_month": {"responses": 0, "invited": 0, "response_rate": None, "match_mean": None,
                      "use_again_share": None},
        "training": {"responses": 0, "mean": None},
        "assignments": {"ordered": 0, "closed": 0, "by_package": {}, "revenue_sek": None, "revenue_per_fte": None,
                        "personal_letter_share": None, "screening_count": 0, "new_customers": 0},
        "ami": None, "indicators": [],
    }
    for path, value in overrides.items():
        node = report
        parts = path.split("__")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return report


@pytest.fixture
def fake_kpi(monkeypatch):
    """Install a reporting.selectors module whose kpi_report returns reports[tertial] and records calls."""
    state = {"reports": {}, "calls": []}

    def kpi_report(*, year, tertial=None, consultant=None, unit=None, filters=None):
        state["calls"].append({"year": year, "tertial": tertial, "consultant": consultant, "unit": unit})
        return state["reports"].get(tertial)

    module = types.ModuleType("reporting.selectors")
    module.kpi_report = kpi_report
    monkeypatch.setitem(sys.modules, "reporting.selectors", module)
    import reporting

    monkeypatch.setattr(reporting, "selectors", module, raising=False)
    return state


def answer(kind, day, assignment=None, consultant=None, **values):
    """A response stored as the answer pages store it (a candidate one without its assignment)."""
    version = SurveyVersionFactory(kind=kind, year=2020, title=kind)
    return ResponseFactory(kind=kind, version=version, submitted_on=day, assignment=assignment,
                           consultant=consultant or (assignment.lead_consultant if assignment else None),
                           answers=values)


D = dt.date
