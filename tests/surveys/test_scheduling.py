"""When surveys go out: scheduling on close, skip rules, reopen, cancel, hires and start dates."""
import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from assignments import services as register
from assignments.models import EmailStatus, NoSurveyReason, Status
from surveys.models import Invitation, InvitationStatus, OutboxStatus, SurveyKind
from surveys.services import scheduling
from tests.factories import AssignmentFactory, ContactFactory, HireFactory, package

from .helpers import close, invitation_message

S = InvitationStatus
pytestmark = pytest.mark.django_db


def states(assignment):
    return sorted(
        (i.kind, i.status, i.hire_id) for i in Invitation.objects.filter(assignment=assignment)
    )


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run the register's on-commit signals as a real commit would."""
    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)
    return run


class TestClosing:
    def test_it_schedules_customer_candidates_and_six_month_when_closed_with_hire(self, on_commit):
        a = AssignmentFactory(status=Status.REFERENCES, package=package("STORA"))
        h1 = HireFactory(assignment=a, start_date=dt.date(2025, 6, 1))
        h2 = HireFactory(assignment=a, start_date=dt.date(2025, 8, 31))
        on_commit(close, a)
        assert states(a) == sorted([
            (SurveyKind.CANDIDATE, S.SCHEDULED, h1.pk), (SurveyKind.CANDIDATE, S.SCHEDULED, h2.pk),
            (SurveyKind.CUSTOMER, S.SCHEDULED, None),
            (SurveyKind.SIX_MONTH, S.SCHEDULED, h1.pk), (SurveyKind.SIX_MONTH, S.SCHEDULED, h2.pk),
        ])
        customer = Invitation.objects.get(assignment=a, kind=SurveyKind.CUSTOMER)
        assert customer.contact == a.contact
        candidate = Invitation.objects.get(assignment=a, kind=SurveyKind.CANDIDATE, hire=h1)
        assert candidate.email == h1.email and candidate.contact is None
        six = Invitation.objects.get(kind=SurveyKind.SIX_MONTH, hire=h2)
        assert timezone.localtime(six.due_at).date() == dt.date(2026, 2, 28)  # month end clamps
        assert six.contact == a.contact

    def test_it_schedules_only_the_customer_survey_when_closed_without_hire(self, on_commit):
        a = AssignmentFactory(status=Status.REFERENCES)
        on_commit(close, a, Status.CLOSED_NOT_HIRED)
        assert states(a) == [(SurveyKind.CUSTOMER, S.SCHEDULED, None)]

    def test_no_six_month_survey_without_the_full_process_with_tests(self, on_commit):
        a = AssignmentFactory(status=Status.REFERENCES, package=package("LILLA"))
        HireFactory(assignment=a)
        on_commit(close, a)
        assert {k for k, _s, _h in states(a)} == {SurveyKind.CUSTOMER, SurveyKind.CANDIDATE}

    def test_running_the_scheduling_twice_creates_nothing_twice(self, on_commit):
        a = AssignmentFactory(status=Status.REFERENCES)
        HireFactory(assignment=a)
        on_commit(close, a)
        before = states(a)
        assert scheduling.invitations_schedule_for_closing(assignment_id=a.pk) == []
        assert states(a) == before

    def test_a_hire_without_email_is_skipped_with_its_reason(self, on_commit):
        a = AssignmentFactory(status=Status.REFERENCES, package=package("LILLA"))
        hire = HireFactory(assignment=a, email="")
        on_commit(close, a)
        inv = Invitation.objects.get(kind=SurveyKind.CANDIDATE)
        assert inv.status == S.SKIPPED and inv.skip_reason == "Tillsättningen saknar e-postadress."
        # the address added later un-skips it
        on_commit(register.hire_update, hire=hire, name=hire.name, email="ny@example.se", start_date=None)
        inv.refresh_from_db()
        assert (inv.status, inv.email) == (S.SCHEDULED, "ny@example.se")


class TestSkipRules:
    def test_an_assignment_marked_no_survey_gets_a_skipped_customer_invitation(self, on_commit):
        a = AssignmentFactory(status=Status.REFERENCES, surveys_enabled=False,
                              no_survey_reason=NoSurveyReason.AAR)
        on_commit(close, a, Status.CLOSED_NOT_HIRED)
        inv = Invitation.objects.get(assignment=a)
        assert inv.status == S.SKIPPED
        assert "After Action Review" in inv.skip_reason

    def test_omtag_gets_no_customer_survey(self, on_commit):
        a = AssignmentFactory(status=Status.REFERENCES, package=package("OMTAG"))
        HireFactory(assignment=a)
        on_commit(close, a)
        customer = Invitation.objects.get(assignment=a, kind=SurveyKind.CUSTOMER)
        assert customer.status == S.SKIPPED and "Omtag" in customer.skip_reason
        # the hired candidate is still asked
        assert Invitation.objects.get(assignment=a, kind=SurveyKind.CANDIDATE).status == S.SCHEDULED

    def test_a_recently_surveyed_hiring_manager_is_skipped(self, on_commit, settings):
        settings.SURVEY_MANAGER_QUIET_DAYS = 30
        contact = ContactFactory()
        first = AssignmentFactory(status=Status.REFERENCES, contact=contact, organisation=contact.organisation)
        on_commit(close, first, Status.CLOSED_NOT_HIRED)
        Invitation.objects.filter(assignment=first).update(
            status=S.SENT, sent_at=timezone.now() - dt.timedelta(days=29))
        second = AssignmentFactory(status=Status.REFERENCES, contact=contact, organisation=contact.organisation)
        on_commit(close, second, Status.CLOSED_NOT_HIRED)
        inv = Invitation.objects.get(assignment=second)
        assert inv.status == S.SKIPPED and "senaste 30 dagarna" in inv.skip_reason

    def test_a_manager_surveyed_longer_ago_than_the_quiet_period_gets_a_new_survey(self, on_commit):
        contact = ContactFactory()
        first = AssignmentFactory(status=Status.REFERENCES, contact=contact, organisation=contact.organisation)
        on_commit(close, first, Status.CLOSED_NOT_HIRED)
        Invitation.objects.filter(assignment=first).update(
            status=S.ANSWERED, sent_at=timezone.now() - dt.timedelta(days=31))
        second = AssignmentFactory(status=Status.REFERENCES, contact=contact, organisation=contact.organisation)
        on_commit(close, second, Status.CLOSED_NOT_HIRED)
        assert Invitation.objects.get(assignment=second).status == S.SCHEDULED

    def test_two_assignments_closing_the_same_day_survey_the_manager_once(self, on_commit):
        contact = ContactFactory()
        a, b = (AssignmentFactory(status=Status.REFERENCES, contact=contact, organisation=contact.organisation)
                for _ in range(2))
        on_commit(close, a, Status.CLOSED_NOT_HIRED)
        on_commit(close, b, Status.CLOSED_NOT_HIRED)
        assert Invitation.objects.get(assignment=a).status == S.SCHEDULED
        assert Invitation.objects.get(assignment=b).status == S.SKIPPED

    @pytest.mark.parametrize(("email", "status", "reason"), [
        ("chef@example.se", EmailStatus.UNSUBSCRIBED, "avregistrerat"),
        ("chef@example.se", EmailStatus.BOUNCED, "studsar"),
        ("", EmailStatus.OK, "saknar e-postadress"),
    ])
    def test_a_contact_that_cannot_be_mailed_is_skipped(self, on_commit, email, status, reason):
        contact = ContactFactory(email=email, email_status=status)
        a = AssignmentFactory(status=Status.REFERENCES, contact=contact, organisation=contact.organisation)
        on_commit(close, a, Status.CLOSED_NOT_HIRED)
        inv = Invitation.objects.get(assignment=a)
        assert inv.status == S.SKIPPED and reason in inv.skip_reason


class TestReopenAndCancel:
    def test_reopening_cancels_what_is_not_sent_and_closing_again_schedules_anew(self, on_commit):
        a = AssignmentFactory(status=Status.REFERENCES, package=package("LILLA"))
        hire = HireFactory(assignment=a)
        on_commit(close, a)
        on_commit(register.assignment_change_status, assignment=a, to_status=Status.REFERENCES)
        assert states(a) == sorted([(SurveyKind.CANDIDATE, S.CANCELLED, None),
                                    (SurveyKind.CUSTOMER, S.CANCELLED, None)])
        cancelled = Invitation.objects.get(kind=SurveyKind.CANDIDATE)
        assert cancelled.email == "" and cancelled.hire is None  # the candidate's address is erased
        on_commit(close, a)
        live = Invitation.objects.filter(assignment=a).exclude(status=S.CANCELLED)
        assert sorted((i.kind, i.status, i.hire_id) for i in live) == sorted([
            (SurveyKind.CANDIDATE, S.SCHEDULED, hire.pk), (SurveyKind.CUSTOMER, S.SCHEDULED, None)])

    def test_reopening_keeps_what_was_already_sent(self, on_commit):
        a = AssignmentFactory(status=Status.REFERENCES)
        on_commit(close, a, Status.CLOSED_NOT_HIRED)
        Invitation.objects.update(status=S.SENT, sent_at=timezone.now())
        on_commit(register.assignment_change_status, assignment=a, to_status=Status.REFERENCES)
        on_commit(close, a, Status.CLOSED_NOT_HIRED)
        assert states(a) == [(SurveyKind.CUSTOMER, S.SENT, None)]

    def test_cancelling_the_assignment_cancels_everything_pending_including_six_month(self, on_commit):
        a = AssignmentFactory(status=Status.REFERENCES, package=package("STORA"))
        hire = HireFactory(assignment=a)
        on_commit(close, a)
        Invitation.objects.filter(kind=SurveyKind.CUSTOMER).update(status=S.SENT, sent_at=timezone.now())
        on_commit(register.assignment_change_status, assignment=a, to_status=Status.REFERENCES)
        on_commit(register.assignment_change_status, assignment=a, to_status=Status.CANCELLED)
        assert states(a) == sorted([(SurveyKind.CANDIDATE, S.CANCELLED, None),
                                    (SurveyKind.CUSTOMER, S.SENT, None),
                                    (SurveyKind.SIX_MONTH, S.CANCELLED, hire.pk)])

    def test_closed_with_hire_changed_to_without_hire_drops_hire_surveys(self, on_commit):
        a = AssignmentFactory(status=Status.REFERENCES, package=package("STORA"))
        HireFactory(assignment=a)
        on_commit(close, a)
        on_commit(register.assignment_change_status, assignment=a, to_status=Status.CLOSED_NOT_HIRED)
        live = Invitation.objects.filter(assignment=a).exclude(status=S.CANCELLED)
        assert [(i.kind, i.status) for i in live] == [(SurveyKind.CUSTOMER, S.SCHEDULED)]


class TestHiresAndStartDates:
    def test_moving_the_start_date_moves_the_six_month_survey(self, on_commit):
        a = AssignmentFactory(status=Status.REFERENCES, package=package("CHEF"))
        hire = HireFactory(assignment=a, start_date=dt.date(2025, 6, 1))
        on_commit(close, a)
        on_commit(register.hire_update, hire=hire, name=hire.name, email=hire.email,
                  start_date=dt.date(2025, 9, 15))
        six = Invitation.objects.get(kind=SurveyKind.SIX_MONTH)
        assert timezone.localtime(six.due_at).date() == dt.date(2026, 3, 15)
        assert Invitation.objects.filter(kind=SurveyKind.SIX_MONTH).count() == 1

    def test_a_sent_six_month_survey_does_not_move(self, on_commit):
        a = AssignmentFactory(status=Status.REFERENCES)
        hire = HireFactory(assignment=a, start_date=dt.date(2025, 6, 1))
        on_commit(close, a)
        Invitation.objects.filter(kind=SurveyKind.SIX_MONTH).update(status=S.SENT, sent_at=timezone.now())
        on_commit(register.hire_update, hire=hire, name=hire.name, email=hire.email,
                  start_date=dt.date(2025, 9, 15))
        six = Invitation.objects.get(kind=SurveyKind.SIX_MONTH)
        assert timezone.localtime(six.due_at).date() == dt.date(2025, 12, 1)

    def test_the_delay_is_configurable(self, on_commit, settings):
        settings.SURVEY_SIX_MONTH_DELAY_MONTHS = 8
        a = AssignmentFactory(status=Status.REFERENCES)
        HireFactory(assignment=a, start_date=dt.date(2025, 6, 1))
        on_commit(close, a)
        six = Invitation.objects.get(kind=SurveyKind.SIX_MONTH)
        assert timezone.localtime(six.due_at).date() == dt.date(2026, 2, 1)

    def test_removing_the_hire_cancels_its_surveys(self, on_commit):
        a = AssignmentFactory(status=Status.REFERENCES)
        keep = HireFactory(assignment=a)
        gone = HireFactory(assignment=a)
        on_commit(close, a)
        on_commit(register.hire_remove, hire=gone)
        assert states(a) == sorted([
            (SurveyKind.CANDIDATE, S.CANCELLED, None), (SurveyKind.CANDIDATE, S.SCHEDULED, keep.pk),
            (SurveyKind.CUSTOMER, S.SCHEDULED, None),
            (SurveyKind.SIX_MONTH, S.CANCELLED, None), (SurveyKind.SIX_MONTH, S.SCHEDULED, keep.pk),
        ])

    def test_a_hire_added_after_closing_gets_its_surveys(self, on_commit):
        a = AssignmentFactory(status=Status.REFERENCES)
        HireFactory(assignment=a)
        on_commit(close, a)
        late = on_commit(register.hire_add, assignment=a, name="Sen", email="sen@example.se",
                         start_date=dt.date(2025, 7, 1))
        kinds = set(Invitation.objects.filter(hire=late).values_list("kind", "status"))
        assert kinds == {(SurveyKind.CANDIDATE, S.SCHEDULED), (SurveyKind.SIX_MONTH, S.SCHEDULED)}

    def test_a_hire_on_an_open_assignment_schedules_nothing(self, on_commit):
        a = AssignmentFactory(status=Status.INTERVIEWS)
        on_commit(register.hire_add, assignment=a, name="Tidig", email="tidig@example.se")
        assert not Invitation.objects.exists()

    def test_six_month_without_start_date_waits_for_one(self, on_commit):
        a = AssignmentFactory(status=Status.REFERENCES)
        hire = HireFactory(assignment=a, start_date=None)
        on_commit(close, a)
        six = Invitation.objects.get(kind=SurveyKind.SIX_MONTH)
        assert six.status == S.SKIPPED and "startdatum" in six.skip_reason
        on_commit(register.hire_update, hire=hire, name=hire.name, email=hire.email, start_date=dt.date(2025, 5, 5))
        six.refresh_from_db()
        assert six.status == S.SCHEDULED
        assert timezone.localtime(six.due_at).date() == dt.date(2025, 11, 5)


class TestByHand:
    def test_a_coordinator_holds_and_releases_a_scheduled_invitation(self, on_commit):
        a = AssignmentFactory(status=Status.REFERENCES)
        on_commit(close, a, Status.CLOSED_NOT_HIRED)
        inv = Invitation.objects.get()
        assert scheduling.invitation_hold(invitation=inv).status == S.HELD
        with pytest.raises(scheduling.InvitationStateError):
            scheduling.invitation_hold(invitation=inv)
        assert scheduling.invitation_release(invitation=inv).status == S.SCHEDULED

    def test_only_a_failed_invitation_can_be_resent(self, on_commit):
        a = AssignmentFactory(status=Status.REFERENCES)
        on_commit(close, a, Status.CLOSED_NOT_HIRED)
        inv = Invitation.objects.get()
        with pytest.raises(scheduling.InvitationStateError):
            scheduling.invitation_resend(invitation=inv)
        Invitation.objects.update(status=S.FAILED)
        invitation_message(inv, status=OutboxStatus.FAILED, attempts=5, last_error="550")
        with time_machine.travel(timezone.now() + dt.timedelta(days=2)):
            inv = scheduling.invitation_resend(invitation=inv)
        assert (inv.status, inv.attempts, inv.last_error) == (S.SCHEDULED, 0, "")


def test_add_months_clamps_to_the_month_end():
    assert scheduling.add_months(dt.date(2025, 8, 31), 6) == dt.date(2026, 2, 28)
    assert scheduling.add_months(dt.date(2025, 11, 30), 3) == dt.date(2026, 2, 28)
    assert scheduling.add_months(dt.date(2024, 8, 29), 6) == dt.date(2025, 2, 28)
