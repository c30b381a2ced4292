"""Invitation list, hold/release/resend buttons, local outbox page and the assignment partial."""
import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from surveys.models import Invitation, InvitationStatus, LocalMail, OutboxStatus, SurveyKind
from surveys.services import dispatch
from tests.factories import AssignmentFactory, ConsultantFactory

from .helpers import due_candidate_invitation, due_invitation, invitation_message

S = InvitationStatus
pytestmark = pytest.mark.django_db
LIST = "/enkater/utskick/"


def own_and_other(consultant_user):
    mine = AssignmentFactory(lead_consultant=consultant_user.consultant, reference="2025-0101")
    co = AssignmentFactory(reference="2025-0102")
    co.co_consultants.add(consultant_user.consultant)
    other = AssignmentFactory(reference="2025-0103")
    return [due_invitation(assignment=a) for a in (mine, co, other)]


class TestInvitationList:
    def test_coordinators_and_managers_see_all(self, client, coordinator, manager, consultant_user):
        own_and_other(consultant_user)
        for user in (coordinator, manager):
            client.force_login(user)
            page = client.get(LIST).content.decode()
            assert all(ref in page for ref in ("2025-0101", "2025-0102", "2025-0103"))

    def test_consultants_see_only_their_own_assignments(self, client, consultant_user):
        own_and_other(consultant_user)
        client.force_login(consultant_user)
        page = client.get(LIST).content.decode()
        assert "2025-0101" in page and "2025-0102" in page and "2025-0103" not in page
        assert "Håll inne" not in page

    def test_outsiders_get_403_and_anonymous_users_log_in(self, client, outsider):
        assert client.get(LIST).status_code == 302
        client.force_login(outsider)
        assert client.get(LIST).status_code == 403

    def test_it_filters_by_kind_status_consultant_and_date(self, client, coordinator):
        karin = ConsultantFactory(name="Karin Filter")
        a = AssignmentFactory(lead_consultant=karin, reference="2025-0201")
        due_invitation(assignment=a)
        due_candidate_invitation(status=S.HELD)
        failed = due_invitation(status=S.FAILED, last_error="550 finns inte")
        client.force_login(coordinator)
        def rows(query):
            return client.get(LIST, query).context["page"].object_list
        assert [i.kind for i in rows({"kind": "candidate"})] == [SurveyKind.CANDIDATE]
        assert [i.pk for i in rows({"status": "failed"})] == [failed.pk]
        assert [i.assignment.reference for i in rows({"consultant": karin.pk})] == ["2025-0201"]
        today = timezone.localtime(failed.due_at).date().isoformat()  # the filter reads local dates
        assert len(rows({"date_from": today, "date_to": today})) == 3
        assert len(rows({"date_from": "2099-01-01"})) == 0
        assert len(rows({"assignment": "2025-0201"})) == 1

    def test_a_bad_filter_value_gets_a_message(self, client, coordinator):
        client.force_login(coordinator)
        response = client.get(LIST, {"date_from": "igår"})
        assert response.status_code == 200
        assert "Fyll i ett giltigt datum" in response.content.decode()

    def test_failed_shows_its_reason(self, client, coordinator):
        due_invitation(status=S.FAILED, last_error="Mottagaren avvisades: 550 finns inte")
        client.force_login(coordinator)
        assert "550 finns inte" in client.get(LIST).content.decode()

    def test_the_query_count_does_not_grow_with_rows(self, client, coordinator, django_assert_num_queries):
        for _ in range(3):
            due_invitation()
            due_candidate_invitation()
        client.force_login(coordinator)
        client.get(LIST)
        with django_assert_num_queries(6):  # session, user, groups, count, page, consultants for the filter
            client.get(LIST)
        for _ in range(10):
            due_invitation()
            due_candidate_invitation()
        with django_assert_num_queries(6):
            client.get(LIST)


class TestButtons:
    def test_a_coordinator_holds_releases_and_resends(self, client, coordinator):
        inv = due_invitation()
        client.force_login(coordinator)
        client.post(reverse("surveys:invitation_hold", args=[inv.pk]), {"next": LIST})
        inv.refresh_from_db()
        assert inv.status == S.HELD
        assert dispatch.outbox_dispatch().sent == 0
        client.post(reverse("surveys:invitation_release", args=[inv.pk]))
        inv.refresh_from_db()
        assert inv.status == S.SCHEDULED
        Invitation.objects.filter(pk=inv.pk).update(status=S.FAILED)
        invitation_message(inv, status=OutboxStatus.FAILED, attempts=5)
        response = client.post(reverse("surveys:invitation_resend", args=[inv.pk]), {"next": "https://evil.example/"})
        assert response["Location"] == LIST
        inv.refresh_from_db()
        assert (inv.status, inv.attempts) == (S.SCHEDULED, 0)
        assert dispatch.outbox_dispatch().sent == 1

    def test_a_move_the_state_does_not_allow_gets_a_message_and_changes_nothing(self, client, coordinator):
        inv = due_invitation(status=S.SENT)
        client.force_login(coordinator)
        response = client.post(reverse("surveys:invitation_resend", args=[inv.pk]), follow=True)
        assert "Bara en misslyckad inbjudan kan skickas igen." in response.content.decode()
        inv.refresh_from_db()
        assert inv.status == S.SENT

    @pytest.mark.parametrize("who", ["consultant_user", "manager", "outsider"])
    def test_only_coordinators_may_press_them(self, client, request, who):
        inv = due_invitation()
        client.force_login(request.getfixturevalue(who))
        for name in ("invitation_hold", "invitation_release", "invitation_resend"):
            assert client.post(reverse(f"surveys:{name}", args=[inv.pk])).status_code == 403
        inv.refresh_from_db()
        assert inv.status == S.SCHEDULED

    def test_get_is_not_allowed(self, client, coordinator):
        inv = due_invitation()
        client.force_login(coordinator)
        assert client.get(reverse("surveys:invitation_hold", args=[inv.pk])).status_code == 405


class TestLocalOutboxPage:
    @pytest.fixture(autouse=True)
    def _mailbox(self, settings):
        settings.EMAIL_BACKEND = "surveys.mail.backend.EmailBackend"

    def test_a_coordinator_opens_a_mail_and_its_link_is_clickable(self, client, coordinator,
                                                                  django_assert_num_queries):
        inv = due_invitation()
        dispatch.outbox_dispatch()
        inv.refresh_from_db()
        from surveys import tokens
        link = f"http://127.0.0.1:8000/s/{tokens.token_for(inv.token_salt)}/"
        client.force_login(coordinator)
        client.get(reverse("surveys:local_mail"))
        with django_assert_num_queries(5):  # session, user, groups, count, page
            listing = client.get(reverse("surveys:local_mail")).content.decode()
        mail = LocalMail.objects.get()
        assert reverse("surveys:local_mail_detail", args=[mail.pk]) in listing
        page = client.get(reverse("surveys:local_mail_detail", args=[mail.pk])).content.decode()
        assert f'<a href="{link}"' in page

    @pytest.mark.parametrize("who", ["consultant_user", "manager", "outsider"])
    def test_it_is_for_coordinators_only(self, client, request, who):
        due_invitation()
        dispatch.outbox_dispatch()
        client.force_login(request.getfixturevalue(who))
        assert client.get(reverse("surveys:local_mail")).status_code == 403
        assert client.get(reverse("surveys:local_mail_detail", args=[LocalMail.objects.get().pk])).status_code == 403


def test_the_assignment_partial_lists_its_invitations_and_states(django_assert_num_queries):
    a = AssignmentFactory()
    due_invitation(assignment=a)
    due_invitation(assignment=a, kind=SurveyKind.SIX_MONTH, status=S.SKIPPED, skip_reason="Startdatum saknas.")
    hire_inv = due_candidate_invitation()
    Invitation.objects.filter(pk=hire_inv.pk).update(assignment=a)
    template = Template("{% load survey_tags %}{% assignment_invitations assignment %}")
    with django_assert_num_queries(1):  # invitations with contact and response (no answer count under five sent)
        html = template.render(Context({"assignment": a}))
    assert "Kundenkät" in html and "Sexmånadersenkät" in html and "Kandidatenkät" in html
    assert "Startdatum saknas." in html and "Schemalagd" in html
    assert hire_inv.hire.name not in html and hire_inv.email not in html  # candidates are anonymous
