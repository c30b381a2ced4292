"""The read-only page showing one customer or six-month answer to the staff who follow it up."""
import pytest
from django.template import Context, Template
from django.urls import reverse

from surveys.models import Response
from surveys.services.answering import response_submit
from tests.factories import AssignmentFactory

from .helpers import invitation_with_token

pytestmark = pytest.mark.django_db

CUSTOMER_ANSWERS = {
    "planning": "8", "ad_support": "7", "selection_support": "9", "interview_support": "na",
    "reference_support": "6", "test_feedback": "na", "competency_based": "8", "cooperation": "9",
    "overall_satisfaction": "8", "nps": "9", "returning_customer": "nej", "heard_of_us": "Via intranätet",
    "comment": "Tydlig och snabb process.",
}


def answered(assignment, kind="customer", data=None):
    invitation, token = invitation_with_token(assignment=assignment, kind=kind)
    response_submit(token=token, data=data or CUSTOMER_ANSWERS)
    invitation.refresh_from_db()
    return invitation


@pytest.fixture
def own(consultant_user):
    return AssignmentFactory(lead_consultant=consultant_user.consultant, reference="2025-0201")


def url(response):
    return reverse("surveys:response_detail", args=[response.pk])


@pytest.mark.parametrize("who", ["coordinator", "manager", "consultant_user"])
def test_it_shows_the_answer_with_question_texts_to_staff_and_the_own_consultant(client, request, who, own):
    response = answered(own).response
    client.force_login(request.getfixturevalue(who))
    page = client.get(url(response))
    assert page.status_code == 200
    html = page.content.decode()
    assert "väl planerad rekrytering" in html and "Hur fick du kännedom om oss?" in html
    assert "Via intranätet" in html and "Ej aktuellt" in html and "Nej" in html
    assert "Tydlig och snabb process." in html
    assert own.reference in html


@pytest.mark.parametrize("who", ["other_consultant_user", "outsider"])
def test_other_consultants_and_outsiders_get_403(client, request, who, own):
    response = answered(own).response
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(response)).status_code == 403


def test_a_consultant_gets_403_for_someone_elses_assignment(client, consultant_user):
    response = answered(AssignmentFactory()).response
    client.force_login(consultant_user)
    assert client.get(url(response)).status_code == 403


def test_anonymous_users_are_sent_to_log_in(client, own):
    response = answered(own).response
    page = client.get(url(response))
    assert page.status_code == 302 and "/konto/logga-in/" in page["Location"]


def test_a_candidate_answer_has_no_page_and_no_link(client, coordinator, own):
    answered(own, kind="candidate", data={
        **dict.fromkeys(("info_interviewers", "info_competency_based", "ad_clear", "info_matched_job",
                         "interview_fair_picture", "time_efficient", "info_sufficient", "non_discriminatory",
                         "consultant_contact", "took_tests", "test_info"), "ja"),
        "overall": "9",
    })
    candidate = Response.objects.get(kind="candidate")
    client.force_login(coordinator)
    assert client.get(url(candidate)).status_code == 404
    html = Template("{% load survey_tags %}{% assignment_invitations assignment %}").render(
        Context({"assignment": own}))
    # no per-person answer state and no answer count under five sent (a rate of one)
    assert "Besvarad" not in html and "Skickad" in html and "anonymt svar" not in html
    assert "Kandidatenkäten: skickad till 1 kandidat." in html
    assert reverse("surveys:response_detail", args=[candidate.pk]) not in html
    assert "Visa svaret" not in html


def test_the_answered_invitation_links_to_its_answer(client, coordinator, own, django_assert_num_queries):
    invitation = answered(own)
    template = Template("{% load survey_tags %}{% assignment_invitations assignment %}")
    with django_assert_num_queries(1):
        html = template.render(Context({"assignment": own}))
    assert f'href="{url(invitation.response)}"' in html
    client.force_login(coordinator)
    listing = client.get("/enkater/utskick/").content.decode()
    assert f'href="{url(invitation.response)}"' in listing


def test_the_page_reads_in_a_fixed_number_of_queries(client, coordinator, own, django_assert_num_queries):
    response = answered(own).response
    client.force_login(coordinator)
    client.get(url(response))
    # session, user, groups, response with assignment/version/invitation, answers, questions
    with django_assert_num_queries(6):
        client.get(url(response))
