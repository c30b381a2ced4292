"""Old assignments get a plan laid from the standard timeline at their order date, marked as derived."""
import datetime as dt

import pytest
from django.core.management import call_command

from assignments.importing import assignments_import
from assignments.models import Package
from tests.assignments.importing_helpers import csv_bytes, row
from tests.factories import AssignmentFactory
from timeline.models import Plan
from timeline.services import plan_lay, plans_derive

pytestmark = pytest.mark.django_db


def import_rows(*rows, dry_run=False):
    return assignments_import(file=csv_bytes(list(rows)), filename="register.csv", create_consultants=True,
                              dry_run=dry_run)


def test_the_import_lays_derived_plans_at_the_order_date():
    report = import_rows(row(reference="2024-0001", ordered_on="2024-03-04"),
                         row(reference="2024-0002", package="OVRIG", price_sek="870"))
    assert not report.errors
    plan = Plan.objects.get(assignment__reference="2024-0001")
    assert plan.derived and plan.start_on == dt.date(2024, 3, 4)
    assert plan.steps.count() == 9
    assert not Plan.objects.filter(assignment__reference="2024-0002").exists()  # hourly work: no timeline


def test_a_dry_run_keeps_no_plan_and_a_re_import_adds_none():
    import_rows(row(), dry_run=True)
    assert not Plan.objects.exists()
    import_rows(row())
    import_rows(row())
    assert Plan.objects.count() == 1


def test_a_plan_the_consultant_laid_is_left_alone():
    assignment = AssignmentFactory(ordered_on=dt.date(2025, 2, 3))
    plan_lay(assignment=assignment, start_on=dt.date(2025, 2, 10))
    old = AssignmentFactory(ordered_on=dt.date(2019, 5, 6), package=Package.objects.get(code="LILLA"))
    assert plans_derive() == 1
    assert not Plan.objects.get(assignment=assignment).derived
    assert Plan.objects.get(assignment=old).steps.count() == 6


def test_the_command_derives_plans(capsys):
    AssignmentFactory()
    call_command("derive_plans")
    assert "1 derived plans" in capsys.readouterr().out


PLANNED = {"planned_start_meeting": "2024-03-11", "planned_application_deadline": "2024-04-02",
           "planned_decision": "2024-05-20"}


def test_the_imports_planned_dates_pin_their_steps_and_the_steps_after_follow_them():
    from timeline.services import Standards, standard_dates
    from timeline.workdays import calendar_load

    report = import_rows(row(reference="2024-0001", ordered_on="2024-03-04", **PLANNED),
                         row(reference="2024-0002", ordered_on="2024-03-04"))
    assert not report.errors, report.error_lines
    with_dates = {s.step: s.planned_on for s in Plan.objects.get(assignment__reference="2024-0001").steps.all()}
    standard = {s.step: s.planned_on for s in Plan.objects.get(assignment__reference="2024-0002").steps.all()}
    D = dt.date
    assert (with_dates["start_meeting"], with_dates["application_deadline"], with_dates["decision"]) == (
        D(2024, 3, 11), D(2024, 4, 2), D(2024, 5, 20))
    assert with_dates != standard
    timeline = Standards().for_package(Package.objects.get(code="STORA").pk, 2024)
    days = {s.step: s.days for s in timeline.steps.all()}
    calendar = calendar_load()
    # the step after a pinned one is laid from it with the standard's working days
    assert with_dates["ad_published"] == calendar.add(D(2024, 3, 11), days["ad_published"])
    assert with_dates["selection"] == calendar.add(D(2024, 4, 2), days["selection"])
    assert with_dates["closed"] == calendar.add(D(2024, 5, 20), days["closed"])
    laid = standard_dates(standard=timeline, start_on=D(2024, 3, 4), calendar=calendar)
    assert standard == {step: day for step, _p, day in laid}
    assert Plan.objects.get(assignment__reference="2024-0001").derived


def test_a_later_import_with_planned_dates_moves_a_derived_plan_with_history_but_not_a_laid_one():
    from timeline.models import PlanChange

    import_rows(row(reference="2024-0001"), row(reference="2024-0002"))
    laid = Plan.objects.get(assignment__reference="2024-0002")
    laid.derived = False  # as if the consultant had laid it
    laid.save()
    before = {s.step: s.planned_on for s in laid.steps.all()}
    import_rows(row(reference="2024-0001", **PLANNED), row(reference="2024-0002", **PLANNED))
    moved = Plan.objects.get(assignment__reference="2024-0001").steps.get(step="decision")
    assert moved.planned_on == dt.date(2024, 5, 20)
    change = PlanChange.objects.get(plan_step=moved)
    assert change.reason == "Planerat datum från importen" and change.new_date == dt.date(2024, 5, 20)
    assert {s.step: s.planned_on for s in laid.steps.all()} == before
    count = PlanChange.objects.count()
    import_rows(row(reference="2024-0001", **PLANNED))  # the same file again changes nothing
    assert PlanChange.objects.count() == count


@pytest.mark.parametrize(("overrides", "column", "message"), [
    ({"planned_decision": "2024-02-30"}, "planned_decision", "ogiltigt datum '2024-02-30'"),
    ({"planned_start_meeting": "4/3 2024"}, "planned_start_meeting", "ogiltigt datum '4/3 2024'"),
    ({"planned_start_meeting": "2024-03-01"}, "planned_start_meeting", "ligger före beställningsdatum 2024-03-04"),
    ({"planned_application_deadline": "2024-04-02", "planned_decision": "2024-04-01"}, "planned_decision",
     "ligger före planned_application_deadline 2024-04-02"),
])
def test_a_bad_planned_date_rejects_the_whole_file_with_its_line(overrides, column, message):
    report = import_rows(row(reference="2024-0001"), row(reference="2024-0002", **overrides))
    assert [(e.line, e.column) for e in report.errors] == [(3, column)]
    assert message in report.error_lines[0]
    assert not Plan.objects.exists()
    from assignments.models import Assignment
    assert not Assignment.objects.exists()


def test_the_planned_columns_are_accepted_without_a_warning_and_listed_on_the_import_page(client, coordinator):
    from django.urls import reverse

    report = import_rows(row(**PLANNED), dry_run=True)
    assert report.ok and not [w for w in report.warnings if "okänd kolumn" in w]
    client.force_login(coordinator)
    page = client.get(reverse("assignments:import"))
    assert "planned_start_meeting, planned_application_deadline, planned_decision" in page.content.decode()
