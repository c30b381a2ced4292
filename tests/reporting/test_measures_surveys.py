"""Candidate, six-month and training measures on small hand-computed data sets."""
import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from reporting.periods import Period
from reporting.selectors import (
    Scope,
    candidate_measures,
    comments,
    response_rates,
    six_month_measures,
    training_measures,
)
from surveys.models import Invitation, TrainingSession
from tests.factories import AssignmentFactory, ConsultantFactory

from .helpers import invite, respond

pytestmark = pytest.mark.django_db
YEAR_2025 = Period.for_report(2025)
ON = dt.date(2025, 3, 1)


def test_it_gives_the_yes_share_among_those_who_answered_each_question(settings):
    settings.REPORT_MIN_CANDIDATE_GROUP = 1  # hand-computed from four answers
    respond("candidate", ON, {"ad_clear": "ja", "took_tests": "ja", "test_info": "ja", "overall": 9})
    respond("candidate", ON, {"ad_clear": "nej", "took_tests": "ja", "test_info": "nej", "overall": 7})
    respond("candidate", ON, {"ad_clear": "ja", "took_tests": "nej", "overall": 10})
    respond("candidate", ON, {"took_tests": "nej"})  # ad_clear unanswered
    result = candidate_measures(Scope(), YEAR_2025)
    q = result["questions"]
    assert q["ad_clear"] == {"yes_share": pytest.approx(2 / 3), "n": 3}
    assert q["took_tests"] == {"yes_share": 0.5, "n": 4}
    assert q["test_info"] == {"yes_share": 0.5, "n": 2}  # among those who did tests
    assert q["overall"] == {"mean": pytest.approx(26 / 3), "n": 3}
    assert result["satisfied_share"] == pytest.approx(2 / 3)
    assert result["responses"] == 4


def test_it_computes_the_candidate_response_rate_from_answers_over_sent_invitations(settings):
    settings.REPORT_MIN_CANDIDATE_GROUP = 1  # hand-computed from two invitations
    # A candidate invitation never records that it was answered: the rate is candidate answers
    # through a link over candidate invitations sent.
    a = AssignmentFactory()
    invite("candidate", a, status="sent", sent_on=ON)
    invite("candidate", a, status="reminded", sent_on=ON)
    invite("candidate", a, status="cancelled", sent_on=None)
    respond("candidate", ON, {"overall": 9}, assignment=a)
    result = candidate_measures(Scope(), YEAR_2025)
    assert (result["invited"], result["response_rate"]) == (2, 0.5)


def test_it_computes_the_six_month_match_and_use_again():
    respond("six_month", ON, {"match": 9, "use_again": "ja"})
    respond("six_month", ON, {"match": 6, "use_again": "nej"})
    respond("six_month", ON, {"match": 10})
    result = six_month_measures(Scope(), YEAR_2025)
    assert result["responses"] == 3
    assert result["match_mean"] == pytest.approx(25 / 3)
    assert result["use_again_share"] == 0.5
    assert result["response_rate"] is None


def test_it_weighs_entered_course_results_into_the_training_mean():
    respond("training", ON, {"overall": 10, "content": 9})
    respond("training", ON, {"overall": 8})
    TrainingSession.objects.create(title="KBR", held_on=ON, closes_on=ON, manual_mean=Decimal("7.00"),
                                   manual_count=4)
    TrainingSession.objects.create(title="KBR förra året", held_on=dt.date(2024, 5, 1), closes_on=ON,
                                   manual_mean=Decimal("2.00"), manual_count=10)
    result = training_measures(Scope(), YEAR_2025)
    assert result["responses"] == 6
    assert result["mean"] == pytest.approx((10 + 8 + 7 * 4) / 6)


def test_it_gives_no_training_mean_without_answers():
    assert training_measures(Scope(), YEAR_2025) == {
        "responses": 0, "mean": None, "entered": 0, "questions": {}, "source": None}


def test_it_hides_candidate_comments_of_a_consultant_with_fewer_than_five_answers():
    small, big = AssignmentFactory(), AssignmentFactory()
    for i in range(4):
        respond("candidate", ON, {"overall": 9}, assignment=small, comment=f"liten {i}")
    for i in range(5):
        respond("candidate", ON, {"overall": 9}, assignment=big, comment=f"stor {i}" if i == 0 else "")
    respond("customer", ON, {"planning": 9}, assignment=small, comment="kund")
    rows = comments(Scope(), YEAR_2025)
    texts = sorted(r["comment"] for r in rows)
    assert texts == ["kund", "stor 0"]
    candidate_row = next(r for r in rows if r["kind"] == "candidate")
    assert candidate_row["assignment"] == ""  # candidate answers stay anonymous
    assert candidate_row["consultant_id"] == big.lead_consultant_id


def test_it_scopes_comments_to_one_consultant():
    a = AssignmentFactory()
    respond("customer", ON, {"planning": 9}, assignment=a, comment="mitt")
    respond("customer", ON, {"planning": 9}, assignment=AssignmentFactory(), comment="annat")
    assert [r["comment"] for r in comments(Scope(consultant=a.lead_consultant), YEAR_2025)] == ["mitt"]
    assert comments(Scope(consultant=ConsultantFactory()), YEAR_2025) == []


def test_it_withholds_candidate_results_below_five_answers_for_a_consultant_and_the_department():
    from reporting.selectors import kpi_report

    a = AssignmentFactory()
    for _ in range(4):
        respond("candidate", ON, {"ad_clear": "ja", "overall": 9}, assignment=a)
    for mine in (kpi_report(year=2025, consultant=a.lead_consultant).to_json()["candidate"],
                 kpi_report(year=2025).to_json()["candidate"]):
        assert mine["responses"] is None
        assert mine["questions"] == {}
        assert mine["satisfied_share"] is None
    respond("candidate", ON, {"ad_clear": "nej", "overall": 9}, assignment=a)
    assert kpi_report(year=2025, consultant=a.lead_consultant).to_json()["candidate"]["questions"]["ad_clear"]["n"] == 5
    assert kpi_report(year=2025).to_json()["candidate"]["questions"]["ad_clear"] == {"yes_share": 0.8, "n": 5}


def test_it_refuses_unknown_filter_values_in_swedish():
    from reporting.selectors import ScopeError, kpi_report

    with pytest.raises(ScopeError, match="Okänd sektor"):
        kpi_report(year=2025, filters={"sector": "rymden"}).to_json()
    with pytest.raises(ScopeError, match="Okänt paket"):
        kpi_report(year=2025, filters={"package": "GULD"}).to_json()
    with pytest.raises(ScopeError, match="Det finns ingen kund"):
        kpi_report(year=2025, filters={"organisation": "Ingen förvaltning"}).to_json()


def test_an_invitation_belongs_to_the_period_of_its_stockholm_sending_date():
    utc = dt.UTC
    assignment = AssignmentFactory()
    for moment in (dt.datetime(2024, 12, 31, 23, 30, tzinfo=utc),  # 1 January 00:30 in Stockholm
                   dt.datetime(2025, 8, 31, 21, 30, tzinfo=utc),  # 31 August 23:30 in Stockholm
                   dt.datetime(2025, 8, 31, 22, 30, tzinfo=utc)):  # 1 September 00:30 in Stockholm
        Invitation.objects.create(kind="customer", assignment=assignment, status="answered", due_at=timezone.now(),
                                  sent_at=moment)
    assert response_rates(Scope(), Period.for_report(2025, 2))["customer"]["invited"] == 2
    assert response_rates(Scope(), Period.for_report(2024))["customer"]["invited"] == 0
    assert response_rates(Scope(), Period.tertial_alone(2025, 3))["customer"]["invited"] == 1
