"""The pack's figures: the department's kpi measures scoped to the organisation (a parent with its companies),
the department's beside them, the register breakdown, lead times and the invoiced amount, all worked out by
hand from the `world` fixture."""
from __future__ import annotations

import datetime as dt

import pytest

from customerpack.selectors import pack_build, period_for
from reporting.periods import Period
from reporting.selectors import Scope, kpi_report_for
from reporting.selectors.scope import organisation_family, scope_for_organisation
from tests.factories import AssignmentFactory, OrganisationFactory
from timeline.services import plan_lay
from timeline.steps import Step
from timeline.workdays import calendar_load

from .conftest import candidates

YEAR = Period.for_report(2025)


def _pack(organisation, period=YEAR):
    return pack_build(organisation=organisation, period=period, today=dt.date(2025, 12, 31))


def test_an_organisation_scope_is_the_organisation_with_its_companies_and_theirs(world):
    grandchild = OrganisationFactory(name="Dotterdotter AB", parent=world.company)
    assert organisation_family(world.parent) == (world.parent.pk, world.company.pk, grandchild.pk)
    assert organisation_family(world.company) == (world.company.pk, grandchild.pk)
    assert organisation_family(world.other) == (world.other.pk,)


def test_the_parents_customer_figures_count_its_companys_answers_and_no_one_elses(world):
    report = kpi_report_for(scope_for_organisation(world.parent), YEAR)
    # NPS answers 10, 9 (parent) and 5 (company): 2 promoters, 1 detractor of 3
    assert report.customer.responses == 3
    assert report.customer.nps == pytest.approx(100 * (2 - 1) / 3)
    company = kpi_report_for(scope_for_organisation(world.company), YEAR)
    assert (company.customer.responses, company.customer.nps) == (1, -100.0)
    assert report.assignments.ordered == 2 and report.assignments.closed == 1


def test_the_pack_json_is_the_kpi_json_scoped_to_the_organisation_and_the_department_beside_it(world):
    got = _pack(world.parent).to_json()
    scoped = kpi_report_for(scope_for_organisation(world.parent), YEAR).to_json()
    department = kpi_report_for(Scope(), YEAR).to_json()
    for section in ("period", "customer", "candidate", "six_month", "training", "assignments"):
        assert got[section] == scoped[section], section
        assert got["department"][section] == department[section], section
    assert got["customer"]["responses"] == 3
    # the department: 10, 9, 5, 10: 3 promoters, 1 detractor of 4
    assert got["department"]["customer"]["responses"] == 4
    assert got["department"]["customer"]["nps"] == pytest.approx(50.0)
    assert got["organisation"] == {"id": world.parent.pk, "name": "Stadshus AB", "companies": ["Bostadsbolaget AB"]}


def test_the_pack_counts_assignments_hires_by_package_sector_and_level(world):
    got = _pack(world.parent).to_json()["breakdown"]
    assert got["total"] == {"ordered": 2, "closed": 1, "hired": 1, "hires": 2}
    assert got["sector"] == {"skola": {"ordered": 1, "closed": 1, "hired": 1, "hires": 2},
                             "ovrigt": {"ordered": 1, "closed": 0, "hired": 0, "hires": 0}}
    assert got["level"] == {"medarbetare": {"ordered": 1, "closed": 1, "hired": 1, "hires": 2},
                            "chef": {"ordered": 1, "closed": 0, "hired": 0, "hires": 0}}
    assert got["package"] == {"STORA": {"ordered": 2, "closed": 1, "hired": 1, "hires": 2}}
    department = _pack(world.parent).to_json()["department"]["breakdown"]["total"]
    assert department == {"ordered": 3, "closed": 2, "hired": 1, "hires": 2}


def test_the_invoiced_amount_is_what_the_periods_invoice_bases_hold_to_the_ore(world):
    got = _pack(world.parent).to_json()
    # April 2025: 45 000,50 (parent) and 30 000 (other); the January 2026 basis is outside 2025
    assert got["invoiced"] == {"amount_sek": "45000.50", "lines": 1}
    assert got["department"]["invoiced"] == {"amount_sek": "75000.50", "lines": 2}
    assert _pack(world.other).to_json()["invoiced"] == {"amount_sek": "30000.00", "lines": 1}


def test_lead_times_are_the_median_days_from_order_to_closing(world):
    got = _pack(world.parent).to_json()
    assert got["leadtimes"]["closing_days"] == 47 and got["leadtimes"]["closing_n"] == 1
    assert got["department"]["leadtimes"]["closing_days"] == pytest.approx((47 + 10) / 2)
    assert got["leadtimes"]["timeline"]["decisions"] == 0  # no plans: nothing judged


def test_a_tertial_pack_covers_the_year_to_the_tertials_end(world):
    got = _pack(world.parent, period_for(year=2025, tertial=1)).to_json()
    # T1 is January-April: both assignments ordered, the May answers not yet in
    assert got["period"] == {"year": 2025, "tertial": 1, "start": "2025-01-01", "end": "2025-04-30"}
    assert got["breakdown"]["total"]["ordered"] == 2
    assert got["customer"]["responses"] == 0


def test_fewer_than_five_candidate_answers_of_the_organisation_are_not_shown(world):
    candidates(AssignmentFactory(organisation=world.parent), 4)
    candidates(AssignmentFactory(organisation=world.other), 10)
    got = _pack(world.parent).to_json()
    assert got["candidate"]["responses"] is None and got["candidate"]["questions"] == {}
    assert got["candidate"]["satisfied_share"] is None
    assert got["department"]["candidate"]["responses"] == 14


def test_the_organisations_candidate_figures_are_withheld_when_the_rest_of_the_department_is_too_few(world):
    candidates(AssignmentFactory(organisation=world.parent), 6)
    candidates(AssignmentFactory(organisation=world.other), 2)
    # on its own the organisation's six answers may be shown ...
    assert kpi_report_for(scope_for_organisation(world.parent), YEAR).candidate.responses == 6
    got = _pack(world.parent).to_json()
    # ... but beside the department's eight, the other two would be the difference
    assert got["department"]["candidate"]["responses"] == 8
    assert got["candidate"]["responses"] is None and got["candidate"]["questions"] == {}


def test_a_candidate_question_is_withheld_when_the_departments_other_answers_to_it_are_too_few(world):
    candidates(AssignmentFactory(organisation=world.parent), 6, test_info=5)
    candidates(AssignmentFactory(organisation=world.other), 6, test_info=2)
    got = _pack(world.parent).to_json()
    assert got["candidate"]["responses"] == 6
    assert got["candidate"]["questions"]["overall"] == {"mean": 9.0, "n": 6}
    assert "test_info" not in got["candidate"]["questions"]  # 7 in the department, 2 of them elsewhere
    assert got["department"]["candidate"]["questions"]["test_info"]["n"] == 7


def _plan_on_time(assignment, *, decision_done_on=None):
    """A plan laid by the timeline service from Monday 3 March 2025 (decision 8 May, closed 15 May), every step
    ticked on its planned date, but the decision on `decision_done_on` when given."""
    plan = plan_lay(assignment=assignment, start_on=dt.date(2025, 3, 3))
    for step in plan.steps.all():
        step.done_on = decision_done_on if decision_done_on and step.step == Step.DECISION else step.planned_on
        step.save(update_fields=["done_on"])
    return plan


def test_lead_times_against_the_timeline_are_planned_against_actual_with_the_on_time_share(world):
    mine = AssignmentFactory(organisation=world.company, ordered_on=dt.date(2025, 2, 20))
    theirs = AssignmentFactory(organisation=world.other, ordered_on=dt.date(2025, 2, 20))
    plan = _plan_on_time(mine, decision_done_on=dt.date(2025, 5, 12))  # Monday after Thursday 8/5: 2 days late
    _plan_on_time(theirs)
    decision = plan.steps.get(step=Step.DECISION)
    calendar = calendar_load()
    planned_days = calendar.between(dt.date(2025, 3, 3), decision.planned_on)
    late_days = calendar.between(dt.date(2025, 3, 3), dt.date(2025, 5, 12))
    assert decision.planned_on == dt.date(2025, 5, 8) and late_days == planned_days + 2

    got = _pack(world.parent).to_json()["leadtimes"]["timeline"]
    assert (got["decisions"], got["decisions_met"]) == (1, 0)
    assert got["planned_on_time_share"] == 0.0  # the share of decisions made by their planned day
    assert got["median_days_late"] == 2.0
    assert got["late_by_cause"]["none"] == 1 and sum(got["late_by_cause"].values()) == 1
    row = next(r for r in got["steps"] if r["step"] == Step.DECISION)
    assert (row["package"], row["planned_days"], row["actual_days"], row["n"]) == (
        mine.package.code, float(planned_days), float(late_days), 1)

    department = _pack(world.parent).to_json()["department"]["leadtimes"]["timeline"]
    assert (department["decisions"], department["decisions_met"]) == (2, 1)
    assert department["planned_on_time_share"] == 0.5
    assert department["late_by_cause"]["none"] == 1 and department["median_days_late"] == 2.0
    row = next(r for r in department["steps"] if r["step"] == Step.DECISION)
    assert (row["planned_days"], row["actual_days"], row["n"]) == (
        float(planned_days), (planned_days + late_days) / 2, 2)
    # the other customer's own pack: everything on time
    other = _pack(world.other).to_json()["leadtimes"]["timeline"]
    assert (other["decisions"], other["decisions_met"], other["planned_on_time_share"]) == (1, 1, 1.0)
