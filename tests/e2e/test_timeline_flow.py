"""The timeline end to end in Chromium: a consultant lays and adjusts the plan at the start meeting, a step
becomes late when the clock moves (the server's `today()`, moved with time_machine), the consultant gives
its cause, and the manager sees it in the late-steps view and on the dashboard's timelines page."""
import datetime as dt
import re

import pytest
import time_machine

from assignments.models import Consultant
from tests.factories import AssignmentFactory
from timeline.models import PlanChange, PlanStep

from .conftest import axe_violations, login
from .test_register_flow import field


def assert_no_violations(page):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]


@pytest.mark.django_db(transaction=True)
def test_a_step_late_after_the_clock_moves_gets_its_cause_and_the_manager_sees_it(page, live_server,
                                                                                  consultant_user, manager):
    karin = Consultant.objects.get(user=consultant_user)
    assignment = AssignmentFactory(lead_consultant=karin, role_title="Enhetschef hemtjänst",
                                   ordered_on=dt.date(2025, 3, 3))
    reference = assignment.reference
    with time_machine.travel(dt.datetime(2025, 3, 3, 9, 0), tick=True) as traveller:
        # Monday 3 March, the start meeting: the consultant lays the standard plan and moves one step
        login(page, live_server, "konsult")
        page.wait_for_url(f"{live_server.url}/uppdrag/mina/")
        page.goto(f"{live_server.url}/tidplan/uppdrag/{reference}/")
        field(page, "Lägg standardtidplanen från (beställnings- eller registreringsdatum)").fill("2025-03-03")
        page.get_by_role("button", name="Lägg tidplanen").click()
        page.get_by_text("Tidplanen är lagd.").wait_for()
        assert_no_violations(page)
        start = PlanStep.objects.get(plan__assignment=assignment, step="start_meeting")
        assert start.planned_on == dt.date(2025, 3, 10)
        move = page.get_by_role("region", name="Flytta ett moment")
        field(move, "Moment").select_option(label="Intervjuer")
        field(move, "Nytt planerat datum").fill("2025-04-17")
        field(move, "Anledning").fill("Chefens kalender styr intervjudagarna")
        move.get_by_role("button", name="Ändra datum").click()
        page.get_by_text("Datumet är ändrat.").wait_for()
        assert page.get_by_role("heading", name="Orsak till försening").count() == 0  # nothing late yet
        change = PlanChange.objects.get()
        assert (change.plan_step.step, change.new_date) == ("interviews", dt.date(2025, 4, 17))
        page.context.clear_cookies()  # logged out

        # the clock moves to Thursday 13 March: the start meeting (planned Monday 10) is three working days late
        traveller.move_to(dt.datetime(2025, 3, 13, 9, 0))
        login(page, live_server, "konsult")
        page.wait_for_url(f"{live_server.url}/uppdrag/mina/")
        page.goto(f"{live_server.url}/tidplan/uppdrag/{reference}/")
        page.get_by_role("heading", name="Orsak till försening").wait_for()
        assert_no_violations(page)
        cause = page.get_by_role("region", name="Orsak till försening")
        field(cause, "Försenat moment").select_option(label="Uppstartsmöte")
        cause.get_by_label("Kundens tillgänglighet").check()
        cause.get_by_role("button", name="Spara orsaken").click()
        page.get_by_text("Orsaken är sparad.").wait_for()
        start.refresh_from_db()
        assert start.cause == "customer_availability"
        page.context.clear_cookies()  # logged out

        # the manager sees the late step, its delay and its cause
        login(page, live_server, "chef")
        page.goto(f"{live_server.url}/tidplan/forsenade/")
        row = page.get_by_role("row").filter(has_text=reference).filter(has_text="Uppstartsmöte")
        row.wait_for()
        cells = row.get_by_role("cell").all_inner_texts()
        assert cells == ["Karin Konsult", "Uppstartsmöte", "2025-03-10", "3", "Kundens tillgänglighet"]
        assert re.search(r"Kundens tillgänglighet: 1", page.locator("#h-causes").locator("..").inner_text())
        assert_no_violations(page)

        # and on the dashboard's timelines page: the cause counted in its tertial, Karin's assignment late
        page.goto(f"{live_server.url}/rapporter/tidplaner/?year=2025&tertial=1")
        causes = page.get_by_role("table", name="Orsaker till förseningar per tertial")
        header = causes.get_by_role("columnheader").all_inner_texts()
        row = causes.get_by_role("row").filter(has=page.get_by_role("rowheader", name="T1 2025"))
        cells = dict(zip(header[1:], row.get_by_role("cell").all_inner_texts(), strict=True))
        assert (cells["Kundens tillgänglighet"], cells["Totalt"]) == ("1", "1")
        consultants = page.get_by_role("table", name="Försenade uppdrag per ansvarig konsult")
        karin_row = consultants.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Karin Konsult"))
        assert karin_row.get_by_role("cell").all_inner_texts()[:2] == ["1", "1"]
        assert_no_violations(page)
