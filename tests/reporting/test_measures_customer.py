"""Customer survey measures on small hand-computed data sets."""
import datetime as dt
import math

import pytest

from reporting.periods import Period
from reporting.selectors import Scope, customer_measures, kpi_report, nps_margin
from tests.factories import AssignmentFactory

from .helpers import invite, respond

pytestmark = pytest.mark.django_db
YEAR_2025 = Period.for_report(2025)


def test_it_gives_no_nps_without_answers():
    respond("customer", dt.date(2025, 3, 1), {"planning": 9})
    result = customer_measures(Scope(), YEAR_2025)
    assert result["nps"] is None
    assert result["nps_margin"] is None
    assert (result["promoters"], result["passives"], result["detractors"]) == (0, 0, 0)


def test_it_gives_nps_zero_when_all_are_passives():
    for value in (7, 8, 8):
        respond("customer", dt.date(2025, 3, 1), {"nps": value})
    result = customer_measures(Scope(), YEAR_2025)
    assert result["nps"] == 0
    assert result["passives"] == 3
    assert result["nps_margin"] == 0


def test_it_gives_nps_minus_100_with_only_detractors():
    for value in (0, 3, 6):
        respond("customer", dt.date(2025, 3, 1), {"nps": value})
    result = customer_measures(Scope(), YEAR_2025)
    assert result["nps"] == -100
    assert result["detractors"] == 3


def test_it_computes_nps_and_its_margin_of_error():
    # 3 promoters (9, 10, 10), 1 passive (8), 1 detractor (5): NPS = 60 - 20 = 40.
    for value in (9, 10, 10, 8, 5):
        respond("customer", dt.date(2025, 6, 1), {"nps": value})
    result = customer_measures(Scope(), YEAR_2025)
    assert result["nps"] == pytest.approx(40)
    p, d = 0.6, 0.2
    assert result["nps_margin"] == pytest.approx(1.96 * math.sqrt((p + d - (p - d) ** 2) / 5) * 100)
    assert nps_margin(0, 0, 0) is None


def test_it_leaves_not_applicable_and_unanswered_questions_out_of_means():
    respond("customer", dt.date(2025, 2, 1), {"planning": 10, "interview_support": 8})
    respond("customer", dt.date(2025, 2, 2), {"planning": 8}, not_applicable=["interview_support"])
    respond("customer", dt.date(2025, 2, 3), {"planning": 9})  # interview_support unanswered
    questions = customer_measures(Scope(), YEAR_2025)["questions"]
    assert questions["planning"] == {"mean": 9.0, "n": 3}
    assert questions["interview_support"] == {"mean": 8.0, "n": 1}


def test_it_computes_total_mean_as_the_mean_of_question_means_without_nps():
    respond("customer", dt.date(2025, 2, 1), {"planning": 10, "ad_support": 6, "overall_satisfaction": 9, "nps": 0})
    respond("customer", dt.date(2025, 2, 2), {"planning": 8, "overall_satisfaction": 10, "nps": 0})
    result = customer_measures(Scope(), YEAR_2025)
    # planning 9, ad_support 6, overall 9.5 -> (9 + 6 + 9.5) / 3; nps left out
    assert result["total_mean"] == pytest.approx(24.5 / 3)
    assert "nps" not in result["questions"]
    assert result["overall_satisfaction"] == 9.5


def test_it_counts_satisfied_customers_from_the_threshold(settings):
    settings.REPORT_SATISFIED_MIN = 8
    for value in (8, 10, 7, 2):
        respond("customer", dt.date(2025, 2, 1), {"overall_satisfaction": value})
    assert customer_measures(Scope(), YEAR_2025)["satisfied_share"] == 0.5
    settings.REPORT_SATISFIED_MIN = 9
    assert customer_measures(Scope(), YEAR_2025)["satisfied_share"] == 0.25


def test_it_gives_the_returning_customer_share():
    for value in ("ja", "ja", "nej", "ja"):
        respond("customer", dt.date(2025, 2, 1), {"returning_customer": value})
    result = customer_measures(Scope(), YEAR_2025)
    assert result["returning_customer_share"] == 0.75
    assert result["returning_customer_n"] == 4


def test_it_puts_an_answer_in_the_tertial_of_its_answer_date():
    respond("customer", dt.date(2025, 4, 30), {"planning": 10})
    respond("customer", dt.date(2025, 5, 1), {"planning": 6})
    t1 = customer_measures(Scope(), Period.for_report(2025, 1))
    t2_to_date = customer_measures(Scope(), Period.for_report(2025, 2))
    t2_alone = customer_measures(Scope(), Period.tertial_alone(2025, 2))
    assert t1["questions"]["planning"] == {"mean": 10.0, "n": 1}
    assert t2_to_date["questions"]["planning"] == {"mean": 8.0, "n": 2}  # year to date includes T1
    assert t2_alone["questions"]["planning"] == {"mean": 6.0, "n": 1}


def test_it_computes_the_response_rate_without_skipped_held_or_cancelled_invitations():
    a = AssignmentFactory()
    for status in ("answered", "answered", "sent", "expired"):
        invite("customer", a, status=status, sent_on=dt.date(2025, 3, 1))
    invite("customer", a, status="skipped", sent_on=None)
    invite("customer", a, status="cancelled", sent_on=None)
    invite("customer", a, status="held", sent_on=None)
    invite("customer", a, status="scheduled", sent_on=None)
    invite("customer", a, status="answered", sent_on=dt.date(2024, 12, 31))  # sent the year before
    result = customer_measures(Scope(), YEAR_2025)
    assert result["invited"] == 4
    assert result["response_rate"] == 0.5


def test_it_gives_no_response_rate_without_invitations():
    respond("customer", dt.date(2025, 3, 1), {"planning": 9})  # imported history: answers, no invitations
    result = customer_measures(Scope(), YEAR_2025)
    assert result["invited"] == 0
    assert result["response_rate"] is None


def test_it_scopes_answers_to_the_consultant_and_unit():
    mine = AssignmentFactory()
    other = AssignmentFactory()
    respond("customer", dt.date(2025, 3, 1), {"planning": 10}, assignment=mine)
    respond("customer", dt.date(2025, 3, 1), {"planning": 4}, assignment=other)
    report = kpi_report(year=2025, consultant=mine.lead_consultant.email).to_json()
    assert report["customer"]["questions"]["planning"] == {"mean": 10.0, "n": 1}
    assert kpi_report(year=2025, unit="Enhet 1").to_json()["customer"]["questions"]["planning"]["n"] == 2
    assert kpi_report(year=2025, unit="Enhet 2").customer.responses == 0


def test_it_filters_answers_by_organisation_kind_sector_and_package():
    district = AssignmentFactory(organisation__kind="stadsdelsforvaltning", sector="aldreomsorg")
    AssignmentFactory()
    respond("customer", dt.date(2025, 3, 1), {"planning": 10}, assignment=district)
    respond("customer", dt.date(2025, 3, 1), {"planning": 4}, assignment=AssignmentFactory())
    assert kpi_report(year=2025, filters={"organisation_kind": "stadsdelsforvaltning"}).customer.responses == 1
    assert kpi_report(year=2025, filters={"sector": "aldreomsorg"}).customer.responses == 1
    assert kpi_report(year=2025, filters={"organisation": district.organisation.name}).customer.responses == 1
    assert kpi_report(year=2025, filters={"package": "STORA"}).customer.responses == 2
    assert kpi_report(year=2025, filters={"package": "LILLA"}).customer.responses == 0
