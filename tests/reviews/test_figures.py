"""The review is pre-filled with reporting's own figures for the consultant's scope, worked out by hand here."""
import datetime as dt
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from assignments.models import BillingLine, ConsultantBudget
from reporting.periods import Period
from reporting.selectors import Scope, kpi_report_for
from reviews.selectors import review_figures
from reviews.tables import figure_sections
from surveys.models import LowScoreFlag
from tests.factories import AssignmentFactory
from tests.reporting.helpers import respond, summarise

H1_2025 = Period(2025, None, dt.date(2025, 1, 1), dt.date(2025, 6, 30))


def _closed(lead, closed_on, price, hours=None):
    a = AssignmentFactory(lead_consultant=lead, ordered_on=closed_on - dt.timedelta(days=30), status="closed_hired",
                          closed_on=closed_on, hours=hours)
    BillingLine.objects.create(assignment=a, kind="package", description="Paket", unit_price=Decimal(price))
    return a


@pytest.fixture
def karins_year(people):
    karin, kalle = people.karin.consultant, people.kalle.consultant
    first = _closed(karin, dt.date(2025, 2, 10), "40000.00", hours=Decimal("30.5"))
    _closed(karin, dt.date(2025, 6, 30), "20000.00", hours=Decimal("20.0"))
    _closed(karin, dt.date(2025, 5, 5), "10000.00")  # no hours recorded
    _closed(karin, dt.date(2024, 11, 3), "35000.00", hours=Decimal("12.0"))  # the half-year before
    _closed(karin, dt.date(2025, 7, 1), "99000.00", hours=Decimal("99.0"))  # the half-year after
    _closed(kalle, dt.date(2025, 3, 3), "50000.00", hours=Decimal("40.0"))  # another consultant
    ConsultantBudget.objects.create(consultant=karin, year=2025, amount_sek=Decimal("280000.00"))
    ConsultantBudget.objects.create(consultant=kalle, year=2025, amount_sek=Decimal("120000.00"))
    for nps, day in ((10, 3), (9, 4), (5, 5)):
        respond("customer", dt.date(2025, 4, day), {"nps": nps, "overall_satisfaction": nps}, assignment=first)
    for _i in range(4):  # four candidates of Karin's: below the rule of five
        respond("candidate", dt.date(2025, 3, 1), {"ad_clear": "ja", "overall": 8}, consultant=karin)
    for _i in range(2):  # two of Kalle's: the department has six
        respond("candidate", dt.date(2025, 3, 1), {"ad_clear": "ja", "overall": 6}, consultant=kalle)
    respond("six_month", dt.date(2025, 5, 1), {"match": 8, "use_again": "ja"}, assignment=first)
    flag = LowScoreFlag.objects.create(assignment=first, response=first.responses.first(), reason="NPS 5",
                                       follow_up_note="Ringt kunden, nytt möte bokat",
                                       followed_up_at=timezone.make_aware(dt.datetime(2025, 4, 20, 10)))
    LowScoreFlag.objects.filter(pk=flag.pk).update(created_at=timezone.make_aware(dt.datetime(2025, 4, 5, 10)))
    summarise()
    return karin


def test_the_review_s_figures_are_the_kpi_report_of_the_consultant_s_scope(karins_year):
    figures = review_figures(karins_year, 2025, 1)
    assert figures.period == H1_2025
    assert figures.consultant.report == kpi_report_for(Scope(consultant=karins_year), H1_2025)
    assert figures.previous.report == kpi_report_for(
        Scope(consultant=karins_year), Period(2024, None, dt.date(2024, 7, 1), dt.date(2024, 12, 31)))
    assert figures.department.report == kpi_report_for(Scope(), H1_2025)


def test_the_figures_by_hand_for_the_consultant_the_half_year_before_and_the_department(karins_year):
    figures = review_figures(karins_year, 2025, 1)
    me, before, dept = figures.consultant, figures.previous, figures.department
    assert (me.report.assignments.closed, before.report.assignments.closed, dept.report.assignments.closed) == (
        3, 1, 4)
    assert (me.report.assignments.revenue_sek, dept.report.assignments.revenue_sek) == (70000.0, 120000.0)
    assert (me.hours.total, me.hours.closed_with_hours, me.hours.mean) == (50.5, 2, 25.25)
    assert (dept.hours.total, dept.hours.closed_with_hours) == (90.5, 3)
    assert (me.year_to_date["budget_sek"], me.year_to_date["budget_share"]) == (280000.0, 0.25)
    assert (dept.year_to_date["budget_sek"], dept.year_to_date["revenue_sek"]) == (400000.0, 120000.0)
    # 2 promoters and 1 detractor of 3
    assert (me.report.customer.responses, me.report.customer.nps) == (3, pytest.approx(100 / 3))
    assert me.report.candidate.responses is None  # four answers: withheld
    assert dept.report.candidate.responses == 6
    assert (me.report.six_month.responses, me.report.six_month.match_mean) == (1, 8.0)
    assert [f.follow_up_note for f in figures.flags] == ["Ringt kunden, nytt möte bokat"]


def test_the_page_shows_the_figures_and_withholds_the_consultant_s_candidate_figures(client, people, karins_year):
    client.force_login(people.maria)
    text = client.get(reverse("reviews:detail", kwargs={"pk": karins_year.pk, "year": 2025, "half": 1})
                      ).content.decode()
    rows = {r.label: r.cells for s in figure_sections(review_figures(karins_year, 2025, 1)) for r in s.rows}
    assert rows["Avslutade uppdrag"] == ["3", "1", "4"]
    assert rows["Nedlagda timmar på avslutade uppdrag"] == ["50,5", "12,0", "90,5"]
    assert rows["Andel av årets budget hittills"] == ["25,0\u00a0%", "–", "30,0\u00a0%"]
    assert rows["Intäkt, avslutade uppdrag"] == ["70\u00a0000\u00a0kr", "35\u00a0000\u00a0kr", "120\u00a0000\u00a0kr"]
    candidate = next(s for s in figure_sections(review_figures(karins_year, 2025, 1)) if s.title == "Kandidatenkät")
    assert candidate.rows[0].cells == ["visas inte (färre än 5 svar)", "0", "6"]
    assert "70\u00a0000\u00a0kr" in text and "visas inte (färre än 5 svar)" in text
    assert "Ringt kunden, nytt möte bokat" in text


def test_the_pdf_for_the_personnel_file_carries_the_notes_goals_and_figures(client, people, karins_year):
    client.force_login(people.maria)
    url = reverse("reviews:detail", kwargs={"pk": karins_year.pk, "year": 2025, "half": 1})
    client.post(url, {"goals": "Leda två chefsrekryteringar", "actions": "Testcertifiering i höst",
                      "manager_notes": "Starkt halvår", "held_on": "2025-06-12"})
    client.force_login(people.karin)
    client.post(url, {"consultant_notes": "Vill gå kursen i intervjuteknik"})
    response = client.get(reverse("reviews:pdf", kwargs={"pk": karins_year.pk, "year": 2025, "half": 1}))
    assert response["Content-Type"] == "application/pdf"
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True,
                          check=True).stdout.decode()
    flat = " ".join(text.split())
    for expected in ("Resultatsamtal: Karin Konsult, 2025, halvår 1", "Hållet 2025-06-12",
                     "Leda två chefsrekryteringar", "Testcertifiering i höst", "Starkt halvår",
                     "Vill gå kursen i intervjuteknik", "70 000 kr", "visas inte (färre än 5 svar)",
                     "Ringt kunden, nytt möte bokat"):
        assert expected in flat, expected


def test_late_steps_and_their_causes_are_the_consultant_s_against_the_department_s(people):
    from timeline.services import plan_lay, plan_step_cause_set
    from timeline.steps import Cause

    def plan(lead, open_from=None):
        """A plan from 3 March 2025 (decision 8 May, closed 15 May), ticked on time up to `open_from`."""
        laid = plan_lay(assignment=AssignmentFactory(lead_consultant=lead), start_on=dt.date(2025, 3, 3))
        for step in laid.steps.all():
            if open_from is None or step.position < open_from:
                step.done_on = step.planned_on
                step.save(update_fields=["done_on"])
        return laid

    late = plan(people.karin.consultant, open_from=7)  # the decision and the closing still open on 30 June
    plan_step_cause_set(plan_step=late.steps.get(step="decision"), cause=Cause.CUSTOMER)
    plan(people.kalle.consultant)
    rows = {r.label: r.cells for s in figure_sections(review_figures(people.karin.consultant, 2025, 1))
            for r in s.rows}
    assert rows["Beslut i tid"] == ["0,0\u00a0%", "–", "50,0\u00a0%"]
    assert rows["Försenade moment"] == ["2", "0", "2"]
    assert rows["Försenade moment: Kundens tillgänglighet"] == ["1", "0", "1"]
    assert rows["Försenade moment: Orsak inte angiven"] == ["1", "0", "1"]
