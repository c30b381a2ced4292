"""The seeded plans (2023, 2025, 2026), copying a plan to a new year, and the goals section of the kpi JSON."""
import datetime as dt
from decimal import Decimal

import pytest

from goals.kpi import kpi_json
from goals.models import Activity, Goal, Indicator, Plan
from goals.services import PlanExists, plan_copy
from tests.reporting.helpers import respond

pytestmark = pytest.mark.django_db

# Every row of DOMAIN.md's table "The 2025 plan's indicators for recruitment": key(s), target(s), period(s).
DOMAIN_2025 = [
    ("Andel i procent av förskoleförvaltningens rekryteringar", [("preschool_share", 80, "tertial")]),
    ("Andel av utbildningsförvaltningens chefsrekryteringar", [("edu_manager_share", 40, "tertial")]),
    ("Andel av utbildningsförvaltningens rekryteringar", [("edu_share", 5, "tertial")]),
    ("Antal KBR-utbildningar utförda för stadsdelsförvaltningar", [
        ("kbr_districts_preschool", 6, "tertial"), ("kbr_districts_social", 6, "year"),
        ("kbr_districts_elderly", 6, "tertial")]),
    ("Stadsdelar där vi rekryterar chefer till förskolan", [("districts_preschool_managers", 5, "tertial")]),
    ("Andel av socialförvaltningens rekryteringar", [("social_share", 55, "tertial")]),
    ("Stadsdelar där vi rekryterar chefer till socialtjänsten", [("districts_social_managers", 8, "tertial")]),
    ("Stadsdelsförvaltningar, chefsrekrytering till äldreomsorgen (nämndmål)",
     [("districts_elderly_managers_board", 8, "year")]),
    ("Stadsdelsförvaltningar, medarbetarrekrytering till äldreomsorgen (nämndmål)",
     [("districts_elderly_staff_board", 7, "year")]),
    ("Andel av äldreförvaltningens rekryteringar", [("elderly_share", 75, "tertial")]),
    ("Stadsdelsförvaltningar, medarbetare till äldreomsorgen (enhetsmål)", [("districts_elderly_staff", 6, "tertial")]),
    ("Stadsdelar där vi rekryterar chefer till äldreomsorgen (enhetsmål)",
     [("districts_elderly_managers", 7, "tertial")]),
    ("Andel chefsrekryteringar inom stadens förvaltningar", [("city_manager_share", 35, "year")]),
    ("Andel rekryteringar inom stadens förvaltningar", [("city_share", 13, "tertial")]),
    ("NPS", [("nps", 70, "tertial")]),
    ("Omsättning per årsarbetare", [("revenue_per_fte", 1200000, "tertial")]),
    ("Antal sålda searchpaket", [("search_packages", 30, "year")]),
    ("Antal utförda KBR-utbildningar", [("kbr_trainings", 9, "tertial")]),
    ("Utvecklingsgruppernas erfarenhetsdelning", [("knowledge_sharing", 6, "year")]),
    ("Andel nöjda kunder", [("satisfied_customers", 97, "tertial")]),
    ("Andel nöjda rekryterade kandidater", [("satisfied_candidates", 95, "tertial")]),
    ("Antal svar på kandidatenkäten", [("candidate_answers", 300, "tertial")]),
    ("Betyg: Hur väl matchar din nya medarbetare tjänsten?", [("six_month_match", 9, "tertial")]),
    ("Snittbetyg i kundundersökning", [("customer_total_mean", Decimal("9.5"), "tertial")]),
    ("Svarsfrekvens kundenkät", [("customer_response_rate", 75, "tertial")]),
    ("Svarsfrekvens sexmånadersenkät", [("six_month_response_rate", 65, "tertial")]),
    ("KBR-utbildningens betyg", [("training_grade", Decimal("8.5"), "year")]),
    ("Feriejobb / Stockholmsjobb / praktikplatser", [
        ("summer_jobs", 5, "tertial"), ("stockholm_jobs", 2, "tertial"), ("internships", 10, "tertial")]),
    ("Aktivt medskapandeindex (KF)", [("ami_kf", 83, "year")]),
    ("Sjukfrånvaro / dag 1-14", [("sick_leave", 6, "tertial"), ("sick_leave_short", Decimal("2.2"), "tertial")]),
    ("AMI i medarbetarenkäten (enhetsmål)", [("ami", 89, "year")]),
    ("Studiebesök på avdelningsmöten", [("study_visits", 6, "year")]),
    ("Engagemangsmätning: laganda / sammanräknat", [
        ("engagement_team", 9, "tertial"), ("engagement_total", Decimal("8.5"), "tertial")]),
    ("Jag kan rekommendera min arbetsplats till andra", [("recommend_workplace", 85, "tertial")]),
    ("Andel kandidater: icke-diskriminerande", [("candidates_non_discriminatory", 97, "tertial")]),
    ("Andel kunder: kompetensbaserat och fördomsmedvetet", [("customers_competency_based", 97, "tertial")]),
    ("Andel rekryteringsprocesser med personligt brev", [("personal_letter_share", 35, "tertial")]),
    ("Antal rekryteringsprocesser med screeningtester", [("screening_processes", 50, "tertial")]),
]


def test_every_indicator_of_the_2025_table_is_seeded_with_its_target_and_period():
    assert len(DOMAIN_2025) == 38
    seeded = {i.key: i for i in Indicator.objects.filter(plan__year=2025)}
    for row, expected in DOMAIN_2025:
        for key, target, periodicity in expected:
            assert key in seeded, row
            assert seeded[key].target == Decimal(target), row
            assert seeded[key].periodicity == periodicity, row


def test_the_2025_plan_keeps_the_plans_names_kf_targets_directions_and_sources():
    ind = {i.key: i for i in Indicator.objects.filter(plan__year=2025).select_related("goal")}
    assert ind["personal_letter_share"].direction == "lower"
    assert ind["sick_leave"].direction == ind["sick_leave_short"].direction == "lower"
    assert ind["ami_kf"].kf_target == "83" and ind["ami_kf"].source == "ami"
    assert ind["summer_jobs"].kf_target == "Tas fram av nämnd/styrelse"
    assert ind["internships"].kf_target == "Tas fram av nämnd"
    assert ind["engagement_team"].name == "Engagemangsmätningens resultat avseende laganda"
    assert ind["nps"].measure == "nps" and ind["study_visits"].source == "entered"
    assert ind["edu_manager_share"].params["packages"] == ["CHEF", "HOGRE_CHEF", "SECOND_OPINION"]
    assert ind["districts_elderly_managers_board"].goal.level == "namndmal"
    assert ind["districts_elderly_managers"].goal.level == "enhetsmal"
    computed = [i for i in ind.values() if i.source == "computed"]
    assert len(computed) >= 30


def test_the_goal_chain_runs_from_kf_aims_to_unit_goals_with_explicit_predecessors():
    unit_goal = Goal.objects.get(plan__year=2025, text__startswith="SF rekrytering driver en fördomsmedveten")
    chain = []
    node = unit_goal
    while node:
        chain.append(node.level)
        node = node.parent
    assert chain == ["enhetsmal", "namndmal", "kf_mal", "kf_inriktningsmal"]
    assert unit_goal.predecessor.plan.year == 2023
    assert unit_goal.predecessor.text.startswith("SF Rekrytering driver en fördomsmedveten rekryteringsprocess")
    assert Activity.objects.filter(goal=unit_goal).count() == 5


def test_the_2023_plan_has_its_own_targets_and_2026_copies_2025_with_the_new_revenue_target():
    i2023 = {i.key: i for i in Indicator.objects.filter(plan__year=2023)}
    assert i2023["candidate_answers"].target == 400
    assert i2023["without_personal_letter"].target == 30
    assert i2023["aspects_candidates"].target == 200
    assert i2023["sick_leave"].target == Decimal("6.5")
    i2026 = {i.key: i for i in Indicator.objects.filter(plan__year=2026)}
    assert set(i2026) == set(Indicator.objects.filter(plan__year=2025).values_list("key", flat=True))
    assert i2026["revenue_per_fte"].target == 1300000
    assert i2026["nps"].target == 70
    assert Goal.objects.filter(plan__year=2026, predecessor__plan__year=2025).count() == \
        Goal.objects.filter(plan__year=2026).count()


def test_seeding_again_changes_nothing():
    import importlib

    from django.apps import apps

    before = Indicator.objects.count()
    importlib.import_module("goals.migrations.0002_seed_plans").seed(apps, None)
    assert Indicator.objects.count() == before


def test_a_plan_is_copied_with_goals_linked_activities_moved_and_indicators():
    plan = Plan.objects.get(year=2026)
    new = plan_copy(plan=plan, year=2027)
    assert new.goals.count() == plan.goals.count()
    assert new.indicators.count() == plan.indicators.count()
    copied = new.goals.get(text__startswith="SF rekrytering driver en fördomsmedveten")
    assert copied.predecessor.plan == plan and copied.parent.plan == new
    assert copied.parent.text == copied.predecessor.parent.text
    starts = sorted(a.starts_on.year for a in Activity.objects.filter(goal__plan=new))
    assert set(starts) == {2027}
    assert new.indicators.get(key="revenue_per_fte").target == 1300000
    assert new.indicators.get(key="nps").goal.plan == new
    with pytest.raises(PlanExists):
        plan_copy(plan=plan, year=2027)


def test_the_kpi_json_lists_the_years_indicators_and_ami():
    respond("customer", dt.date(2025, 3, 1), {"nps": 10})
    report = kpi_json(year=2025, tertial=2)
    assert report["customer"]["nps"] == 100.0
    assert len(report["indicators"]) >= 30
    nps = next(i for i in report["indicators"] if i["key"] == "nps")
    assert nps == {"key": "nps", "name": "Verksamhetsområde rekryterings NPS-värde visar att kundnöjdheten är hög",
                   "goal": "Servicenämnden erbjuder konkurrenskraftiga konsulttjänster i egen regi till förvaltningar "
                   "och bolag", "target": 70.0, "value": 100.0, "unit": "score", "direction": "higher",
                   "status": "met"}
    assert report["ami"] is None


def test_the_2020_plan_of_hr_service_is_seeded_and_linked_forward():
    i2020 = {i.key: i for i in Indicator.objects.filter(plan__year=2020)}
    assert i2020["hours_large_package"].target == 32 and i2020["hours_large_package"].direction == "lower"
    assert i2020["hours_manager_package"].measure == "mean_hours"
    assert i2020["candidate_response_rate"].target == 72
    assert i2020["summer_jobs"].kf_target == "Tas fram av nämnd"
    quality_2023 = Goal.objects.get(plan__year=2023, text="SF Rekryterings tjänster håller en hög kvalitet.")
    assert quality_2023.predecessor.plan.year == 2020
    assert quality_2023.predecessor.text.startswith("HR-service utvecklar kvaliteten")


def test_the_pdf_summary_counts_statuses_and_renders_a_section_per_goal():
    from django.template.loader import render_to_string

    from goals.report import tertial_summary

    summary = tertial_summary(year=2025, tertial=2)
    assert sum(summary["counts"].values()) == Indicator.objects.filter(plan__year=2025).count()
    html = render_to_string("goals/pdf_section.html", {"goals_summary": summary})
    assert "Indikatorer mot årsmål (T2 2025)" in html and "Antal sålda searchpaket" in html
    assert tertial_summary(year=1999, tertial=1) is None


def test_a_goal_can_only_follow_a_goal_of_an_earlier_plan():
    from django.core.exceptions import ValidationError

    g2025 = Goal.objects.filter(plan__year=2025).first()
    g2026 = Goal.objects.filter(plan__year=2026).first()
    g2025.predecessor = g2026
    with pytest.raises(ValidationError):
        g2025.full_clean()
