"""The dashboard pages: who sees which scope, the sections, Swedish numbers that match the KPI JSON."""
import datetime as dt
import io
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from assignments.models import Unit
from reporting.dashboard.pages import all_pages
from reporting.dashboard.tables import MEAN, MONEY, NPS
from reporting.formatting import format_value
from reporting.selectors import kpi_report
from tests.factories import AssignmentFactory, ConsultantFactory
from timeline.services import plan_lay

from .dashboard_helpers import candidate_answers, customer_answers, query
from .helpers import respond, sheet_codes, summarise
from .sample_loader import load_samples

pytestmark = pytest.mark.django_db


def test_it_sends_anonymous_visitors_to_log_in(client):
    response = client.get("/rapporter/")
    assert response.status_code == 302
    assert "/konto/logga-in/" in response["Location"]


def test_it_refuses_a_user_without_a_role(client, outsider):
    client.force_login(outsider)
    assert client.get("/rapporter/").status_code == 403
    assert client.get(f"/rapporter/export/?{query(format='csv', table='kund_sammanfattning')}").status_code == 403


def test_a_manager_sees_the_department_every_unit_and_every_consultant(client, manager, other_consultant_user):
    client.force_login(manager)
    page = client.get(f"/rapporter/?{query()}")
    assert page.status_code == 200
    assert "Hela avdelningen" in page.content.decode()
    other = other_consultant_user.consultant
    page = client.get(f"/rapporter/?{query(consultant=other.pk)}")
    assert page.status_code == 200
    assert "Kalle Konsult" in page.content.decode()
    unit = Unit.objects.get(name="Enhet 1")
    assert client.get(f"/rapporter/?{query(unit=unit.pk)}").status_code == 200


def test_a_coordinator_sees_every_consultant(client, coordinator, other_consultant_user):
    client.force_login(coordinator)
    assert client.get(f"/rapporter/?{query(consultant=other_consultant_user.consultant.pk)}").status_code == 200


def test_a_consultant_sees_their_own_results_against_the_group(client, consultant_user, other_consultant_user):
    customer_answers(consultant_user.consultant, 2, nps=10)
    customer_answers(other_consultant_user.consultant, 2, nps=3)
    client.force_login(consultant_user)
    page = client.get(f"/rapporter/?{query()}").content.decode()
    summary = page.split('id="tabell-kund_sammanfattning"')[1].split("</table>")[0]
    assert "Karin Konsult" in summary and "Avdelningen" in summary
    nps_row = next(r for r in summary.split("<tr>") if ">NPS<" in r)
    assert '>100,0</span> <span class="cell-note">' in nps_row  # own: two promoters
    assert '>0,0</span> <span class="cell-note">' in nps_row  # the group: two promoters, two detractors
    surveys = client.get(f"/rapporter/enkater/?{query()}").content.decode()
    assert 'id="tabell-kund_fragor"' in surveys
    for html in (page, surveys):
        assert 'id="tabell-per_konsult"' not in html  # no list of colleagues
        assert "Kalle Konsult" not in html


def test_a_consultant_gets_403_for_another_consultant_or_a_unit(client, consultant_user, other_consultant_user):
    client.force_login(consultant_user)
    other = other_consultant_user.consultant
    assert client.get(f"/rapporter/?{query(consultant=other.pk)}").status_code == 403
    assert client.get(f"/rapporter/?{query(consultant=consultant_user.consultant.pk)}").status_code == 200
    assert client.get(f"/rapporter/?{query(unit=Unit.objects.get(name='Enhet 1').pk)}").status_code == 403
    export = f"/rapporter/export/?{query(consultant=other.pk, format='xlsx')}"
    assert client.get(export).status_code == 403


def test_it_explains_a_bad_choice_in_swedish(client, manager, other_consultant_user):
    client.force_login(manager)
    unit = Unit.objects.get(name="Enhet 1")
    response = client.get(f"/rapporter/?{query(unit=unit.pk, consultant=other_consultant_user.consultant.pk)}")
    assert response.status_code == 400
    assert "Välj antingen en enhet eller en konsult, inte båda." in response.content.decode()
    response = client.get("/rapporter/?year=2025&alone=on")
    assert response.status_code == 400
    assert "kräver att ett tertial är valt" in response.content.decode()


def test_it_shows_the_same_numbers_as_the_kpi_json(client, manager):
    load_samples()
    client.force_login(manager)
    page = client.get("/rapporter/?year=2025&tertial=2").content.decode()
    report = kpi_report(year=2025, tertial=2).to_json()
    for value, kind in ((report["customer"]["nps"], NPS), (report["customer"]["total_mean"], MEAN),
                        (report["assignments"]["revenue_sek"], MONEY)):
        assert format_value(value, kind) in page
    assert "Nöjd = 8–10" in page


def test_it_marks_values_that_rose_by_symbol_and_text(client, manager):
    respond("customer", dt.date(2024, 5, 1), {"planning": 8})
    respond("customer", dt.date(2025, 5, 1), {"planning": 9})
    client.force_login(manager)
    page = client.get("/rapporter/ar-for-ar/?year=2025").content.decode()
    table = page.split('id="tabell-ar_for_ar_customer"')[1].split("</table>")[0]
    row = next(r for r in table.split("<tr>") if "Väl planerad" in r)
    assert '<span class="rose" aria-hidden="true">▲</span><span class="visually-hidden">ökning</span>' in row


def test_the_tertial_alone_and_the_year_before_are_offered(client, manager):
    respond("customer", dt.date(2025, 2, 1), {"planning": 4})
    respond("customer", dt.date(2025, 6, 1), {"planning": 10})
    respond("customer", dt.date(2024, 6, 1), {"planning": 6})
    client.force_login(manager)
    page = client.get("/rapporter/enkater/?year=2025&tertial=2&alone=on&compare=on").content.decode()
    questions = page.split('id="tabell-kund_fragor"')[1].split("</table>")[0]
    assert "T2 2025 (bara tertialen)" in questions and "T2 2024 (bara tertialen)" in questions
    assert ">10,00<" in questions and ">6,00<" in questions and "4,00" not in questions


# Queries per dashboard page of the department, whatever the data size: 4 for the session, roles and
# the form's choices (every list and the package names in one), the rest the page's own figures. The
# bench asserts the same on ten years of data.
# Each read of survey figures is two queries: the summary's fingerprints and its rows (unfiltered whole
# months), else the answers and the responses. A page compares the fingerprints of every month it reads
# once; the comparison with the year before reads both periods' survey figures in one fetch.
SURVEY_READ = 2
PAGE_QUERIES = {
    # + NPS per tertial and the plan's targets (its target line), + the viewer's open AAR actions (the start page)
    "/rapporter/": 13 + SURVEY_READ,
    "/rapporter/?compare=on": 13 + SURVEY_READ,  # both periods' register figures in one pass per table
    "/rapporter/enkater/": 9 + SURVEY_READ,
    "/rapporter/uppdrag/": 8,
    "/rapporter/ledtider/": 8,
    "/rapporter/nya-kunder/": 6,
    "/rapporter/kommentarer/": 5,
    "/rapporter/tidplaner/": 7,  # + closed days, plan steps, status changes (timeline.selectors)
    "/rapporter/ar-for-ar/": 9 + SURVEY_READ,  # + the plan's targets (the charts' target lines)
    "/rapporter/bestallningar/": 6,  # orders/dashboard.py: the counts, the orders' dates (no status changes here)
}


def some_data(size: int) -> None:
    for i in range(size):
        consultant = ConsultantFactory()
        customer_answers(consultant, 2, nps=i % 11)
        candidate_answers(consultant, 1 + i % 7, comment="Bra")
        AssignmentFactory(lead_consultant=consultant, status="selection", ordered_on=dt.date(2024, 1, 1))
        closed = AssignmentFactory(lead_consultant=consultant, status="closed_hired", ordered_on=dt.date(2025, 1, 2),
                                   closed_on=dt.date(2025, 3, 1))
        plan_lay(assignment=closed, start_on=dt.date(2025, 1, 13))  # the timelines page judges its steps


# After T1, a page with candidate figures also reads the year's candidate answers per tertial up to the
# period's end (reporting.privacy.tertials_shown): the summary's rows, inside the page's comparison.
YEAR_CHECK = {"/rapporter/": 1, "/rapporter/?compare=on": 1, "/rapporter/enkater/": 1, "/rapporter/ar-for-ar/": 1}


@pytest.mark.parametrize("size", [1, 12])
@pytest.mark.parametrize("tertial", [1, 2])
def test_every_dashboard_page_uses_a_fixed_number_of_queries(client, manager, django_assert_num_queries, size,
                                                             tertial):
    some_data(size)
    summarise()  # as after the services' commits; a stale month costs its rebuild once (test_survey_months.py)
    client.force_login(manager)
    client.get("/")  # session and roles warm
    for url, queries in PAGE_QUERIES.items():
        sep = "&" if "?" in url else "?"
        queries += YEAR_CHECK.get(url, 0) if tertial > 1 else 0
        with django_assert_num_queries(queries, info=url):
            response = client.get(f"{url}{sep}year=2025&tertial={tertial}")
        assert response.status_code == 200, url
        assert 'id="tabell-' in response.content.decode(), url


def test_the_year_over_year_tables_equal_the_selector_for_every_survey():
    from reporting.dashboard.yoy import survey_yoy_all
    from reporting.periods import Period
    from reporting.selectors import Scope, survey_yoy

    load_samples()
    respond("training", dt.date(2023, 3, 1), {"overall": 7})
    for scope in (Scope(), Scope(unit=Unit.objects.get(name="Enhet 1"))):
        for period in (Period.for_report(2025), Period.for_report(2025, 1)):
            together = survey_yoy_all(period=period, scope=scope)
            assert together == {kind: survey_yoy(kind=kind, period=period, scope=scope) for kind in together}


def test_it_lists_new_hiring_managers_and_organisations(client, manager):
    AssignmentFactory(ordered_on=dt.date(2024, 5, 1), contact__name="Gammal Chef", organisation__name="Gamla förv.")
    AssignmentFactory(ordered_on=dt.date(2025, 2, 1), contact__name="Ny Chef", organisation__name="Nya förv.")
    client.force_login(manager)
    page = client.get(f"/rapporter/nya-kunder/?{query()}").content.decode()
    managers = page.split('id="tabell-nya_chefer"')[1].split("</table>")[0]
    organisations = page.split('id="tabell-nya_organisationer"')[1].split("</table>")[0]
    assert "Ny Chef" in managers and "Gammal Chef" not in managers
    assert "Nya förv." in organisations and "Gamla förv." not in organisations


def test_a_new_answer_shows_at_once(client, manager):
    respond("customer", dt.date(2025, 2, 1), {"planning": 4})
    client.force_login(manager)
    url = f"/rapporter/?{query()}"
    assert ">4,00<" in client.get(url).content.decode()
    respond("customer", dt.date(2025, 2, 2), {"planning": 10})
    assert ">7,00<" in client.get(url).content.decode()


def test_it_opens_on_the_current_tertial_year_to_date(client, manager):
    import time_machine

    client.force_login(manager)
    with time_machine.travel(dt.datetime(2025, 6, 15, 12, 0), tick=False):
        page = client.get("/rapporter/").content.decode()
    assert "T2 2025 (hittills i år)" in page
    assert "Perioden 2025-01-01 – 2025-08-31." in page


def test_it_shows_each_consultants_open_assignments(client, manager, consultant_user):
    AssignmentFactory(lead_consultant=consultant_user.consultant, status="selection", role_level="chef")
    AssignmentFactory(lead_consultant=consultant_user.consultant, status="interviews")
    AssignmentFactory(lead_consultant=consultant_user.consultant, status="closed_hired", closed_on=dt.date(2025, 3, 1))
    client.force_login(manager)
    page = client.get(f"/rapporter/ledtider/?{query()}").content.decode()
    table = page.split('id="tabell-belastning"')[1].split("</table>")[0]
    row = next(r for r in table.split("<tr>") if "Karin Konsult" in r)
    assert '<td class="text-end">2</td><td class="text-end">1</td>' in row


def _table_names(html: str) -> set[str]:
    return set(re.findall(r'<table [^>]*id="tabell-(\w+)"', html))


def test_each_page_shows_its_tables_and_only_its_tables(client, manager):
    some_data(3)
    client.force_login(manager)
    every = {name for page in all_pages() for name in page.table_names}  # with the pages added from above
    assert len(every) == sum(len(page.table_names) for page in all_pages())  # each table on one page
    shown = set()
    for page in all_pages():
        html = client.get(f"{reverse(f'reporting:{page.url_name}')}?{query()}").content.decode()
        tables = _table_names(html) & every  # not the data tables under the charts
        assert tables == set(page.table_names), page.key
        shown |= tables
    assert shown == every
    book = load_workbook(io.BytesIO(client.get(f"/rapporter/export/?{query(format='xlsx')}").content))
    assert sheet_codes(book) == every  # the all-tables export has every page's tables


def test_the_filters_survive_moving_between_pages(client, manager):
    client.force_login(manager)
    filters = query(compare="on", package="CHEF", sector="skola")
    html = client.get(f"/rapporter/uppdrag/?{filters}").content.decode()
    nav = html.split('<nav aria-label="Rapportens sidor"')[1].split("</nav>")[0]
    links = re.findall(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', nav)
    assert [title for _href, _current, title in links] == [str(page.title) for page in all_pages()]
    expected = escape(filters)
    for (href, current, _title), page in zip(links, all_pages(), strict=True):
        assert href == f"{reverse(f'reporting:{page.url_name}')}?{expected}"
        assert bool(current) == (page.key == "register")
    next_page = client.get(unescape(links[0][0])).content.decode()  # follow a link: the same filters are chosen
    assert '<option value="CHEF" selected>' in next_page and 'name="compare" id="id_compare" checked' in next_page
    assert f"/rapporter/export/?{expected}&amp;format=xlsx" in next_page


def test_a_single_table_export_builds_only_its_page(client, manager, django_assert_num_queries):
    client.force_login(manager)
    client.get("/")
    # the page's queries (the form's choices are one query, rendered or not): 5, as before they were one
    with django_assert_num_queries(PAGE_QUERIES["/rapporter/kommentarer/"]):
        response = client.get(f"/rapporter/export/?{query(format='csv', table='kommentarer')}")
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").startswith("Konsult;Enkät;Datum")


@pytest.mark.parametrize("page", all_pages(), ids=lambda p: p.key)
def test_every_page_checks_the_scope_against_the_role(client, consultant_user, other_consultant_user, page):
    url = reverse(f"reporting:{page.url_name}")
    client.force_login(consultant_user)
    assert client.get(f"{url}?{query(consultant=other_consultant_user.consultant.pk)}").status_code == 403
    assert client.get(f"{url}?{query(unit=Unit.objects.get(name='Enhet 1').pk)}").status_code == 403
    own = client.get(f"{url}?{query()}")
    assert own.status_code == 200
    assert "Karin Konsult" in own.content.decode() and "Kalle Konsult" not in own.content.decode()
    assert 'id="id_consultant"' not in own.content.decode()  # no choice of colleague


def test_the_filter_options_are_escaped_and_the_chosen_one_selected(client, manager):
    chosen = ConsultantFactory(name="Åsa <Ö> & co")
    client.force_login(manager)
    html = client.get(f"/rapporter/kommentarer/?{query(consultant=chosen.pk)}").content.decode()
    select = html.split('id="id_consultant"')[1].split("</select>")[0]
    assert f'<option value="{chosen.pk}" selected>Åsa &lt;Ö&gt; &amp; co</option>' in select
    assert select.count(" selected") == 1
    assert '<option value="">Alla konsulter</option>' in select


@pytest.mark.django_db
def test_a_tertial_without_a_year_means_this_year(client, manager):
    client.force_login(manager)
    response = client.get("/rapporter/?tertial=1")
    assert response.status_code == 200
    assert response.context["dash"].period.tertial == 1


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["kommentarer/", "nya-kunder/", "ar-for-ar/"])
def test_every_page_has_a_heading_for_its_own_content(client, manager, path):
    client.force_login(manager)
    page = client.get(f"/rapporter/{path}?year=2025&tertial=1").content.decode()
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", page)
    assert len(headings) >= 2, headings  # the filters' heading and the page's own
    assert "Nöjd =" not in page  # the satisfied threshold only where satisfaction is shown
