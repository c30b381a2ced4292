"""KBR course sessions: a shared link, one answer per browser, closing date, a customer's own result."""
import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from surveys.models import Response, TrainingSession
from surveys.services.training import training_session_create
from tests.factories import AssignmentFactory, package

ANSWER = {"overall": "9", "content": "8", "delivery": "10", "comment": "Lärorikt"}


def session_with_link(**kwargs):
    today = timezone.localdate()
    defaults = {"title": "KBR Farsta", "held_on": today, "closes_on": today + dt.timedelta(days=14)}
    return training_session_create(**{**defaults, **kwargs})


def link(token):
    return reverse("public_surveys:training", args=[token])


@pytest.mark.django_db
class TestSharedLink:
    def test_any_participant_answers_once_per_browser(self, client):
        assignment = AssignmentFactory(package=package("KBR"))
        session, token = session_with_link(assignment=assignment)
        assert client.get(link(token)).status_code == 200
        page = client.post(link(token), ANSWER)
        assert page.status_code == 302 and page.url == reverse("public_surveys:thanks")
        again = client.post(link(token), ANSWER)
        assert again.status_code == 200 and "Du har redan svarat" in again.content.decode()
        assert "Du har redan svarat" in client.get(link(token)).content.decode()
        assert Response.objects.count() == 1
        other_browser = Client()
        assert other_browser.post(link(token), {**ANSWER, "overall": "7"}).status_code == 302
        assert Response.objects.count() == 2
        response = Response.objects.order_by("pk").first()
        assert (response.kind, response.training_session, response.assignment) == ("training", session, assignment)
        assert response.consultant == assignment.lead_consultant and response.package == package("KBR")
        assert dict(response.answers.values_list("question_key", "value_number")) == {
            "overall": 9, "content": 8, "delivery": 10}
        assert response.comment == "Lärorikt"

    def test_a_forged_cookie_does_not_count_as_answered(self, client):
        session, token = session_with_link()
        client.cookies[f"sfr_kurs_{session.pk}"] = "1"
        assert client.post(link(token), ANSWER).status_code == 302
        assert Response.objects.count() == 1

    def test_a_bad_answer_stores_nothing_and_sets_no_cookie(self, client):
        session, token = session_with_link()
        page = client.post(link(token), {**ANSWER, "content": "11"})
        assert page.status_code == 200 and "Välj ett värde från 1 till 10." in page.content.decode()
        assert f"sfr_kurs_{session.pk}" not in page.cookies
        assert not Response.objects.exists()
        assert client.post(link(token), ANSWER).status_code == 302

    def test_the_link_closes_after_its_closing_date(self, client):
        session, token = session_with_link()
        with time_machine.travel(dt.datetime.combine(session.closes_on, dt.time(23, 0),
                                                     tzinfo=timezone.get_current_timezone())):
            assert client.get(link(token)).status_code == 200
        with time_machine.travel(dt.datetime.combine(session.closes_on + dt.timedelta(days=1), dt.time(0, 5),
                                                     tzinfo=timezone.get_current_timezone())):
            page = client.post(link(token), ANSWER)
            assert page.status_code == 410 and "Länken går inte längre att använda" in page.content.decode()
        assert not Response.objects.exists()


@pytest.mark.django_db
class TestCoordinatorPages:
    def test_a_coordinator_creates_a_session_and_sees_its_shared_link(self, client, coordinator):
        client.force_login(coordinator)
        AssignmentFactory(reference="2025-0500", package=package("KBR"))
        today = timezone.localdate()
        page = client.post(reverse("surveys:training_list"), {
            "title": "KBR Skärholmen", "held_on": today.isoformat(),
            "closes_on": (today + dt.timedelta(days=10)).isoformat(), "assignment": "2025-0500"})
        session = TrainingSession.objects.get()
        assert page.url == reverse("surveys:training_detail", args=[session.pk])
        assert session.assignment.reference == "2025-0500"
        assert session.organisation == session.assignment.organisation
        detail = client.get(page.url).content.decode()
        shared = re.search(r'value="(http://testserver/s/kurs/[^"]+/)"', detail).group(1)
        assert session.token_hash and session.token_salt
        assert Client().get(shared).status_code == 200

    def test_bad_session_input_gets_swedish_errors(self, client, coordinator):
        client.force_login(coordinator)
        today = timezone.localdate()
        page = client.post(reverse("surveys:training_list"), {
            "title": "X", "held_on": today.isoformat(), "closes_on": (today - dt.timedelta(days=1)).isoformat(),
            "assignment": "1999-9999"})
        html = page.content.decode()
        assert page.status_code == 400
        assert "Det finns inget uppdrag med nummer 1999-9999." in html
        assert "Länken kan inte stänga före kursdatumet." in html
        assert not TrainingSession.objects.exists()

    def test_a_customers_own_evaluation_is_entered_by_hand(self, client, coordinator):
        client.force_login(coordinator)
        session, _token = session_with_link()
        url = reverse("surveys:training_detail", args=[session.pk])
        bad = client.post(url, {"manual_mean": "8,7", "manual_count": ""})
        assert bad.status_code == 400
        assert "Ange både medelbetyg och antal svar" in bad.content.decode()
        session.refresh_from_db()
        assert session.manual_mean is None
        assert client.post(url, {"manual_mean": "8.75", "manual_count": "23"}).status_code == 302
        session.refresh_from_db()
        assert (session.manual_mean, session.manual_count) == (Decimal("8.75"), 23)
        assert client.post(url, {"manual_mean": "11", "manual_count": "3"}).status_code == 400
