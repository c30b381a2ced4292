"""The goal pages: role matrix, the goal chain with fixed queries, drill-down, figures, editing, copying, Excel."""
import io
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assignments.models import Organisation
from goals.export import COLUMNS
from goals.models import EnteredFigure, Indicator, Plan
from tests.assignments.test_views_list import ATTACK, in_xlsx
from tests.factories import AssignmentFactory, OrganisationFactory, package

from .conftest import D

AMI_FILE = Path(__file__).resolve().parents[1] / "data" / "ami.csv"  # the shared sample, kept with the tests

pytestmark = pytest.mark.django_db

CHAIN = reverse("goals:chain", args=[2025])
PAGES = {
    "chain": (CHAIN, ("manager", "coordinator", "consultant_user")),
    "ami": (reverse("goals:ami"), ("manager", "coordinator")),
    "export": (reverse("goals:export", args=[2025]), ("manager", "coordinator")),
    "figures": (reverse("goals:figures", args=[2025]), ("manager",)),
    "edit_goal": (None, ("manager",)),
}
USERS = ("manager", "coordinator", "consultant_user", "outsider")
# The whole 2025 plan for the department: the page's own reads (session, user, plan, goals, ...), the kpi
# reports of T1, T2 and the year fetched together (one FILTER per period), every aggregate over assignments in
# one query, entered figures, AMI.
CHAIN_QUERIES = 24


def test_role_matrix(client, request):
    # one test looping over the matrix (not parametrized: pytest-playwright's browser parameter would
    # otherwise regroup these tests around the transactional end-to-end tests)
    wrong = []
    for page, (url, allowed) in PAGES.items():
        if url is None:
            url = reverse("goals:edit_goal", args=[Plan.objects.get(year=2025).goals.first().pk])
        for who in USERS:
            client.force_login(request.getfixturevalue(who))
            status = client.get(url).status_code
            if status != (200 if who in allowed else 403):
                wrong.append((page, who, status))
    assert wrong == []


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(CHAIN)
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]


def test_only_managers_copy_and_edit(client, coordinator):
    client.force_login(coordinator)
    assert client.post(reverse("goals:copy", args=[2026])).status_code == 403
    ind = Indicator.objects.get(plan__year=2025, key="nps")
    assert client.get(reverse("goals:edit_indicator", args=[ind.pk])).status_code == 403


def test_a_consultant_can_follow_only_their_own_scope(client, consultant_user, other_consultant_user):
    client.force_login(consultant_user)
    own = consultant_user.consultant.pk
    assert client.get(CHAIN, {"konsult": own}).status_code == 200
    assert client.get(CHAIN, {"konsult": other_consultant_user.consultant.pk}).status_code == 403


def test_the_goal_chain_shows_goals_indicators_status_as_text_and_drilldown_links(client, manager):
    for _ in range(3):
        AssignmentFactory(package=package("KBR"), ordered_on=D(2025, 2, 1))
    client.force_login(manager)
    response = client.get(CHAIN, {"tertial": "T1"})
    html = response.content.decode()
    assert "KF:s inriktningsmål" in html and "Enhetsmål" in html
    assert "Antal utförda KBR-utbildningar" in html
    row = html.split('data-indicator="kbr_trainings"')[1].split("</tr>")[0]
    assert "Ej uppfyllt" in row and "I fas för helåret" in row  # 3 of 9 after four months
    ind = Indicator.objects.get(plan__year=2025, key="kbr_trainings")
    assert reverse("goals:drilldown", args=[ind.pk]) in row


def test_the_goal_chain_runs_a_fixed_number_of_queries(client, manager, django_assert_num_queries):
    client.force_login(manager)
    client.get(CHAIN)  # warm up session and content types
    with django_assert_num_queries(CHAIN_QUERIES):
        assert client.get(CHAIN).status_code == 200
    edu = OrganisationFactory(name="Utbildningsförvaltningen")
    for i in range(25):
        AssignmentFactory(organisation=edu, ordered_on=D(2025, 1 + i % 12, 1), package=package("CHEF"),
                          role_level="chef")
    EnteredFigure.objects.create(year=2025, period="T1", key="ads_published", organisation=edu, value=100)
    with django_assert_num_queries(CHAIN_QUERIES):
        assert client.get(CHAIN, {"tertial": "T2"}).status_code == 200


def test_the_drilldown_lists_the_assignments_behind_a_computed_value(client, manager):
    AssignmentFactory(reference="2025-0777", package=package("SEARCH"), ordered_on=D(2025, 3, 1))
    AssignmentFactory(reference="2025-0778", package=package("SEARCH"), ordered_on=D(2025, 7, 1))
    ind = Indicator.objects.get(plan__year=2025, key="search_packages")
    client.force_login(manager)
    html = client.get(reverse("goals:drilldown", args=[ind.pk]), {"tertial": "T1"}).content.decode()
    assert "2025-0777" in html and "2025-0778" not in html
    entered = Indicator.objects.get(plan__year=2025, key="study_visits")
    assert client.get(reverse("goals:drilldown", args=[entered.pk])).status_code == 404


def test_a_manager_enters_figures_for_a_period(client, manager):
    edu = OrganisationFactory(name="Utbildningsförvaltningen")
    Organisation.objects.filter(name="Förskoleförvaltningen").delete()  # the migration adds it; here it is gone
    client.force_login(manager)
    url = reverse("goals:figures", args=[2025])
    page = client.get(url, {"period": "T1"})
    form = page.context["form"]
    fields = {s.label: s.field for s in form.specs}
    ads_field = fields["Publicerade annonser – Utbildningsförvaltningen"]
    sick_field = fields["Sjukfrånvaro"]
    assert form.fields[fields["Publicerade annonser – Förskoleförvaltningen"]].disabled  # not in the register
    response = client.post(url, {"period": "T1", ads_field: "40", f"{ads_field}_note": "Jobba i stan",
                                 sick_field: "4,5"})
    assert response.status_code == 302
    ads = EnteredFigure.objects.get(key="ads_published", organisation=edu)
    assert (ads.period, ads.value, ads.note, ads.entered_by) == ("T1", 40, "Jobba i stan", manager)
    assert str(EnteredFigure.objects.get(key="sick_leave").value.normalize()) == "4.5"
    bad = client.post(url, {"period": "T1", ads_field: "-3", sick_field: "mycket"})
    assert bad.status_code == 200 and "Inget sparades" in bad.content.decode()
    assert EnteredFigure.objects.get(key="ads_published", organisation=edu).value == 40


def test_a_manager_edits_an_indicator_and_copies_the_plan(client, manager):
    client.force_login(manager)
    ind = Indicator.objects.get(plan__year=2026, key="nps")
    data = {"goal": ind.goal_id, "key": "nps", "name": ind.name, "target": "75", "target_text": "", "kf_target": "",
            "periodicity": "tertial", "unit": "score", "direction": "higher", "source": "computed",
            "measure": "nps", "params": "{}", "order": ind.order}
    assert client.post(reverse("goals:edit_indicator", args=[ind.pk]), data).status_code == 302
    ind.refresh_from_db()
    assert ind.target == 75
    assert ind.history.latest().history_user == manager  # who changed what is kept
    bad = client.post(reverse("goals:edit_indicator", args=[ind.pk]), {**data, "measure": "", "target": "x"})
    assert bad.status_code == 200
    # a new indicator on a goal; a key already used in the plan is refused
    add = reverse("goals:add_indicator", args=[ind.goal_id])
    assert client.post(add, {**data, "key": "nps"}).status_code == 200
    assert client.post(add, {**data, "key": "nps_second", "name": "Ny", "target": "80"}).status_code == 302
    assert Indicator.objects.get(plan__year=2026, key="nps_second").goal_id == ind.goal_id
    response = client.post(reverse("goals:copy", args=[2026]))
    assert response.status_code == 302
    assert Indicator.objects.get(plan__year=2027, key="nps").target == 75


def test_the_excel_export_has_the_plans_columns(client, coordinator):
    AssignmentFactory(package=package("SEARCH"), ordered_on=D(2025, 3, 1))
    client.force_login(coordinator)
    response = client.get(reverse("goals:export", args=[2025]), {"tertial": "T1"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == COLUMNS == ["Indikator", "Årsmål", "KF:s årsmål", "Periodicitet", "Utfall T1",
                                        "Utfall T2", "Utfall T3", "Status", "Saknas"]
    search = next(r for r in rows if r[0] == "Antal sålda searchpaket")
    assert search[1:5] == ("30", None, "År", "1")
    assert search[7] == "Ej uppfyllt"
    nps = next(r for r in rows if r[0] and r[0].startswith("Verksamhetsområde rekryterings NPS"))
    assert nps[1] == "70 NPS" and nps[7] == "Inga data"


@pytest.mark.parametrize("attack", [ATTACK, " " + ATTACK, "\t" + ATTACK, "\r" + ATTACK])
def test_it_neutralises_formulas_in_the_goals_excel(client, coordinator, attack):
    AssignmentFactory(package=package("SEARCH"), ordered_on=D(2025, 3, 1))
    client.force_login(coordinator)
    client.get(reverse("goals:export", args=[2025]), {"tertial": "T1"})  # makes sure the plan exists
    indicator = Indicator.objects.filter(plan__year=2025).first()
    Indicator.objects.filter(pk=indicator.pk).update(name=attack, kf_target=" -1+1", target_text="\t@x")
    response = client.get(reverse("goals:export", args=[2025]), {"tertial": "T1"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    row = next(r for r in sheet.iter_rows() if r[0].value == in_xlsx("'" + attack))
    assert [c.value for c in row[:3]] == [in_xlsx("'" + attack), "'\t@x", "' -1+1"]
    assert all(cell.data_type != "f" for r in sheet.iter_rows() for cell in r)


def test_the_ami_page_shows_the_trend_against_the_target(client, manager):

    from django.core.management import call_command

    call_command("import_employee_survey", str(AMI_FILE), "--year", "2025")
    call_command("import_employee_survey", str(AMI_FILE), "--year", "2023",
                 "--official-total", "86")
    client.force_login(manager)
    html = client.get(reverse("goals:ami")).content.decode()
    assert "<svg" in html and "83,5" in html and "86,0" in html
    assert "Ej uppfyllt" in html  # 83.5 against the 2025 target 89
    call_command("import_employee_survey", str(AMI_FILE), "--year", "2025",
                 "--scope", "administration", "--official-total", "81")
    assert "81,0" in client.get(reverse("goals:ami")).content.decode()  # the administration for comparison
    import re

    points = re.search(r'<polyline class="line" points="([^"]+)"', html).group(1)
    assert re.fullmatch(r"[0-9.]+,[0-9.]+ [0-9.]+,[0-9.]+", points)  # SVG coordinates are not localised


def test_a_manager_imports_a_figures_file_in_the_browser(client, manager, coordinator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("goals:import_figures", args=[2025])
    good = SimpleUploadedFile("f.csv", b"year,period,key,organisation,value,note\n2025,T1,sick_leave,,3,\n")
    client.force_login(coordinator)
    assert client.post(url, {"file": good}).status_code == 403
    client.force_login(manager)
    good.seek(0)
    assert client.post(url, {"file": good}).status_code == 302
    assert EnteredFigure.objects.get(key="sick_leave").value == 3
    bad = SimpleUploadedFile("f.csv", b"year,period,key,organisation,value,note\n2025,T9,sick_leave,,4,\n")
    response = client.post(url, {"file": bad})
    assert response.status_code == 400 and "Rad 2, kolumn period" in response.content.decode()
    assert EnteredFigure.objects.get(key="sick_leave").value == 3


def test_a_manager_loads_the_employee_survey_in_the_browser(client, manager):

    from django.core.files.uploadedfile import SimpleUploadedFile

    from goals.models import EmployeeSurvey

    client.force_login(manager)
    content = AMI_FILE.read_bytes()
    response = client.post(reverse("goals:import_survey"), {
        "file": SimpleUploadedFile("ami.csv", content), "year": "2024", "scope": "department",
        "official_total": "89"})
    assert response.status_code == 302
    assert EmployeeSurvey.objects.get(year=2024).statements.count() == 9


def test_the_drilldown_of_a_candidate_question_hides_fewer_than_five_answers(client, manager):
    """The rule of five (reporting.privacy): not even how many candidates answered, below five."""
    from tests.reporting.helpers import respond

    a = AssignmentFactory()
    for _ in range(4):
        respond("candidate", D(2025, 3, 1), {"non_discriminatory": "ja"}, assignment=a)
    ind = Indicator.objects.get(plan__year=2025, key="candidates_non_discriminatory")
    client.force_login(manager)
    html = client.get(reverse("goals:drilldown", args=[ind.pk]), {"tertial": "T1"}).content.decode()
    assert "För få svar för att visa" in html
    assert "4 rader" not in html and "2025-03-01" not in html
    respond("candidate", D(2025, 3, 1), {"non_discriminatory": "ja"}, assignment=a)
    html = client.get(reverse("goals:drilldown", args=[ind.pk]), {"tertial": "T1"}).content.decode()
    assert "5 rader" in html


def test_the_drilldown_of_a_candidate_question_lists_no_answer_with_its_day_or_package(client, manager):
    """Five or more candidate answers were listed one per row with day and package: a consultant
    could match a row to the one hire whose link was out that day in that package."""
    from tests.reporting.helpers import respond

    for day in range(1, 6):
        respond("candidate", D(2025, 3, day), {"non_discriminatory": "ja"}, assignment=AssignmentFactory())
    ind = Indicator.objects.get(plan__year=2025, key="candidates_non_discriminatory")
    client.force_login(manager)
    html = client.get(reverse("goals:drilldown", args=[ind.pk]), {"tertial": "T1"}).content.decode()
    assert "5 rader" in html and "visas inte ett och ett" in html
    assert "Enkätsvar bakom värdet" not in html
    for day in range(1, 6):
        assert f"2025-03-0{day}" not in html


def test_the_chain_rows_status_cell_is_the_status_template_in_python():
    # the goal chain renders its status cells in Python (goals_tags.indicator_rows); the drill-down
    # includes goals/_status.html: both give the same HTML for every kind of result
    from django.template.loader import render_to_string

    from goals.lacks import Lack
    from goals.status import judge
    from goals.templatetags.goals_tags import _status_html

    lack = Lack(text="Saknar <siffror> & mer", url="/mal/2025/siffror/?period=T1&nyckel=x", link_text="Mata in",
                roles=("manager",))
    results = [
        judge(value=12, target=10, direction="higher", unit="count", periodicity="tertial", period="T2"),
        judge(value=3, target=10, direction="higher", unit="count", periodicity="tertial", period="T1"),
        judge(value=55.5, target=80, direction="higher", unit="percent", periodicity="year", period="year"),
        judge(value=1_200_000, target=1_000_000, direction="lower", unit="sek", periodicity="year", period="T3"),
        judge(value=None, target=10, direction="higher", unit="count", periodicity="year", period="T2",
              department_wide=True),
    ]
    results.append(results[-1].__class__(**{**results[-1].__dict__, "lack": lack}))
    for roles in ((), ("manager",)):
        for r in results:
            assert _status_html(r, "count" if r.expected else "percent", roles) == render_to_string(
                "goals/_status.html", {"r": r, "unit": "count" if r.expected else "percent", "user_roles": roles})
