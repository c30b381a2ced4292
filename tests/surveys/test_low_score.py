"""The low-score alert: an e-mail to the consultant's manager, and the follow-up page."""
import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from assignments.models import Unit
from recruitment.roles import MANAGER
from surveys import notify
from surveys.models import Answer, LowScoreFlag, OutboxEmail, OutboxStatus, Response, SurveyVersion
from surveys.services import dispatch
from tests.factories import AssignmentFactory, ConsultantFactory, UserFactory

pytestmark = pytest.mark.django_db


def make_flag(assignment=None, reason="Helhetsbetyg 4 (6 eller lägre)"):
    assignment = assignment or AssignmentFactory()
    version, _ = SurveyVersion.objects.get_or_create(kind="customer", year=2025, defaults={"title": "Kundenkät"})
    response = Response.objects.create(
        kind="customer", version=version, assignment=assignment, consultant=assignment.lead_consultant,
        package=assignment.package, submitted_on=dt.date(2025, 5, 2), comment="Dålig planering.")
    Answer.objects.create(response=response, question_key="overall_satisfaction", value_number=4)
    return LowScoreFlag.objects.create(assignment=assignment, response=response, reason=reason)


def test_it_mails_the_unit_manager_with_a_link_to_the_answer(settings):
    settings.SITE_URL = "https://rekrytering.example.se"
    boss = ConsultantFactory(name="Enhetschefen", email="enhetschef@rekrytering.example.se")
    unit = Unit.objects.get(name="Enhet 1")
    unit.manager = boss
    unit.save()
    consultant = ConsultantFactory(unit=unit, name="Karin Konsult")
    flag = make_flag(AssignmentFactory(lead_consultant=consultant, reference="2025-0042"))
    notify.low_score_flagged(flag.pk)
    notify.low_score_flagged(flag.pk)  # called twice: queued once
    assert OutboxEmail.objects.count() == 1
    assert dispatch.outbox_dispatch().outbox_sent == 1
    (message,) = mail.outbox
    assert message.to == ["enhetschef@rekrytering.example.se"]
    assert "2025-0042" in message.subject
    link = f"https://rekrytering.example.se/enkater/flaggor/{flag.pk}/"
    assert link in message.body and "Karin Konsult" in message.body and "Helhetsbetyg 4" in message.body
    assert link in message.alternatives[0][0]
    assert OutboxEmail.objects.get().status == OutboxStatus.SENT


def test_without_a_unit_manager_it_mails_the_users_in_the_manager_role():
    UserFactory(username="chef1", email="chef1@rekrytering.example.se", roles=[MANAGER])
    UserFactory(username="chef2", email="chef2@rekrytering.example.se", roles=[MANAGER])
    UserFactory(username="inte-chef", email="annan@rekrytering.example.se")
    flag = make_flag(AssignmentFactory(lead_consultant=ConsultantFactory(unit=None)))
    notify.low_score_flagged(flag.pk)
    assert sorted(OutboxEmail.objects.values_list("to", flat=True)) == [
        "chef1@rekrytering.example.se", "chef2@rekrytering.example.se"]


def test_one_low_answer_with_two_low_scores_sends_one_email_listing_both(
        client, manager, django_capture_on_commit_callbacks):
    from surveys.services.answering import response_submit
    from tests.surveys.helpers import invitation_with_token
    from tests.surveys.test_answering import customer_data

    UserFactory(username="chef1", email="chef1@rekrytering.example.se", roles=[MANAGER])
    _invitation, token = invitation_with_token(
        assignment=AssignmentFactory(lead_consultant=ConsultantFactory(unit=None)))
    with django_capture_on_commit_callbacks(execute=True):
        response = response_submit(token=token, data=customer_data(overall_satisfaction="4", nps="2"))
    (email,) = OutboxEmail.objects.filter(to="chef1@rekrytering.example.se")  # one per recipient, not per score
    assert "Nöjd med tjänsten som helhet: 4" in email.text and "Skulle rekommendera oss (NPS): 2" in email.text
    flag = LowScoreFlag.objects.get(response=response)
    client.force_login(manager)
    url = reverse("surveys:flag_detail", kwargs={"pk": flag.pk})
    assert url in email.text
    assert client.post(url, {"note": "Ringt kunden."}).status_code == 302
    assert not LowScoreFlag.objects.filter(followed_up_at__isnull=True).exists()


class TestFollowUpPage:
    def test_a_manager_marks_a_flag_followed_up_with_a_note(self, client, manager):
        flag = make_flag()
        client.force_login(manager)
        url = reverse("surveys:flag_detail", kwargs={"pk": flag.pk})
        page = client.get(url).content.decode()
        assert "overall_satisfaction" in page and "Dålig planering." in page
        response = client.post(url, {"note": "Ringt kunden, ny genomgång av planeringen."})
        assert response.status_code == 302
        flag.refresh_from_db()
        assert flag.followed_up_by == manager and flag.followed_up_at
        assert flag.follow_up_note == "Ringt kunden, ny genomgång av planeringen."

    def test_an_empty_note_is_refused_with_a_swedish_message_and_changes_nothing(self, client, coordinator):
        flag = make_flag()
        client.force_login(coordinator)
        response = client.post(reverse("surveys:flag_detail", kwargs={"pk": flag.pk}), {"note": "  "})
        assert response.status_code == 200
        assert "Skriv en anteckning om uppföljningen." in response.content.decode()
        flag.refresh_from_db()
        assert flag.followed_up_at is None

    def test_the_list_shows_open_flags_until_followed_up(self, client, coordinator, django_assert_num_queries):
        open_flags = [make_flag() for _ in range(3)]
        done = make_flag(reason="NPS 2")
        LowScoreFlag.objects.filter(pk=done.pk).update(followed_up_at="2025-05-03T10:00:00Z", follow_up_note="ok")
        client.force_login(coordinator)
        client.get(reverse("surveys:flags"))  # warm the session
        with django_assert_num_queries(4):
            page = client.get(reverse("surveys:flags")).content.decode()
        for flag in open_flags:
            assert reverse("surveys:flag_detail", kwargs={"pk": flag.pk}) in page
        assert "NPS 2" not in page
        assert "NPS 2" in client.get(reverse("surveys:flags") + "?alla=1").content.decode()

    @pytest.mark.parametrize("who", ["consultant_user", "outsider"])
    def test_consultants_and_outsiders_get_403(self, client, request, who):
        flag = make_flag()
        client.force_login(request.getfixturevalue(who))
        assert client.get(reverse("surveys:flags")).status_code == 403
        assert client.post(reverse("surveys:flag_detail", kwargs={"pk": flag.pk}), {"note": "x"}).status_code == 403

    def test_anonymous_users_are_sent_to_log_in(self, client):
        response = client.get(reverse("surveys:flags"))
        assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]
