"""Attacks on candidate rounds (`surveys.services.rounds`): can an insider with the database (not
`SECRET_KEY`) tie a candidate answer to one of the two or three candidates of a round?

Each test plays the insider. A route shown closed is a passing test; a route that leaks is marked
`xfail(strict=True)` and its docstring says how the answer is tied to a person. Where transaction
ids matter the tests commit for real (`transaction=True`) and read PostgreSQL's `xmin`.

The insider ties a response to an assignment by what it stores (organisation, consultant,
package, sector, month: `_responses_of`); these tests ask whether, within that assignment, more
than one candidate could have written it.
"""
import datetime as dt
import logging

import pytest
import time_machine
from django.apps import apps
from django.core.cache import caches
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from simple_history.models import registered_models

from surveys.models import (
    Invitation,
    InvitationStatus,
    MessagePurpose,
    OutboxEmail,
    OutboxStatus,
    Response,
    SpentToken,
    SurveyKind,
)
from surveys.services import dispatch, repair, scheduling
from surveys.services.answering import response_submit
from surveys.services.followup import invitation_unsubscribe
from tests.factories import HireFactory

from .test_answering import candidate_data
from .test_candidate_round import ANNA, BO, CECILIA, _candidate, _failing_for, _round, _token

S = InvitationStatus
ENDED = (S.EXPIRED, S.CANCELLED, S.CLOSED)
pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="xmin is a PostgreSQL system column")


def _xmin(model, pk: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT xmin::text::bigint FROM {model._meta.db_table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def _responses_of(assignment):
    """The candidate responses an insider attributes to `assignment` by what a response stores."""
    return Response.objects.filter(
        kind=SurveyKind.CANDIDATE, organisation=assignment.organisation_id, consultant=assignment.lead_consultant_id,
        package=assignment.package_id)


def _could_have_written(assignment, response, members: dict[int, str]) -> set[str]:
    """The insider's elimination: the candidates (of `members`, {invitation pk: name} noted before)
    whose link had gone out before the response's transaction and had not ended before it."""
    answered = _xmin(Response, response.pk)
    out = {
        row.invitation_id for row in OutboxEmail.objects.filter(
            purpose=MessagePurpose.INVITATION, status=OutboxStatus.SENT, invitation_id__in=members)
        if _xmin(OutboxEmail, row.pk) < answered
    }
    ended = {
        pk for pk, status in Invitation.objects.filter(pk__in=members).values_list("pk", "status")
        if status in ENDED and _xmin(Invitation, pk) < answered
    }
    return {members[pk] for pk in out - ended}


def _members(assignment) -> dict[int, str]:
    return dict(Invitation.objects.filter(assignment=assignment, kind=SurveyKind.CANDIDATE)
                .values_list("pk", "email"))


# --- a round where only one link went out --------------------------------------------------------

@pytest.mark.xfail(strict=True, reason="a round with one link out: its answer is that candidate's")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("how", ["rejected", "wait"])
def test_a_round_whose_other_email_failed_leaves_its_answer_to_one_candidate(monkeypatch, settings, how):
    """Route: Bo's first e-mail fails for good (the server rejects the address), or keeps failing
    until the round opens by the wait and fails it. The round opens with one link out, Anna's.
    Any candidate answer the insider attributes to the assignment after the opening is Anna's:
    the outbox shows Bo's invitation e-mail `failed` (and the invitation `failed`, with the
    reason), so elimination needs no xmin at all. The same holds for a round of one hire.
    """
    settings.SURVEY_SEND_MAX_ATTEMPTS = 100
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assignment = _round(ANNA, BO)
        members = _members(assignment)
        _failing_for(monkeypatch, BO, rejected=how == "rejected")
        dispatch.outbox_dispatch()
    with time_machine.travel(start + settings.SURVEY_CANDIDATE_ROUND_WAIT + dt.timedelta(minutes=1), tick=False):
        dispatch.outbox_dispatch()
        assert _candidate(assignment, ANNA).round_opened_at is not None
        assert _candidate(assignment, BO).status == S.FAILED
        response_submit(token=_token(_candidate(assignment, ANNA)), data=candidate_data())
    (response,) = _responses_of(assignment)
    assert len(_could_have_written(assignment, response, members)) >= 2


# --- a candidate who leaves the open round ---------------------------------------------------------

@pytest.mark.django_db(transaction=True)
def test_an_unsubscription_mid_round_leaves_later_answers_to_the_other_candidate():
    """Route: the round (Anna, Bo) is open; Anna clicks the unsubscribe link in her e-mail
    (`invitation_unsubscribe`). Were her link ended at once (status `expired`, token forgotten)
    in its own transaction, a later answer's xmin would be greater than that of her ended
    invitation: her link dead, the answer Bo's. Closed: mid-round the unsubscription erases her
    address and marks her hire done, but her link stays out, answerable, until the round ends.
    """
    assignment = _round(ANNA, BO)
    members = _members(assignment)
    assert dispatch.outbox_dispatch().opened == 1
    anna = _candidate(assignment, ANNA)
    assert invitation_unsubscribe(token=_token(anna))
    anna.refresh_from_db()
    anna.hire.refresh_from_db()
    assert anna.email == "" and anna.hire.email == "" and anna.hire.candidate_survey_done
    assert anna.status == S.SENT and anna.token_salt  # ends with Bo's, when the round closes
    response_submit(token=_token(_candidate(assignment, BO)), data=candidate_data())
    (response,) = _responses_of(assignment)
    assert len(_could_have_written(assignment, response, members)) >= 2


@pytest.mark.django_db(transaction=True)
def test_an_unsubscription_after_answering_writes_what_one_before_answering_does_not():
    """Route: Anna (round Anna, Bo) answers and then unsubscribes; Dora (round Dora, Erik) only
    unsubscribes. Were the ended link forgotten with its `SpentToken` row, which exists only if
    the link was answered, the unsubscription of an answerer would remove a row (the table's
    count drops by one, `pg_stat_user_tables.n_tup_del` rises) and that of a non-answerer not:
    Anna answered; with her round's response count, the answer is hers. Closed: mid-round an
    unsubscription deletes no spent row; the round's end deletes them all together.
    """
    first = _round(ANNA, BO)
    second = _round("dora@example.se", "erik@example.se")
    assert dispatch.outbox_dispatch().opened == 2
    response_submit(token=_token(_candidate(first, ANNA)), data=candidate_data())
    deleted = []
    for assignment, email in ((first, ANNA), (second, "dora@example.se")):
        spent = SpentToken.objects.count()
        assert invitation_unsubscribe(token=_token(_candidate(assignment, email)))
        deleted.append(spent - SpentToken.objects.count())
    assert deleted[0] == deleted[1]


@pytest.mark.django_db(transaction=True)
def test_removing_a_hire_mid_round_keeps_its_link_answerable():
    """Route: a coordinator removes Anna's hire after the round opened. Only links not yet sent
    are cancelled; hers stays answerable (the row loses its hire, which says nothing about
    answering), so a later answer can still be either candidate's."""
    assignment = _round(ANNA, BO)
    members = _members(assignment)
    assert dispatch.outbox_dispatch().opened == 1
    anna = _candidate(assignment, ANNA)
    anna.hire.delete()
    scheduling.invitations_cancel_for_hire(hire_id=anna.hire_id)
    response_submit(token=_token(_candidate(assignment, BO)), data=candidate_data())
    (response,) = _responses_of(assignment)
    assert _could_have_written(assignment, response, members) == {ANNA, BO}


# --- a hire added after the round -----------------------------------------------------------------

def _no_candidate_survey_for(hire) -> None:
    assert not Invitation.objects.filter(kind=SurveyKind.CANDIDATE, hire=hire).exists()
    assert scheduling.invitations_schedule_for_hire(hire_id=hire.pk) == []  # nor when run again
    assert repair.invitations_repair().created == 0  # nor by the periodic repair


@pytest.mark.django_db(transaction=True)
def test_a_hire_added_after_the_round_ended_gets_a_round_of_one(settings, client, coordinator):
    """Route: Anna and Bo answer; their round ends when the links expire (`candidate_rounds_close`).
    A coordinator then adds Cecilia as a hire. Were she given a candidate invitation in a new
    round of her own, it would open as soon as her e-mail is out, and a candidate answer for the
    assignment stored after the first round ended would be hers: the other two links were closed
    (xmin before it), hers the only one out. Closed: once the assignment's round has opened, a
    hire added later gets no candidate invitation, and the survey panel says why.
    """
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assignment = _round(ANNA, BO)
        members = _members(assignment)  # noted by the insider while the addresses are there
        assert dispatch.outbox_dispatch().opened == 1
        for email in (ANNA, BO):
            response_submit(token=_token(_candidate(assignment, email)), data=candidate_data())
    later = start + dt.timedelta(days=settings.SURVEY_EXPIRY_DAYS, minutes=1)
    with time_machine.travel(later, tick=False):
        assert dispatch.outbox_dispatch().closed == 2  # the round ends when its links expire
        hire = HireFactory(assignment=assignment, name="Kandidat 2", email=CECILIA, start_date=None)
        scheduling.invitations_schedule_for_hire(hire_id=hire.pk)
        _no_candidate_survey_for(hire)
        assert dispatch.outbox_dispatch().opened == 0
        client.force_login(coordinator)
        panel = client.get(reverse("assignments:detail", args=[assignment.reference])).content.decode()
        assert "Kandidatenkäten har redan öppnat för uppdraget: en senare länk skulle visa vem som svarat" in panel
    latest = _responses_of(assignment).order_by("-pk").first()
    assert len(_could_have_written(assignment, latest, members)) >= 2


@pytest.mark.django_db(transaction=True)
def test_a_hire_added_while_the_round_is_open_is_told_apart_by_time_read_from_xmin(settings):
    """Route: Cecilia is added while the round (Anna, Bo) is open. Were she given a round of one,
    it would open days later and so expire days later. Nothing is written when Anna's and Bo's
    links expire (the assignment's round would end with Cecilia's), but the insider needs no such
    row: any row with a time column written by another transaction (here another assignment's
    invitation e-mail, its `sent_at`) turns the response's xmin into a clock. A response after a
    row whose time is past Anna's and Bo's expiry would be written when only Cecilia's link could
    be answered. Closed: Cecilia gets no link, so every answer is stored while Anna's and Bo's
    links both live; the clock read from xmin places it there.
    """
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assignment = _round(ANNA, BO)
        assert dispatch.outbox_dispatch().opened == 1
    with time_machine.travel(start + dt.timedelta(days=10), tick=False):
        hire = HireFactory(assignment=assignment, name="Kandidat 2", email=CECILIA, start_date=None)
        scheduling.invitations_schedule_for_hire(hire_id=hire.pk)
        _no_candidate_survey_for(hire)
        assert dispatch.outbox_dispatch().opened == 0
    first_expiry = _candidate(assignment, ANNA).expires_at
    with time_machine.travel(first_expiry - dt.timedelta(days=2), tick=False):
        _round("other@example.se")  # any unrelated, timestamped write
        dispatch.outbox_dispatch()
    with time_machine.travel(first_expiry - dt.timedelta(days=1), tick=False):
        response_submit(token=_token(_candidate(assignment, BO)), data=candidate_data())
    with time_machine.travel(first_expiry + dt.timedelta(hours=1), tick=False):
        dispatch.outbox_dispatch()  # the round ends; no link of the assignment is left to answer
        assert not Invitation.objects.filter(assignment=assignment, kind=SurveyKind.CANDIDATE, token_hash__isnull=False)
    (response,) = _responses_of(assignment)
    answered = _xmin(Response, response.pk)
    clock = [(row.sent_at, _xmin(OutboxEmail, row.pk)) for row in OutboxEmail.objects.exclude(sent_at=None)]
    stored_after = max(when for when, xmin in clock if xmin < answered)
    live = {pk for pk, expires in Invitation.objects.filter(assignment=assignment, kind=SurveyKind.CANDIDATE)
            .values_list("pk", "expires_at") if expires > stored_after}
    assert len(live) >= 2, f"only {live} could answer after {stored_after}"


# --- routes shown closed --------------------------------------------------------------------------

def _tables_state() -> dict[str, list]:
    """Every table's rows as (id or key, xmin): a row written, changed or removed shows."""
    state = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT xmin::text, ctid::text FROM "{table}" ORDER BY ctid')  # noqa: S608
            state[table] = cursor.fetchall()
    return state


@pytest.mark.django_db(transaction=True)
def test_a_refused_early_visit_leaves_no_row_log_line_session_or_cache_key(monkeypatch, client, caplog):
    """Route: Anna opens (and posts to) her link before the round opens. Were the refusal kept
    anywhere (a row, a changed row, a session, a cache key, a log line), its time would show Anna
    had her link before Bo, or that she meant to answer. Nothing changes anywhere."""
    assignment = _round(ANNA, BO)
    _failing_for(monkeypatch, BO)
    dispatch.outbox_dispatch()
    anna = _candidate(assignment, ANNA)
    token = _token(anna)
    cache = caches["default"]
    keys = set(getattr(cache, "_cache", {}).keys())
    before = _tables_state()
    caplog.set_level(logging.DEBUG)
    caplog.clear()
    link = reverse("public_surveys:answer", args=[token])
    for response in (client.get(link), client.post(link, candidate_data()), client.get(link)):
        assert response.status_code == 200 and "Enkäten har inte öppnat ännu" in response.content.decode()
    records = [r for r in caplog.records if not r.name.startswith("django.db")]
    assert records == []
    assert _tables_state() == before
    assert set(getattr(cache, "_cache", {}).keys()) == keys
    assert "sessionid" not in client.cookies


@pytest.mark.django_db(transaction=True)
def test_the_opening_and_the_reminders_write_every_candidate_alike(monkeypatch, settings):
    """Route: the reminders after Anna answered. Only the unanswered reach the mail server; the
    database must not show who. The invitations and reminder rows of the three candidates get the
    same values in one transaction each, and the run counts all three as reminded."""
    settings.SURVEY_REMINDER_DAYS = 7
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assignment = _round(ANNA, BO, CECILIA)
        assert dispatch.outbox_dispatch().opened == 1
        response_submit(token=_token(_candidate(assignment, ANNA)), data=candidate_data())
    candidates = Invitation.objects.filter(assignment=assignment, kind=SurveyKind.CANDIDATE)
    opened = {_xmin(Invitation, pk) for pk in candidates.values_list("pk", flat=True)}
    assert len(opened) == 1
    with time_machine.travel(start + dt.timedelta(days=7, minutes=1), tick=False):
        assert dispatch.outbox_dispatch().reminded == 4  # the customer's and all three candidates'
    rows = OutboxEmail.objects.filter(purpose=MessagePurpose.REMINDER, invitation__in=candidates)
    fields = ("status", "sent_at", "attempts", "next_attempt_at", "last_error", "claim_key", "claimed_at")
    assert rows.count() == 3 and len(set(rows.values_list(*fields))) == 1
    assert len({_xmin(OutboxEmail, pk) for pk in rows.values_list("pk", flat=True)}) == 1
    assert len(set(candidates.values_list("status", "updated_at", "expires_at", "round_opened_at"))) == 1
    assert len({_xmin(Invitation, pk) for pk in candidates.values_list("pk", flat=True)}) == 1


def test_no_history_table_tracks_invitations_outbox_or_responses():
    """Route: django-simple-history. A historical row per change of an invitation or outbox row
    would keep per-candidate times the live rows do not. None of the surveys models is tracked."""
    tracked = {model._meta.label for model in registered_models.values()}
    surveys = {model._meta.label for model in apps.get_app_config("surveys").get_models()}
    assert surveys and not (tracked & surveys)
    assert not [m for m in apps.get_models() if m.__name__.startswith("Historical") and
                m._meta.get_field("history_id") and m.instance_type._meta.app_label == "surveys"]
