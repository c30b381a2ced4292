"""Differencing attacks on candidate answers: two published figures whose difference is fewer than five
candidates' answers, so that their answers can be worked out. Numbers are worked out by hand in each test."""
from __future__ import annotations

import datetime as dt

import pytest

from customerpack.selectors import pack_build, period_for
from reporting.periods import Period
from reporting.selectors import Scope, kpi_report_for
from reporting.selectors.scope import Filters
from reviews.selectors import review_figures
from tests.customerpack.conftest import candidates
from tests.factories import AssignmentFactory, ConsultantFactory, OrganisationFactory
from tests.reporting.helpers import respond

YEAR = Period.for_report(2025)


def _pack(organisation, period=YEAR):
    return pack_build(organisation=organisation, period=period, today=dt.date(2025, 12, 31)).to_json()


def _overall(section: dict):
    q = section["questions"].get("overall")
    return (q["n"], q["mean"]) if q else None


def _recovered(a, b):
    """(answers, mean of "overall") of a's candidates not in b, from two shown (n, mean); None if either is
    withheld."""
    if not a or not b:
        return None
    n = a[0] - b[0]
    return n, ((a[1] * a[0] - b[1] * b[0]) / n if n else None)


def _leaks(recovered) -> bool:
    return recovered is not None and 0 < recovered[0] < 5


def test_the_parents_pack_less_its_companys_pack_does_not_give_away_the_parents_one_answer(world):
    """Parent: 1 answer (overall 2); its company: 10 (overall 9); another customer 10. Were both packs
    shown, 11 * mean - 10 * 9 = 2 would be the parent's one candidate's answer."""
    candidates(AssignmentFactory(organisation=world.parent), 1, overall=2)
    candidates(AssignmentFactory(organisation=world.company), 10, overall=9)
    candidates(AssignmentFactory(organisation=world.other), 10, overall=9)
    parent, company = _pack(world.parent), _pack(world.company)
    assert _overall(company["candidate"]) == (10, 9.0)  # the company's own pack is shown
    assert parent["candidate"]["responses"] is None and parent["candidate"]["questions"] == {}
    assert not _leaks(_recovered(_overall(parent["candidate"]), _overall(company["candidate"])))
    assert parent["department"]["candidate"]["responses"] == 21


def test_the_parents_pack_less_two_companies_packs_does_not_give_away_the_parents_one_answer(world):
    """Parent 1 (overall 2), company 10, a second company 10, another customer 10: parent - one company = 11
    on either side, but parent - both = 1 answer: withheld."""
    second = OrganisationFactory(name="Hamnbolaget AB", parent=world.parent)
    candidates(AssignmentFactory(organisation=world.parent), 1, overall=2)
    candidates(AssignmentFactory(organisation=world.company), 10, overall=9)
    candidates(AssignmentFactory(organisation=second), 10, overall=9)
    candidates(AssignmentFactory(organisation=world.other), 10, overall=9)
    assert _pack(world.parent)["candidate"]["questions"] == {}
    assert _overall(_pack(second)["candidate"]) == (10, 9.0)


def test_a_companys_withheld_answers_cannot_be_had_as_the_parent_less_its_other_company(world):
    """Parent 0, company 3 (overall 2; its pack withholds them), a second company 10, another customer 10:
    the parent's pack (13) less the second company's (10) would be the company's three answers."""
    second = OrganisationFactory(name="Hamnbolaget AB", parent=world.parent)
    candidates(AssignmentFactory(organisation=world.company), 3, overall=2)
    candidates(AssignmentFactory(organisation=second), 10, overall=9)
    candidates(AssignmentFactory(organisation=world.other), 10, overall=9)
    assert _pack(world.company)["candidate"]["responses"] is None
    assert _pack(world.parent)["candidate"]["questions"] == {}


def test_the_parents_own_answers_and_its_company_both_five_or_more_are_shown(world):
    """Parent 6 (overall 2), company 10 (overall 9), another 10: every difference is 0 or at least 5."""
    candidates(AssignmentFactory(organisation=world.parent), 6, overall=2)
    candidates(AssignmentFactory(organisation=world.company), 10, overall=9)
    candidates(AssignmentFactory(organisation=world.other), 10, overall=9)
    assert _overall(_pack(world.parent)["candidate"]) == (16, pytest.approx((6 * 2 + 10 * 9) / 16))


def test_a_question_few_of_the_parents_own_candidates_answered_is_withheld_beside_the_companys(world):
    """Parent 6 answers, 1 of them to test_info; company 10, all 10 to test_info: the parent's pack's 11
    test_info answers less the company's 10 would be one candidate's."""
    candidates(AssignmentFactory(organisation=world.parent), 6, test_info=1)
    candidates(AssignmentFactory(organisation=world.company), 10, test_info=10)
    candidates(AssignmentFactory(organisation=world.other), 10, test_info=10)
    parent = _pack(world.parent)["candidate"]
    assert parent["responses"] == 16 and "overall" in parent["questions"]
    assert "test_info" not in parent["questions"]
    assert _pack(world.company)["candidate"]["questions"]["test_info"]["n"] == 10


def test_the_pack_less_the_dashboard_filtered_by_the_parent_alone_does_not_give_away_a_companys_answers(world):
    """Parent 10 (overall 9), company 3 (overall 2), another 10. The dashboard's customer filter
    (organisation_id: the parent alone) shows 10; the parent's pack (with its company) would show 13:
    13 * mean - 10 * 9 = the company's three answers."""
    candidates(AssignmentFactory(organisation=world.parent), 10, overall=9)
    candidates(AssignmentFactory(organisation=world.company), 3, overall=2)
    candidates(AssignmentFactory(organisation=world.other), 10, overall=9)
    dashboard = kpi_report_for(Scope(filters=Filters(organisation_id=world.parent.pk)), YEAR).to_json()
    assert _overall(dashboard["candidate"]) == (10, 9.0)
    pack = _pack(world.parent)["candidate"]
    assert not _leaks(_recovered(_overall(pack), _overall(dashboard["candidate"])))
    assert pack["questions"] == {}


def test_two_tertial_packs_do_not_differ_by_fewer_than_five_answers(world):
    """Packs are cumulative (T1 = January-April, T2 = January-August). Another customer has 10 answers in
    March (overall 9) and 1 in June (overall 2): were the T1 pack (10 answers, mean 9) and the T2 pack (11,
    mean 92/11) both shown, 11 * 92/11 - 10 * 9 = 2 would be the June candidate's answer. T1 is shown,
    T2 withheld (reporting.privacy.tertials_shown)."""
    other, parent = AssignmentFactory(organisation=world.other), AssignmentFactory(organisation=world.parent)
    for _ in range(10):
        respond("candidate", dt.date(2025, 3, 1), {"overall": 9}, assignment=other)
        respond("candidate", dt.date(2025, 3, 1), {"overall": 9}, assignment=parent)
        respond("candidate", dt.date(2025, 6, 1), {"overall": 9}, assignment=parent)
    respond("candidate", dt.date(2025, 6, 1), {"overall": 2}, assignment=other)
    first = _pack(world.other, period_for(year=2025, tertial=1))["candidate"]
    second = _pack(world.other, period_for(year=2025, tertial=2))["candidate"]
    assert _overall(first) == (10, 9.0)
    assert second["responses"] is None and second["questions"] == {}
    assert not _leaks(_recovered(_overall(second), _overall(first)))


def test_a_reviews_consultant_column_less_the_department_does_not_give_away_a_colleagues_answer(db):
    """Karin 10 answers (overall 9), a colleague 1 (overall 2), both in the first half of 2025. The review
    shows Karin's column beside the department's (11, mean 92/11): 11 * 92/11 - 10 * 9 = 2 would be the
    colleague's candidate's answer, so Karin's candidate figures are withheld."""
    karin, colleague = ConsultantFactory(), ConsultantFactory()
    for _ in range(10):
        respond("candidate", dt.date(2025, 3, 1), {"overall": 9}, consultant=karin)
    respond("candidate", dt.date(2025, 3, 1), {"overall": 2}, consultant=colleague)
    figures = review_figures(karin, 2025, 1)
    department = figures.department.report.to_json()["candidate"]
    assert _overall(department) == (11, pytest.approx(92 / 11))
    mine = figures.consultant.report.to_json()["candidate"]
    assert mine["responses"] is None and mine["questions"] == {}
    assert not _leaks(_recovered(_overall(department), _overall(mine)))


def test_a_reviews_consultant_column_is_shown_when_the_rest_of_the_department_is_five_or_more(db):
    """Karin 10 (overall 9), colleagues 5 (overall 2): the rest is 5 answers, Karin's column is shown."""
    karin, colleague = ConsultantFactory(), ConsultantFactory()
    for i in range(10):
        respond("candidate", dt.date(2025, 3, 1), {"overall": 9}, consultant=karin)
        if i < 5:
            respond("candidate", dt.date(2025, 3, 1), {"overall": 2}, consultant=colleague)
    assert _overall(review_figures(karin, 2025, 1).consultant.report.to_json()["candidate"]) == (10, 9.0)


def test_a_reviews_half_year_before_less_that_half_years_department_does_not_give_away_a_colleagues_answer(db):
    """The second half-year's review shows Karin's first half-year (10 answers, overall 9) as its "previous"
    column; the first half-year's review shows that half-year's department (11, one colleague's overall 2):
    the previous column is withheld as the first half-year's own column is."""
    karin, colleague = ConsultantFactory(), ConsultantFactory()
    for _ in range(10):
        respond("candidate", dt.date(2025, 3, 1), {"overall": 9}, consultant=karin)
    respond("candidate", dt.date(2025, 3, 1), {"overall": 2}, consultant=colleague)
    first = review_figures(karin, 2025, 1)
    assert _overall(first.department.report.to_json()["candidate"]) == (11, pytest.approx(92 / 11))
    previous = review_figures(karin, 2025, 2).previous.report.to_json()["candidate"]
    assert previous["responses"] is None and previous["questions"] == {}
