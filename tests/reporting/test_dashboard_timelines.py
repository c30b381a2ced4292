"""The dashboard's "Tidplaner" page: the timelines planned against actual, on the page and in the exports."""
import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from reporting.selectors import Scope
from tests.factories import AssignmentFactory
from timeline.selectors import timeliness_report
from timeline.services import plan_lay, plan_step_cause_set
from timeline.steps import Cause

from .dashboard_helpers import query
from .helpers import sheet_codes, table_sheet

pytestmark = pytest.mark.django_db
PERIOD = {"year": 2025, "tertial": 2}  # January to August 2025


def _plans(consultant):
    """Two plans from 3 March 2025: one done as planned, one of `consultant` late from its decision (8 May)."""
    on_time = plan_lay(assignment=AssignmentFactory(), start_on=dt.date(2025, 3, 3))
    for step in on_time.steps.all():
        step.done_on = step.planned_on
        step.save(update_fields=["done_on"])
    late = plan_lay(assignment=AssignmentFactory(lead_consultant=consultant), start_on=dt.date(2025, 3, 3))
    for step in late.steps.filter(step__in=["start_meeting", "ad_published", "application_deadline"]):
        step.done_on = step.planned_on
        step.save(update_fields=["done_on"])
    plan_step_cause_set(plan_step=late.steps.get(step="decision"), cause=Cause.CUSTOMER)
    return on_time, late


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_the_manager_sees_decisions_lead_times_causes_and_late_assignments_per_consultant(client, manager,
                                                                                        consultant_user):
    on_time, late = _plans(consultant_user.consultant)
    client.force_login(manager)
    page = client.get(f"/rapporter/tidplaner/?{query(**PERIOD)}").content.decode()
    for name in ("tidplan_beslut", "tidplan_ledtider", "tidplan_orsaker", "tidplan_per_konsult"):
        assert f'id="tabell-{name}"' in page, name
    assert "<caption>Orsaker till förseningar per tertial" in page and 'scope="col"' in page
    assert "Kundens tillgänglighet" in page and "Karin Konsult" in page
    assert "Tidplaner" in page.split('id="tabell-')[0]  # in the sub-navigation

    causes = _csv(client.get(f"/rapporter/export/?{query(**PERIOD, format='csv', table='tidplan_orsaker')}"))
    header, rows = causes[0], {row[0]: row for row in causes[1:]}
    assert set(rows) == {"T1 2025", "T2 2025"}  # selection is late in April, the decision in May
    assert int(rows["T2 2025"][header.index("Kundens tillgänglighet")]) == 1  # the decision's cause
    report = timeliness_report(start=dt.date(2025, 1, 1), end=dt.date(2025, 8, 31), on=dt.date(2025, 8, 31))
    for tertial in report["causes_by_tertial"]:
        row = rows[f"T{tertial['tertial']} {tertial['year']}"]
        assert int(row[header.index("Totalt")]) == sum(tertial["late_by_cause"].values())
        assert int(row[header.index("Orsak ej angiven")]) == tertial["late_by_cause"]["none"]

    decisions = _csv(client.get(f"/rapporter/export/?{query(**PERIOD, format='csv', table='tidplan_beslut')}"))
    assert float(decisions[1][1].replace(",", ".")) == pytest.approx(50.0)  # one of two decisions in time

    per = {r[0]: r[1:] for r in _csv(client.get(
        f"/rapporter/export/?{query(**PERIOD, format='csv', table='tidplan_per_konsult')}"))}
    assert per["Karin Konsult"][:2] == ["1", "1"]
    assert per[on_time.assignment.lead_consultant.name][:2] == ["1", "0"]

    book = load_workbook(io.BytesIO(client.get(f"/rapporter/export/?{query(**PERIOD, format='xlsx')}").content))
    assert {"tidplan_beslut", "tidplan_ledtider", "tidplan_orsaker", "tidplan_per_konsult"} <= set(sheet_codes(book))
    sheet = table_sheet(book, "tidplan_ledtider")
    lead_times = [r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0] and r[1] is not None]
    assert [row[1:] for row in lead_times] == [(r["planned_days"], r["actual_days"], r["n"])
                                                for r in report["lead_times"]]


def test_a_consultant_sees_only_their_own_timelines_and_no_colleagues(client, consultant_user, other_consultant_user):
    _plans(consultant_user.consultant)
    plan_lay(assignment=AssignmentFactory(lead_consultant=other_consultant_user.consultant),
             start_on=dt.date(2025, 3, 3))
    client.force_login(consultant_user)
    response = client.get(f"/rapporter/tidplaner/?{query(**PERIOD)}")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="tabell-tidplan_orsaker"' in page and 'id="tabell-tidplan_per_konsult"' not in page
    assert client.get(f"/rapporter/export/?{query(**PERIOD, format='csv', table='tidplan_per_konsult')}"
                      ).status_code == 404
    decisions = _csv(client.get(f"/rapporter/export/?{query(**PERIOD, format='csv', table='tidplan_beslut')}"))
    mine = timeliness_report(start=dt.date(2025, 1, 1), end=dt.date(2025, 8, 31), on=dt.date(2025, 8, 31),
                             assignments=Scope(consultant=consultant_user.consultant).assignment_q("plan__assignment__"))
    assert int(decisions[1][2]) == mine["summary"]["decisions"] == 1
