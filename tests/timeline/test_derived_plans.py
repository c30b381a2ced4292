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
