"""Surveys that were never scheduled: a failing on-commit receiver loses nothing for good.

The periodic repair (run before every dispatch) schedules what a recently closed assignment or
its hires should have and do not, once; it leaves imported and old closings, done candidates
and invitations cancelled on purpose alone.
"""
import datetime as dt
import logging

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from assignments import services as register
from assignments.importing import assignments_import
from assignments.models import Assignment, EmailStatus, Hire, Status
from surveys import tasks
from surveys.models import Invitation, InvitationStatus, SurveyKind
from surveys.services import repair, scheduling
from tests.assignments.importing_helpers import csv_bytes, row
from tests.factories import AssignmentFactory, ConsultantFactory, HireFactory, package

from .helpers import close

S = InvitationStatus
pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)
    return run


@pytest.fixture
def scheduling_breaks(monkeypatch):
    """The schedule services raise inside the on-commit receivers."""
    def boom(**kwargs):
        raise RuntimeError("database went away")
    monkeypatch.setattr(scheduling, "invitations_schedule_for_closing", boom)
    monkeypatch.setattr(scheduling, "invitations_schedule_for_hire", boom)


def kinds(assignment):
    return sorted((i.kind, i.status, i.hire_id) for i in Invitation.objects.filter(assignment=assignment))


def hired_assignment():
    assignment = AssignmentFactory(status=Status.REFERENCES, package=package("STORA"))
    start = timezone.localdate() + dt.timedelta(days=30)
    return assignment, [HireFactory(assignment=assignment, start_date=start) for _ in range(2)]


def test_a_closing_whose_scheduling_failed_is_repaired_once(on_commit, monkeypatch, caplog):
    assignment, (h1, h2) = hired_assignment()
    with monkeypatch.context() as patch, caplog.at_level(logging.ERROR):
        patch.setattr(scheduling, "invitations_schedule_for_closing",
                      lambda **kw: (_ for _ in ()).throw(RuntimeError("database went away")))
        on_commit(close, assignment)  # the request that closes it does not fail
    assignment.refresh_from_db()
    assert assignment.status == Status.CLOSED_HIRED
    assert not Invitation.objects.filter(assignment=assignment).exists()
    assert any("periodic repair" in r.getMessage() for r in caplog.records)
    assert not any(h1.email in r.getMessage() or h1.name in r.getMessage() for r in caplog.records)

    result = repair.invitations_repair()
    assert result.created == 5
    assert kinds(assignment) == sorted([
        (SurveyKind.CANDIDATE, S.SCHEDULED, h1.pk), (SurveyKind.CANDIDATE, S.SCHEDULED, h2.pk),
        (SurveyKind.CUSTOMER, S.SCHEDULED, None),
        (SurveyKind.SIX_MONTH, S.SCHEDULED, h1.pk), (SurveyKind.SIX_MONTH, S.SCHEDULED, h2.pk),
    ])
    again = repair.invitations_repair()
    assert again.created == 0 and (again.assignments, again.hires) == (0, 0)
    assert Invitation.objects.filter(assignment=assignment).count() == 5


def test_a_hire_added_after_closing_whose_scheduling_failed_is_repaired(on_commit, scheduling_breaks):
    assignment, _hires = hired_assignment()
    on_commit(close, assignment)
    assert not Invitation.objects.exists()
    repair.invitations_repair()
    late = on_commit(register.hire_add, assignment=assignment, name="Sen Tillsättning", email="sen@example.se",
                     start_date=timezone.localdate())
    assert not Invitation.objects.filter(hire=late).exists()
    created = repair.invitations_repair().created
    assert created == 2
    assert sorted(Invitation.objects.filter(hire=late).values_list("kind", flat=True)) == [
        SurveyKind.CANDIDATE, SurveyKind.SIX_MONTH]
    assert repair.invitations_repair().created == 0


def test_the_dispatch_task_and_the_command_run_the_repair(on_commit, scheduling_breaks):
    first, _ = hired_assignment()
    second = AssignmentFactory(status=Status.REFERENCES)
    on_commit(close, first)
    on_commit(close, second, Status.CLOSED_NOT_HIRED)
    assert not Invitation.objects.exists()
    tasks.dispatch_due_now()
    assert Invitation.objects.filter(assignment=first).count() == 5
    call_command("send_due_surveys", "--repair-only")
    assert Invitation.objects.filter(assignment=second, kind=SurveyKind.CUSTOMER).count() == 1
    tasks.dispatch_due()
    assert Invitation.objects.count() == 6


def test_imported_closings_are_never_surveyed(scheduling_breaks):
    ConsultantFactory(email="konsult01@rekrytering.example.se")
    today = timezone.localdate().isoformat()
    report = assignments_import(file=csv_bytes([row(closed_on=today), row(reference="2024-0002",
                                                                           status="closed_not_hired",
                                                                           closed_on=today)]),
                                filename="fil.csv", create_consultants=True, dry_run=False)
    assert not report.errors
    HireFactory(assignment=Assignment.objects.get(reference="2024-0001"))
    assert repair.invitations_repair().created == 0
    assert not Invitation.objects.exists()


def test_old_closings_are_left_alone(on_commit, scheduling_breaks, settings):
    settings.SURVEY_REPAIR_DAYS = 14
    assignment, _ = hired_assignment()
    with time_machine.travel(timezone.now() - dt.timedelta(days=15)):
        on_commit(close, assignment)
    assert repair.invitations_repair().created == 0
    assert repair.invitations_repair(days=30).created == 5


def test_what_ended_on_purpose_is_not_made_again(on_commit):
    assignment, (h1, h2) = hired_assignment()
    on_commit(close, assignment)
    # the first candidate is done (answered or unsubscribed), the manager unsubscribed
    scheduling.hires_candidate_survey_done(Invitation.objects.filter(hire=h1, kind=SurveyKind.CANDIDATE))
    Invitation.objects.filter(hire=h1, kind=SurveyKind.CANDIDATE).update(status=S.CANCELLED, hire=None, email="")
    assignment.contact.email_status = EmailStatus.UNSUBSCRIBED
    assignment.contact.save()
    scheduling.invitations_end_for_contact(contact_id=assignment.contact_id)
    before = kinds(assignment)
    assert repair.invitations_repair().created == 0
    assert kinds(assignment) == before
    assert Hire.objects.get(pk=h1.pk).candidate_survey_done


def test_reopening_and_closing_again_with_a_failure_is_repaired(on_commit, monkeypatch):
    assignment, _ = hired_assignment()
    on_commit(close, assignment)
    on_commit(register.assignment_change_status, assignment=assignment, to_status=Status.REFERENCES)
    assert not Invitation.objects.filter(assignment=assignment).exclude(status=S.CANCELLED).exclude(
        kind=SurveyKind.SIX_MONTH).exists()
    with monkeypatch.context() as patch:
        patch.setattr(scheduling, "invitations_schedule_for_closing",
                      lambda **kw: (_ for _ in ()).throw(RuntimeError("boom")))
        on_commit(close, assignment)
    assert repair.invitations_repair().created == 3  # customer and two candidates; six-month ones stand
    assert repair.invitations_repair().created == 0


def test_the_scan_is_three_queries_however_many_closings(on_commit, django_assert_num_queries):
    for _ in range(3):
        assignment, _hires = hired_assignment()
        on_commit(close, assignment)
    with django_assert_num_queries(3):
        assert repair.invitations_repair().created == 0


def test_a_reopening_whose_cancelling_failed_is_repaired(on_commit, monkeypatch):
    assignment, _ = hired_assignment()
    on_commit(close, assignment)
    with monkeypatch.context() as patch:
        patch.setattr(scheduling, "invitations_cancel_for_reopen",
                      lambda **kw: (_ for _ in ()).throw(RuntimeError("boom")))
        on_commit(register.assignment_change_status, assignment=assignment, to_status=Status.REFERENCES)
    assert Invitation.objects.filter(assignment=assignment, status=S.SCHEDULED).count() == 5
    assert repair.invitations_repair().cancelled == 3
    # reopening leaves the six-month surveys (the hires stand), as the receiver does
    assert sorted(Invitation.objects.filter(assignment=assignment, status=S.SCHEDULED)
                  .values_list("kind", flat=True)) == [SurveyKind.SIX_MONTH, SurveyKind.SIX_MONTH]
    assert repair.invitations_repair().cancelled == 0


def test_a_cancelling_whose_cancelling_failed_is_repaired(on_commit, monkeypatch):
    assignment, _ = hired_assignment()
    on_commit(close, assignment)
    on_commit(register.assignment_change_status, assignment=assignment, to_status=Status.REFERENCES)
    with monkeypatch.context() as patch:
        patch.setattr(scheduling, "invitations_cancel_for_assignment",
                      lambda **kw: (_ for _ in ()).throw(RuntimeError("boom")))
        on_commit(register.assignment_change_status, assignment=assignment, to_status=Status.CANCELLED)
    assert Invitation.objects.filter(assignment=assignment, status=S.SCHEDULED).count() == 2
    assert repair.invitations_repair().cancelled == 2
    assert not Invitation.objects.filter(assignment=assignment, status=S.SCHEDULED).exists()
    assert repair.invitations_repair().cancelled == 0


def test_closed_without_hire_after_all_cancels_the_six_month_surveys_on_repair(on_commit, monkeypatch):
    assignment, _ = hired_assignment()
    on_commit(close, assignment)
    with monkeypatch.context() as patch:
        patch.setattr(scheduling, "invitations_cancel_six_month",
                      lambda **kw: (_ for _ in ()).throw(RuntimeError("boom")))
        on_commit(register.assignment_change_status, assignment=assignment, to_status=Status.CLOSED_NOT_HIRED,
                  require_hire=False)
    assert Invitation.objects.filter(kind=SurveyKind.SIX_MONTH, status=S.SCHEDULED).count() == 2
    repair.invitations_repair()
    assert not Invitation.objects.filter(kind=SurveyKind.SIX_MONTH, status=S.SCHEDULED).exists()
