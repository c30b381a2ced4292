"""Candidate anonymity against the database and the staff pages (issue 10, points 1 and 3).

A candidate's answer is stored in a transaction that writes only a spent-token row (no reference,
no time), the response and its answers; the invitation and the hire are touched only when the
assignment's candidate round ends, for all its candidates at once.
"""
import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.db import connection, models
from django.urls import reverse
from django.utils import timezone

from assignments import services as register
from assignments.models import Hire, Status
from reporting.models import SurveyMonth, SurveyMonthBuild
from surveys import tokens
from surveys.models import Answer, Invitation, InvitationStatus, Response, SpentToken, SurveyKind
from surveys.services import dispatch, scheduling
from surveys.services.answering import LinkUnavailable, response_submit
from tests.factories import AssignmentFactory, HireFactory, package

from .helpers import close
from .test_answering import UNAVAILABLE, candidate_data

S = InvitationStatus
ANNA, BO = ("Anna Andersson", "anna@example.se"), ("Bo Berg", "bo@example.se")


def _two_hires_surveyed():
    """An assignment closed with two hires whose candidate surveys have been sent; {email: token}."""
    assignment = AssignmentFactory(status=Status.REFERENCES, package=package("STORA"))
    for name, email in (ANNA, BO):
        HireFactory(assignment=assignment, name=name, email=email, start_date=None)
    close(assignment)
    scheduling.invitations_schedule_for_closing(assignment_id=assignment.pk)  # idempotent: as on commit
    dispatch.outbox_dispatch()
    links = {inv.email: tokens.token_for(inv.token_salt)
             for inv in Invitation.objects.filter(assignment=assignment, kind=SurveyKind.CANDIDATE, status=S.SENT)}
    assert set(links) == {ANNA[1], BO[1]}
    return assignment, links


def _xmins(table: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT xmin::text FROM {table}")  # noqa: S608 - our own table names
        return {row[0] for row in cursor.fetchall()}


def _xmin_of(table: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT xmin::text FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="xmin is a PostgreSQL system column")
def test_no_hire_or_invitation_row_shares_a_candidate_answers_transaction_id(client):
    assignment, links = _two_hires_surveyed()
    for email in (BO[1], ANNA[1]):
        assert client.post(reverse("public_surveys:answer", args=[links[email]]), candidate_data()).status_code == 302
    responses = list(Response.objects.filter(kind=SurveyKind.CANDIDATE).order_by("pk"))
    assert len(responses) == 2
    answer_xmins = {_xmin_of(Response._meta.db_table, r.pk) for r in responses}
    assert len(answer_xmins) == 2
    # the test measures what it means to: each response's answers and spent token share its xmin
    assert _xmins(Answer._meta.db_table) == answer_xmins
    assert _xmins(SpentToken._meta.db_table) == answer_xmins

    def no_person_row_pairs():
        for table in (Hire._meta.db_table, Invitation._meta.db_table, assignment._meta.db_table):
            assert not _xmins(table) & answer_xmins, table

    no_person_row_pairs()
    # the round ends in the periodic batch when the links expire: still nothing pairs, and both
    # candidates end alike
    assert dispatch.outbox_dispatch().closed == 0
    with time_machine.travel(timezone.now() + dt.timedelta(days=31), tick=False):
        assert dispatch.outbox_dispatch().closed == 2
    no_person_row_pairs()
    candidates = Invitation.objects.filter(assignment=assignment, kind=SurveyKind.CANDIDATE)
    assert len({_xmin_of(Invitation._meta.db_table, inv.pk) for inv in candidates}) == 1
    assert {(i.status, i.email, i.hire_id, i.token_hash, i.token_salt) for i in candidates} == {
        (S.CLOSED, "", None, None, "")}


def test_nothing_written_for_a_candidate_answer_keeps_a_time_finer_than_the_day():
    fine = (models.DateTimeField, models.TimeField)
    for model in (Response, Answer, SpentToken):
        assert not [f.name for f in model._meta.concrete_fields if isinstance(f, fine)], model
    assert isinstance(Response._meta.get_field("submitted_on"), models.DateField)
    assert {f.name for f in SpentToken._meta.concrete_fields} == {"id", "hash"}  # no reference to anything


def test_the_summary_rebuilt_after_a_candidate_answer_keeps_no_time_finer_than_the_day():
    """The monthly summary is rebuilt right after each answer's commit: a time stamped there is the
    answer's time to the microsecond (h-attack), to set beside each candidate's mail times."""
    fine = (models.DateTimeField, models.TimeField)
    for model in (SurveyMonth, SurveyMonthBuild):
        assert not [f.name for f in model._meta.concrete_fields if isinstance(f, fine)], model


@pytest.mark.django_db
class TestSpentLinks:
    def test_the_answer_leaves_invitation_and_hire_untouched_and_spends_an_unjoinable_hash(self):
        assignment, links = _two_hires_surveyed()
        before = {(i.pk, i.status, i.email, i.hire_id, i.token_hash, i.updated_at)
                  for i in Invitation.objects.filter(assignment=assignment)}
        response_submit(token=links[ANNA[1]], data=candidate_data())
        after = {(i.pk, i.status, i.email, i.hire_id, i.token_hash, i.updated_at)
                 for i in Invitation.objects.filter(assignment=assignment)}
        assert after == before
        assert set(Hire.objects.values_list("email", "candidate_survey_done")) == {(ANNA[1], False), (BO[1], False)}
        (spent,) = SpentToken.objects.values_list("hash", flat=True)
        assert spent == tokens.spent_hash(links[ANNA[1]])
        assert not Invitation.objects.filter(token_hash=spent).exists()
        assert spent != tokens.token_hash(links[ANNA[1]])

    def test_a_replayed_link_stores_nothing_more_and_shows_the_unavailable_page(self, client):
        _assignment, links = _two_hires_surveyed()
        url = reverse("public_surveys:answer", args=[links[ANNA[1]]])
        assert client.post(url, candidate_data()).status_code == 302
        replay = client.post(url, candidate_data(overall="1"))
        assert replay.status_code == 410 and UNAVAILABLE in replay.content.decode()
        page = client.get(url)
        assert page.status_code == 410 and UNAVAILABLE in page.content.decode()
        with pytest.raises(LinkUnavailable):
            response_submit(token=links[ANNA[1]], data=candidate_data())
        assert Response.objects.filter(kind=SurveyKind.CANDIDATE).count() == 1
        # the other candidate's link still works
        assert client.get(reverse("public_surveys:answer", args=[links[BO[1]]])).status_code == 200


@pytest.mark.django_db
class TestCandidateRound:
    def test_reminders_go_only_to_the_unanswered_but_every_candidate_is_recorded_alike(self, settings):
        settings.SURVEY_REMINDER_DAYS = 7
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            assignment, links = _two_hires_surveyed()
            response_submit(token=links[ANNA[1]], data=candidate_data())
        mail.outbox.clear()
        with time_machine.travel(start + dt.timedelta(days=7, minutes=1), tick=False):
            # Bo, the customer, and Anna's step recorded alike (the count does not tell who answered)
            assert dispatch.outbox_dispatch().reminded == 3
        candidate_mail = [m for m in mail.outbox if set(m.to) & {ANNA[1], BO[1]}]  # the customer is reminded too
        assert [m.to for m in candidate_mail] == [[BO[1]]]
        assert candidate_mail[0].subject.startswith("Påminnelse:")
        candidates = Invitation.objects.filter(assignment=assignment, kind=SurveyKind.CANDIDATE)
        states = {(i.status, i.reminded_at, i.attempts, i.last_error, i.updated_at) for i in candidates}
        assert len(states) == 1 and next(iter(states))[0] == S.REMINDED
        with time_machine.travel(start + dt.timedelta(days=8), tick=False):
            assert dispatch.outbox_dispatch().reminded == 0  # one reminder step only
        assert len(mail.outbox) == 2

    def test_the_round_waits_for_every_link_then_closes_all_and_erases_the_addresses_at_once(self):
        assignment, links = _two_hires_surveyed()
        candidates = Invitation.objects.filter(assignment=assignment, kind=SurveyKind.CANDIDATE)
        response_submit(token=links[ANNA[1]], data=candidate_data())
        assert dispatch.outbox_dispatch().closed == 0  # Bo's link is still open
        assert {(i.status, i.email != "", i.hire_id is not None) for i in candidates.all()} == {(S.SENT, True, True)}
        assert set(Hire.objects.values_list("email", flat=True)) == {ANNA[1], BO[1]}
        response_submit(token=links[BO[1]], data=candidate_data())
        assert dispatch.outbox_dispatch().closed == 0  # all answered: still open until the links expire
        with time_machine.travel(timezone.now() + dt.timedelta(days=31), tick=False):
            assert dispatch.outbox_dispatch().closed == 2
            assert {(i.status, i.email, i.hire_id, i.token_hash) for i in candidates.all()} == {
                (S.CLOSED, "", None, None)}
            assert set(Hire.objects.values_list("email", "candidate_survey_done")) == {("", True)}
            assert not SpentToken.objects.exists()  # the round's spent rows go with it
            assert dispatch.outbox_dispatch().closed == 0

    def test_an_unanswered_link_ends_the_round_when_it_expires(self):
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            assignment, links = _two_hires_surveyed()
            response_submit(token=links[ANNA[1]], data=candidate_data())
        with time_machine.travel(start + dt.timedelta(days=29), tick=False):
            assert dispatch.outbox_dispatch().closed == 0
        with time_machine.travel(start + dt.timedelta(days=30, minutes=1), tick=False):
            assert dispatch.outbox_dispatch().closed == 2
        assert set(Hire.objects.values_list("email", "candidate_survey_done")) == {("", True)}

    def test_a_round_waits_while_a_candidate_invitation_has_not_gone_out(self):
        assignment, links = _two_hires_surveyed()
        held = Invitation.objects.get(assignment=assignment, kind=SurveyKind.CANDIDATE, email=BO[1])
        Invitation.objects.filter(pk=held.pk).update(status=S.FAILED, sent_at=None)
        response_submit(token=links[ANNA[1]], data=candidate_data())
        assert dispatch.candidate_rounds_close(now=timezone.now()) == 0

    def test_many_assignments_end_in_one_step(self):
        every_link = [token for _ in range(3) for token in _two_hires_surveyed()[1].values()]
        for token in every_link:
            response_submit(token=token, data=candidate_data())
        assert dispatch.candidate_rounds_close(now=timezone.now() + dt.timedelta(days=31)) == 6
        assert not Invitation.objects.filter(kind=SurveyKind.CANDIDATE).exclude(status=S.CLOSED).exists()


@pytest.mark.django_db
class TestStaffPages:
    def _one_answered(self):
        assignment, links = _two_hires_surveyed()
        response_submit(token=links[ANNA[1]], data=candidate_data())
        return assignment

    def test_the_invitation_list_shows_candidates_without_names_addresses_or_answer_states(
            self, client, coordinator):
        assignment = self._one_answered()
        client.force_login(coordinator)
        base = reverse("surveys:invitations")
        html = client.get(f"{base}?assignment={assignment.reference}").content.decode()
        rows = re.findall(r"<tr>.*?</tr>", html, flags=re.S)
        candidate_rows = [row for row in rows if "Kandidatenkät" in row]
        assert len(candidate_rows) == 2
        states = {re.search(r'class="badge status-(\w+)', row).group(1) for row in candidate_rows}
        assert states == {"sent"}
        table = html[html.index("<tbody>"):html.index("</tbody>")]
        for text in (*ANNA, *BO, "Besvarad", "Påmind"):
            assert text not in table
        for status in ("answered", "sent", "reminded", "expired", "closed"):
            listed = client.get(f"{base}?assignment={assignment.reference}&status={status}").content.decode()
            count = listed[listed.index("<tbody>"):listed.index("</tbody>")].count("Kandidatenkät")
            assert count == (2 if status == "sent" else 0), status

    def test_the_assignment_page_shows_only_counts_of_the_candidate_survey(self, client, coordinator):
        assignment = self._one_answered()
        client.force_login(coordinator)
        url = reverse("assignments:detail", args=[assignment.reference])
        html = client.get(url).content.decode()
        panel = html[html.index('class="assignment-invitations"'):]
        panel = panel[:panel.index("</section>")]
        for text in (*ANNA, *BO, "Besvarad"):
            assert text not in panel
        assert "Kandidatenkäten: skickad till 2 kandidater." in panel and "Kandidatenkäten pågår." in panel
        assert "anonyma svar" not in panel and "anonymt svar" not in panel  # no rate under five sent
        # the hire list shows both hires alike: both addresses kept until the round ends
        hires = html[html.index('id="h-hires"'):]
        assert ANNA[1] in hires and BO[1] in hires
        response_submit(token=tokens.token_for(
            Invitation.objects.get(assignment=assignment, email=BO[1]).token_salt), data=candidate_data())
        dispatch.outbox_dispatch()
        assert "Kandidatenkäten pågår." in client.get(url).content.decode()  # all answered: not ended early
        with time_machine.travel(timezone.now() + dt.timedelta(days=31), tick=False):
            dispatch.outbox_dispatch()
        html = client.get(url).content.decode()
        assert "Kandidatenkäten är avslutad." in html
        assert ANNA[1] not in html and BO[1] not in html


# A hire's e-mail goes when its candidate survey is over (the assignment's candidate round ends, for all
# its hires at once), and no second survey is made for it.
def _send(invitation: Invitation) -> str:
    """Mark the scheduled invitation sent, its round (of one) open, as the dispatcher would; returns its token."""
    token = tokens.issue(invitation)
    invitation.status, invitation.sent_at = S.SENT, timezone.now()
    invitation.round_opened_at = invitation.sent_at
    invitation.expires_at = timezone.now() + dt.timedelta(days=30)
    invitation.save()
    return token


def _closed_with_hire(django_capture_on_commit_callbacks):
    assignment = AssignmentFactory(status=Status.REFERENCES, package=package("STORA"))
    hire = HireFactory(assignment=assignment, email="kandidat@example.se", start_date=None)
    with django_capture_on_commit_callbacks(execute=True):
        close(assignment)
    return assignment, hire


@pytest.mark.django_db
def test_it_erases_the_hires_email_when_the_round_ends_after_the_answer_and_never_surveys_it_again(
        django_capture_on_commit_callbacks):
    assignment, hire = _closed_with_hire(django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get(assignment=assignment, kind=SurveyKind.CANDIDATE)
    response_submit(token=_send(invitation), data=candidate_data())
    hire.refresh_from_db()
    # the answer's own transaction does not touch the hire (it would share the answer's xmin)
    assert hire.email == "kandidat@example.se" and not hire.candidate_survey_done
    dispatch.outbox_dispatch()  # answered: the round still waits for its link to expire
    hire.refresh_from_db()
    assert hire.email == "kandidat@example.se"
    with time_machine.travel(timezone.now() + dt.timedelta(days=31), tick=False):
        dispatch.outbox_dispatch()  # the batch step ends the round
    hire.refresh_from_db()
    assert hire.email == "" and hire.candidate_survey_done
    assert not any(f.name in ("email", "candidate_survey_done") for f in Hire.history.model._meta.fields)
    # The start date arrives later: the six-month survey moves, no second candidate survey appears.
    with django_capture_on_commit_callbacks(execute=True):
        register.hire_update(hire=hire, name=hire.name, email="kandidat@example.se", start_date=dt.date(2026, 1, 5))
    candidates = Invitation.objects.filter(assignment=assignment, kind=SurveyKind.CANDIDATE)
    assert [(i.status, i.email, i.hire_id) for i in candidates] == [(S.CLOSED, "", None)]
    # ... and the address typed in again is not kept either.
    hire.refresh_from_db()
    assert hire.email == "" and hire.start_date == dt.date(2026, 1, 5)


@pytest.mark.django_db
def test_it_erases_the_hires_email_when_the_candidate_link_expires(django_capture_on_commit_callbacks):
    assignment, hire = _closed_with_hire(django_capture_on_commit_callbacks)
    _send(Invitation.objects.get(assignment=assignment, kind=SurveyKind.CANDIDATE))
    with time_machine.travel(timezone.now() + dt.timedelta(days=31), tick=False):
        dispatch.outbox_dispatch()
    hire.refresh_from_db()
    assert hire.email == "" and hire.candidate_survey_done


@pytest.mark.django_db
def test_a_refused_answer_keeps_the_hires_email(django_capture_on_commit_callbacks):
    assignment, hire = _closed_with_hire(django_capture_on_commit_callbacks)
    _send(Invitation.objects.get(assignment=assignment, kind=SurveyKind.CANDIDATE))
    with pytest.raises(LinkUnavailable):
        response_submit(token="not-the-token", data=candidate_data())
    hire.refresh_from_db()
    assert hire.email == "kandidat@example.se" and not hire.candidate_survey_done
