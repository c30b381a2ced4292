"""One-step status changes, closing with a hire in the same step, and "Mina uppdrag"."""
import datetime as dt

import pytest
from django.urls import reverse

from assignments import services
from assignments.models import Status
from assignments.services import assignment_status_changed, hire_changed
from tests.factories import AssignmentFactory, HireFactory, package

TODAY = dt.date(2025, 6, 10)


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(dt.datetime(2025, 6, 10, 12, 0))


@pytest.fixture
def mine(consultant_user):
    return AssignmentFactory(reference="2025-0100", lead_consultant=consultant_user.consultant,
                             ordered_on=dt.date(2025, 3, 1))


def post_status(client, a, **data):
    return client.post(reverse("assignments:status", args=[a.reference]), data, follow=True)


@pytest.mark.django_db
class TestStatusChange:
    def test_it_moves_to_an_allowed_status_with_the_given_date(self, client, consultant_user, mine):
        client.force_login(consultant_user)
        response = post_status(client, mine, to_status="start_meeting", on="2025-06-02")
        mine.refresh_from_db()
        assert (mine.status, mine.status_changed_on) == (Status.START_MEETING, dt.date(2025, 6, 2))
        change = mine.status_changes.get()
        assert change.changed_by == consultant_user
        assert "2025-0100 har status Uppstartsmöte." in response.content.decode()

    def test_the_form_offers_only_the_allowed_moves_and_today(self, client, consultant_user, mine):
        mine.status = Status.INTERVIEWS
        mine.save()
        client.force_login(consultant_user)
        form = client.get(reverse("assignments:detail", args=[mine.reference])).context["status_form"]
        offered = [value for value, _label in form.fields["to_status"].choices]
        assert offered == mine.allowed_next_statuses()
        assert Status.AD_PUBLISHED not in offered and Status.SELECTION in offered
        assert form["on"].value() == TODAY
        assert form["to_status"].value() == Status.TESTS  # the usual next step, not the step back

    def test_a_move_not_allowed_is_refused_with_a_swedish_message(self, client, consultant_user, mine):
        mine.status = Status.CANCELLED
        mine.save()
        client.force_login(consultant_user)
        response = post_status(client, mine, to_status="interviews", on="2025-06-02")
        assert "Välj ett giltigt alternativ" in response.content.decode()
        mine.refresh_from_db()
        assert mine.status == Status.CANCELLED
        assert not mine.status_changes.exists()

    def test_the_service_has_the_last_word_when_the_form_offered_a_stale_move(
        self, client, consultant_user, mine, monkeypatch
    ):
        # A form built before someone else cancelled the assignment still offers the old moves.
        from assignments.models import Assignment

        monkeypatch.setattr(Assignment, "allowed_next_statuses", lambda self: list(Status.values))
        services.assignment_change_status(assignment=mine, to_status=Status.CANCELLED)
        client.force_login(consultant_user)
        response = post_status(client, mine, to_status="interviews", on="2025-06-02")
        assert "Uppdraget kan inte gå från Avbrutet till Intervjuer." in response.content.decode()
        mine.refresh_from_db()
        assert mine.status == Status.CANCELLED
        assert mine.status_changes.count() == 1

    def test_closing_with_hire_without_a_name_is_refused(self, client, consultant_user, mine):
        client.force_login(consultant_user)
        response = post_status(client, mine, to_status="closed_hired", on="2025-06-02", hire_name="")
        assert "Ange namnet på den som tillsattes" in response.content.decode()
        mine.refresh_from_db()
        assert mine.status == Status.REGISTERED

    def test_future_dates_and_dates_before_the_order_are_refused(self, client, consultant_user, mine):
        client.force_login(consultant_user)
        response = post_status(client, mine, to_status="start_meeting", on="2025-06-11")
        assert "Datumet kan inte ligga i framtiden." in response.content.decode()
        response = post_status(client, mine, to_status="start_meeting", on="2025-02-28")
        assert "Datumet kan inte vara före beställningsdatumet." in response.content.decode()
        mine.refresh_from_db()
        assert mine.status == Status.REGISTERED

    def test_closing_with_hire_adds_the_hire_and_closes_in_one_step(
        self, client, consultant_user, mine, django_capture_on_commit_callbacks
    ):
        mine.status = Status.REFERENCES
        mine.save()
        seen = []

        def on_status(**kw):
            seen.append(("status", kw["to_status"]))

        def on_hire(**kw):
            seen.append(("hire", kw["removed"]))

        assignment_status_changed.connect(on_status)
        hire_changed.connect(on_hire)
        try:
            client.force_login(consultant_user)
            with django_capture_on_commit_callbacks(execute=True):
                post_status(client, mine, to_status="closed_hired", on="2025-06-09", hire_name="Sara Svensson",
                            hire_email="sara@example.se", hire_start_date="2025-08-18")
        finally:
            assignment_status_changed.disconnect(on_status)
            hire_changed.disconnect(on_hire)
        mine.refresh_from_db()
        assert (mine.status, mine.closed_on) == (Status.CLOSED_HIRED, dt.date(2025, 6, 9))
        hire = mine.hires.get()
        assert (hire.name, hire.email, hire.start_date) == ("Sara Svensson", "sara@example.se", dt.date(2025, 8, 18))
        assert seen == [("hire", False), ("status", Status.CLOSED_HIRED)]

    def test_a_failed_close_adds_no_hire(self, client, consultant_user, mine):
        mine.status = Status.CANCELLED
        mine.save()
        client.force_login(consultant_user)
        # cancelled cannot close; the hire must not be left behind either
        with pytest.raises(services.TransitionError):
            services.assignment_change_status_with_hire(
                assignment=mine, to_status=Status.CLOSED_HIRED, on=TODAY, hire_name="Kvar?")
        assert not mine.hires.exists()

    def test_closing_with_a_new_hire_schedules_its_candidate_and_six_month_surveys(
            self, client, consultant_user, django_capture_on_commit_callbacks):
        from surveys.models import Invitation, InvitationStatus, SurveyKind

        assignment = AssignmentFactory(lead_consultant=consultant_user.consultant, status=Status.REFERENCES,
                                       package=package("STORA"), ordered_on=dt.date(2025, 3, 1))
        client.force_login(consultant_user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("assignments:status", args=[assignment.reference]), {
                "to_status": Status.CLOSED_HIRED, "on": dt.date.today().isoformat(), "hire_name": "Sara Svensson",
                "hire_email": "sara@example.se", "hire_start_date": "2025-08-18"})
        assert response.status_code == 302
        hire = assignment.hires.get()
        states = {(i.kind, i.status, i.hire_id, i.email) for i in Invitation.objects.filter(assignment=assignment)}
        assert states == {
            (SurveyKind.CUSTOMER, InvitationStatus.SCHEDULED, None, ""),
            (SurveyKind.CANDIDATE, InvitationStatus.SCHEDULED, hire.pk, "sara@example.se"),
            (SurveyKind.SIX_MONTH, InvitationStatus.SCHEDULED, hire.pk, ""),
        }

    def test_it_goes_back_to_the_page_it_came_from_but_never_off_site(self, client, consultant_user, mine):
        client.force_login(consultant_user)
        url = reverse("assignments:status", args=[mine.reference])
        response = client.post(url, {"to_status": "start_meeting", "on": "2025-06-02", "next": "/uppdrag/mina/"})
        assert response["Location"] == "/uppdrag/mina/"
        response = client.post(url, {"to_status": "ad_published", "on": "2025-06-02",
                                     "next": "https://evil.example.com/"})
        assert response["Location"] == reverse("assignments:detail", args=[mine.reference])


@pytest.mark.django_db
class TestMine:
    def test_it_lists_open_lead_and_co_assignments_and_recently_closed(
        self, client, consultant_user, other_consultant_user, mine
    ):
        co = AssignmentFactory(reference="2025-0101", lead_consultant=other_consultant_user.consultant)
        co.co_consultants.add(consultant_user.consultant)
        AssignmentFactory(reference="2025-0102", lead_consultant=other_consultant_user.consultant)
        AssignmentFactory(reference="2025-0103", lead_consultant=consultant_user.consultant,
                          status=Status.CLOSED_NOT_HIRED, closed_on=dt.date(2025, 5, 20))
        AssignmentFactory(reference="2024-0104", lead_consultant=consultant_user.consultant,
                          status=Status.CLOSED_HIRED, closed_on=dt.date(2024, 5, 20))
        client.force_login(consultant_user)
        response = client.get(reverse("assignments:mine"))
        assert [a.reference for a in response.context["open_assignments"]] == ["2025-0100", "2025-0101"]
        assert [a.reference for a in response.context["closed_assignments"]] == ["2025-0103"]
        body = response.content.decode()
        assert f'action="{reverse("assignments:status", args=["2025-0101"])}"' in body
        assert 'id="id_s-' in body  # every row's form has its own field ids

    def test_the_hire_fields_show_only_when_closing_with_hire_needs_one(self, client, consultant_user, mine):
        with_hire = AssignmentFactory(reference="2025-0105", lead_consultant=consultant_user.consultant,
                                      status=Status.REFERENCES)
        HireFactory(assignment=with_hire)
        client.force_login(consultant_user)
        rows = {a.reference: a for a in client.get(reverse("assignments:mine")).context["open_assignments"]}
        assert rows["2025-0100"].status_control.asks_for_hire
        assert not rows["2025-0105"].status_control.asks_for_hire

    @pytest.mark.parametrize("n", [3, 30])
    def test_it_uses_a_fixed_number_of_queries(self, client, consultant_user, django_assert_num_queries, n):
        for _i in range(n):
            a = AssignmentFactory(lead_consultant=consultant_user.consultant, status=Status.SELECTION)
            HireFactory(assignment=a)
            AssignmentFactory(lead_consultant=consultant_user.consultant, status=Status.CLOSED_HIRED,
                              closed_on=dt.date(2025, 6, 1))
        client.force_login(consultant_user)
        client.get(reverse("assignments:mine"))
        # session, user, groups, consultant, open rows, closed rows; the timeline's week: closed days,
        # the open steps (those passed by a status change left out in the same query); the hours grid's rows
        # with their reported weeks; followup's open actions
        with django_assert_num_queries(10):
            response = client.get(reverse("assignments:mine"))
        assert len(response.context["open_assignments"]) == n
