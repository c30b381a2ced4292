"""`suggest_consultants REFERENCE --format json`: the operator contract's shape."""
import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from assignments.models import RoleLevel
from tests.factories import AssignmentFactory, ConsultantFactory

from .helpers import plan, profile

pytestmark = pytest.mark.django_db


def suggest(*args) -> list[dict]:
    out = StringIO()
    call_command("suggest_consultants", *args, stdout=out)
    return json.loads(out.getvalue())


def test_it_prints_the_ranked_proposal_as_json():
    qualified = ConsultantFactory(name="Anna", email="anna@rekrytering.example.se", manager_qualified=True)
    ConsultantFactory(name="Bo", email="bo@rekrytering.example.se")
    wished = ConsultantFactory(name="Cia", email="cia@rekrytering.example.se", manager_qualified=True)
    profile(wished, test_certified=True)          # Stora paketet includes tests
    a = AssignmentFactory(reference="2026-0007", role_level=RoleLevel.MANAGER, lead_consultant=qualified)
    plan(a, dt.date(2026, 5, 4), dt.date(2026, 5, 29))

    rows = suggest("2026-0007", "--format", "json", "--on", "2026-05-04", "--wished", wished.email)
    assert all(set(row) == {"consultant", "rank", "free_hours", "reasons", "excluded"} for row in rows)
    assert [row["rank"] for row in rows] == list(range(1, len(rows) + 1))
    assert rows[0]["consultant"] == "cia@rekrytering.example.se" and rows[0]["excluded"] is None
    assert "Kundens önskemål." in rows[0]["reasons"]
    assert isinstance(rows[0]["free_hours"], float) and rows[0]["free_hours"] > 0
    bo = next(row for row in rows if row["consultant"] == "bo@rekrytering.example.se")
    assert bo["excluded"] == "Inte kvalificerad för chefsrekryteringar." and bo == rows[-1]
    assert all(isinstance(r, str) for row in rows for r in row["reasons"])


def test_it_refuses_an_unknown_reference_or_wish():
    AssignmentFactory(reference="2026-0008")
    with pytest.raises(CommandError, match="No assignment"):
        suggest("2026-9999")
    with pytest.raises(CommandError, match="--wished"):
        suggest("2026-0008", "--wished", "nobody@example.se")
    with pytest.raises(CommandError, match="--on"):
        suggest("2026-0008", "--on", "4 maj")
