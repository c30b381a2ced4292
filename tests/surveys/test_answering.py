"""Answering from a personal link: token rules, validation, conditions, package rules, flags, anonymity."""
import datetime as dt
import re
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from surveys.models import Answer, InvitationStatus, LowScoreFlag, Response
from surveys.selectors.answering import questions_for
from surveys.services import dispatch
from surveys.services.answering import LinkUnavailable, SubmissionInvalid, response_submit
from tests.factories import AssignmentFactory, HireFactory, package

from .helpers import invitation_with_token

UNAVAILABLE = "Länken går inte längre att använda"


def customer_data(**overrides):
    data = dict.fromkeys(("planning", "ad_support", "selection_support", "interview_support",
                          "reference_support", "test_feedback", "competency_based", "cooperation",
                          "overall_satisfaction", "nps"), "10")
    data.update(returning_customer="ja", comment="Bra, tack!")
    data.update(overrides)
    return data


def candidate_data(**overrides):
    data = dict.fromkeys(("info_interviewers", "info_competency_based", "ad_clear", "info_matched_job",
                          "interview_fair_picture", "time_efficient", "info_sufficient",
                          "non_discriminatory", "consultant_contact", "took_tests", "test_info"), "ja")
    data.update(overall="9", comment="")
    data.update(overrides)
    return data


def url(token):
    return reverse("public_surveys:answer", args=[token])


@pytest.fixture
def notify():
    with mock.patch("surveys.notify.low_score_flagged") as patched:
        yield patched


@pytest.mark.django_db
class TestTokenRules:
    def test_get_shows_the_form_and_spends_nothing(self, client):
        invitation, token = invitation_with_token()
        for _ in range(3):  # a mail scanner, a preview pane, the person
            page = client.get(url(token))
            assert page.status_code == 200
            assert "Fråga 1 av 12" in page.content.decode()
        invitation.refresh_from_db()
        assert invitation.status == InvitationStatus.SENT
        assert not Response.objects.exists()

    def test_unknown_used_expired_and_cancelled_links_get_the_same_page(self, client, notify):
        _answered, used = invitation_with_token()
        client.post(url(used), customer_data())
        _e1, expired_status = invitation_with_token(status=InvitationStatus.EXPIRED)
        _e2, expired_time = invitation_with_token(expires_in_days=-1)
        _c, cancelled = invitation_with_token(status=InvitationStatus.CANCELLED)
        _s, scheduled = invitation_with_token(status=InvitationStatus.SCHEDULED)
        pages = [client.get(url(t)) for t in ("x" * 43, used, expired_status, expired_time, cancelled, scheduled)]
        bodies = {re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", p.content.decode()) for p in pages}
        assert {p.status_code for p in pages} == {410}
        assert len(bodies) == 1
        assert UNAVAILABLE in bodies.pop()
        posted = client.post(url(expired_time), customer_data())
        assert posted.status_code == 410
        assert Response.objects.count() == 1

    def test_a_very_long_or_odd_token_is_just_unavailable(self, client):
        assert client.get(url("a" * 300)).status_code == 410
        assert client.get("/s/%C3%A5%20x/").status_code == 410


@pytest.mark.django_db
class TestSubmitting:
    def test_submit_stores_the_contract_rows_and_redirects_to_thanks(self, client, notify):
        invitation, token = invitation_with_token()
        page = client.post(url(token), customer_data(interview_support="na"))
        assert page.status_code == 302 and page.url == reverse("public_surveys:thanks")
        assert "Tack för ditt svar" in client.get(page.url).content.decode()
        response = Response.objects.get()
        invitation.refresh_from_db()
        assert invitation.status == InvitationStatus.ANSWERED
        assert invitation.answered_on == timezone.localdate()
        assert response.invitation == invitation
        assert (response.kind, response.version.year, response.source) == ("customer", 2025, "web")
        assert response.consultant == invitation.assignment.lead_consultant
        assert response.package == invitation.assignment.package
        assert response.submitted_on == timezone.localdate()
        assert response.comment == "Bra, tack!"
        rows = {a.question_key: (a.value_number, a.not_applicable) for a in response.answers.all()}
        assert rows["interview_support"] == (None, True)
        assert rows["returning_customer"] == (1, False)
        assert rows["nps"] == (10, False)
        assert "comment" not in rows and "heard_of_us" not in rows
        notify.assert_not_called()

    def test_two_posts_store_exactly_one_response(self, client, notify):
        _invitation, token = invitation_with_token()
        first = client.post(url(token), customer_data())
        second = client.post(url(token), customer_data(planning="1"))
        assert first.status_code == 302
        assert second.status_code == 410 and UNAVAILABLE in second.content.decode()
        assert Response.objects.count() == 1
        assert Answer.objects.get(question_key="planning").value_number == 10

    def test_the_service_refuses_a_spent_token(self, notify):
        _invitation, token = invitation_with_token()
        response_submit(token=token, data=customer_data())
        with pytest.raises(LinkUnavailable):
            response_submit(token=token, data=customer_data())
        assert Response.objects.count() == 1

    def test_errors_are_listed_at_the_top_and_what_was_typed_is_kept(self, client):
        invitation, token = invitation_with_token()
        data = customer_data(planning="", nps="11", returning_customer="nej", heard_of_us="Via en kollega",
                             comment="Mitt <b>svar</b>")
        page = client.post(url(token), data)
        html = page.content.decode()
        assert page.status_code == 200
        assert 'id="error-summary"' in html and 'role="alert"' in html
        assert 'href="#q-planning-1">Fråga 1: Svara på frågan.' in html
        assert 'href="#q-nps-0">Fråga 10: Välj ett värde från 0 till 10.' in html
        assert 'id="q-ad_support-10" value="10" autocomplete="off" checked' in html
        assert 'id="q-returning_customer-nej" value="nej" autocomplete="off" checked' in html
        assert ">Via en kollega</textarea>" in html
        assert "Mitt &lt;b&gt;svar&lt;/b&gt;</textarea>" in html
        assert 'aria-describedby="q-planning-hint q-planning-error"' in html
        invitation.refresh_from_db()
        assert invitation.status == InvitationStatus.SENT and not Response.objects.exists()

    @pytest.mark.parametrize("field,value,message", [
        ("planning", "0", "Välj ett värde från 1 till 10."),
        ("planning", "na", "Välj ett värde från 1 till 10."),  # not a step that may be "Ej aktuellt"
        ("planning", "7.5", "Välj ett värde från 1 till 10."),
        ("returning_customer", "kanske", "Svara Ja eller Nej."),
        ("overall_satisfaction", "", "Svara på frågan."),
    ])
    def test_the_server_validates_each_value(self, field, value, message):
        _invitation, token = invitation_with_token()
        with pytest.raises(SubmissionInvalid) as exc:
            response_submit(token=token, data=customer_data(**{field: value}))
        assert exc.value.errors == {field: message}


@pytest.mark.django_db
class TestConditionsAndPackages:
    def test_heard_of_us_is_kept_only_for_a_new_customer(self, notify):
        _i, token = invitation_with_token()
        response_submit(token=token, data=customer_data(returning_customer="ja", heard_of_us="Intranätet"))
        _i, token = invitation_with_token()
        response_submit(token=token, data=customer_data(returning_customer="nej", heard_of_us="Intranätet"))
        kept = Answer.objects.filter(question_key="heard_of_us")
        assert [(a.value_text, a.response.answers.get(question_key="returning_customer").value_number)
                for a in kept] == [("Intranätet", 0)]

    def test_test_info_is_required_only_after_tests(self):
        hire = HireFactory()
        _i, token = invitation_with_token(assignment=hire.assignment, kind="candidate", hire=hire, email=hire.email)
        with pytest.raises(SubmissionInvalid) as exc:
            response_submit(token=token, data=candidate_data(took_tests="ja", test_info=""))
        assert exc.value.errors == {"test_info": "Svara på frågan."}
        response = response_submit(token=token, data=candidate_data(took_tests="nej", test_info="ja"))
        keys = set(response.answers.values_list("question_key", flat=True))
        assert "test_info" not in keys and "took_tests" in keys

    def test_lilla_paketet_shows_no_interview_or_test_question(self, client, notify):
        invitation, token = invitation_with_token(assignment=AssignmentFactory(package=package("LILLA")))
        _version, questions = questions_for(invitation)
        keys = [q.key for q in questions]
        assert "interview_support" not in keys and "test_feedback" not in keys
        html = client.get(url(token)).content.decode()
        assert "bra stöd vid intervjuer" not in html and "Fråga 1 av 10" in html
        data = customer_data()
        client.post(url(token), data)
        stored = set(Answer.objects.values_list("question_key", flat=True))
        assert "interview_support" not in stored and "test_feedback" not in stored
        assert "planning" in stored

    def test_stora_paketet_offers_ej_aktuellt_on_the_interview_step(self, client):
        _i, token = invitation_with_token(assignment=AssignmentFactory(package=package("STORA")))
        html = client.get(url(token)).content.decode()
        assert 'id="q-interview_support-na"' in html and "Ej aktuellt" in html
        assert 'id="q-planning-na"' not in html


@pytest.mark.django_db
class TestLowScores:
    def test_a_low_overall_grade_and_nps_raise_one_flag_listing_both_notified_once_on_commit(
            self, notify, django_capture_on_commit_callbacks):
        invitation, token = invitation_with_token()
        with django_capture_on_commit_callbacks(execute=True):
            response = response_submit(token=token, data=customer_data(overall_satisfaction="6", nps="3"))
        flag = LowScoreFlag.objects.get(response=response)
        assert flag.assignment_id == invitation.assignment_id
        assert "Nöjd med tjänsten som helhet: 6" in flag.reason and "Skulle rekommendera oss (NPS): 3" in flag.reason
        notify.assert_called_once_with(flag.id)

    def test_a_seven_is_not_flagged(self, notify, django_capture_on_commit_callbacks):
        _i, token = invitation_with_token()
        with django_capture_on_commit_callbacks(execute=True):
            response_submit(token=token, data=customer_data(overall_satisfaction="7", nps="7"))
        assert not LowScoreFlag.objects.exists()
        notify.assert_not_called()

    def test_a_six_month_match_of_six_is_flagged(self, notify, django_capture_on_commit_callbacks):
        _i, token = invitation_with_token(kind="six_month")
        with django_capture_on_commit_callbacks(execute=True):
            response_submit(token=token, data={"match": "6", "use_again": "ja"})
        flag = LowScoreFlag.objects.get()
        notify.assert_called_once_with(flag.id)


@pytest.mark.django_db
def test_two_hires_answers_cannot_be_told_apart(client):
    assignment = AssignmentFactory()
    hires = [HireFactory(assignment=assignment, email="anna@example.se", name="Anna"),
             HireFactory(assignment=assignment, email="bo@example.se", name="Bo")]
    invitations = []
    for hire in hires:
        invitation, token = invitation_with_token(assignment=assignment, kind="candidate", hire=hire,
                                                  email=hire.email)
        invitations.append((invitation, token))
    before = {i.pk: (i.updated_at, i.answered_on) for i, _t in invitations}
    assert client.post(url(invitations[1][1]), candidate_data(overall="4")).status_code == 302
    assert client.post(url(invitations[0][1]), candidate_data(overall="10", took_tests="nej",
                                                             test_info="")).status_code == 302
    assert client.get(url(invitations[0][1])).status_code == 410
    responses = list(Response.objects.order_by("pk").values())
    assert len(responses) == 2
    for row in responses:
        assert row["invitation_id"] is None
        # no assignment and only the month (issue 10): what reports filter by is copied instead
        assert row["assignment_id"] is None and row["organisation_id"] == assignment.organisation_id
        assert isinstance(row["submitted_on"], dt.date) and not isinstance(row["submitted_on"], dt.datetime)
        assert row["submitted_on"].day == 1
        assert "anna" not in str(row).lower() and "bo@" not in str(row).lower()
    assert set(responses[0]) == set(responses[1])
    assert responses[0]["submitted_on"] == responses[1]["submitted_on"]
    for invitation, _token in invitations:
        invitation.refresh_from_db()
        # nothing on the invitation records that or when it was answered: it is not touched at all
        assert invitation.status == InvitationStatus.SENT
        assert (invitation.updated_at, invitation.answered_on) == before[invitation.pk]
    # the round ends for both together when the links expire: addresses, hires and the links' tokens go
    assert dispatch.candidate_rounds_close(now=timezone.now()) == 0
    assert dispatch.candidate_rounds_close(now=timezone.now() + dt.timedelta(days=31)) == 2
    for invitation, _token in invitations:
        invitation.refresh_from_db()
        assert (invitation.status, invitation.email, invitation.hire_id) == (InvitationStatus.CLOSED, "", None)
        assert (invitation.token_hash, invitation.token_salt) == (None, "")
    assert client.get(url(invitations[1][1])).status_code == 410
    answer_columns = {f.name for f in Answer._meta.get_fields()}
    assert answer_columns == {"id", "response", "question_key", "value_number", "value_text", "not_applicable"}


@pytest.mark.django_db
def test_an_edited_question_shows_at_once_on_the_form(client):
    invitation, token = invitation_with_token()
    assert "väl planerad rekrytering" in client.get(url(token)).content.decode()
    version, _questions = questions_for(invitation)
    version.questions.filter(key="planning").update(text="väl planerad och tydlig rekrytering")
    html = client.get(url(token)).content.decode()
    assert "väl planerad och tydlig rekrytering" in html and "Fråga 1 av 12" in html
