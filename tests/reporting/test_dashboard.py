"""The dashboard pages: who sees which scope, the sections, Swedish numbers that match the KPI JSON."""
import datetime as dt

import pytest

from assignments.models import Unit
from reporting.dashboard.tables import MEAN, MONEY, NPS
from reporting.formatting import format_value
from reporting.selectors import kpi_report
from tests.factories import AssignmentFactory, ConsultantFactory

from .dashboard_helpers import candidate_answers, customer_answers, query
from .helpers import respond
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
    assert '>100,0 <span class="cell-note">' in nps_row  # own: two promoters
    assert '>0,0 <span class="cell-note">' in nps_row  # the group: two promoters, two detractors
    assert 'id="tabell-per_konsult"' not in page  # no list of colleagues
    assert "Kalle Konsult" not in page


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
    report = kpi_report(year=2025, tertial=2)
    for value, kind in ((report["customer"]["nps"], NPS), (report["customer"]["total_mean"], MEAN),
                        (report["assignments"]["revenue_sek"], MONEY)):
        assert format_value(value, kind) in page
    assert "Nöjd = 8–10" in page


def test_it_marks_values_that_rose_by_symbol_and_text(client, manager):
    respond("customer", dt.date(2024, 5, 1), {"planning": 8})
    respond("customer", dt.date(2025, 5, 1), {"planning": 9})
    client.force_login(manager)
    page = client.get("/rapporter/?year=2025").content.decode()
    table = page.split('id="tabell-ar_for_ar_customer"')[1].split("</table>")[0]
    row = next(r for r in table.split("<tr>") if "Väl planerad" in r)
    assert '<span class="rose" aria-hidden="true">▲</span><span class="visually-hidden">ökning</span>' in row


def test_the_tertial_alone_and_the_year_before_are_offered(client, manager):
    respond("customer", dt.date(2025, 2, 1), {"planning": 4})
    respond("customer", dt.date(2025, 6, 1), {"planning": 10})
    respond("customer", dt.date(2024, 6, 1), {"planning": 6})
    client.force_login(manager)
    page = client.get("/rapporter/?year=2025&tertial=2&alone=on&compare=on").content.decode()
    questions = page.split('id="tabell-kund_fragor"')[1].split("</table>")[0]
    assert "T2 2025 (bara tertialen)" in questions and "T2 2024 (bara tertialen)" in questions
    assert ">10,00<" in questions and ">6,00<" in questions and "4,00" not in questions


DEPARTMENT_QUERIES = 39  # the figures, whatever the data size


@pytest.mark.parametrize("size", [1, 12])
def test_the_department_dashboard_uses_a_fixed_number_of_queries(client, manager, django_assert_num_queries, size):
    for i in range(size):
        consultant = ConsultantFactory()
        customer_answers(consultant, 2, nps=i % 11)
        candidate_answers(consultant, 1 + i % 7, comment="Bra")
        AssignmentFactory(lead_consultant=consultant, status="selection", ordered_on=dt.date(2024, 1, 1))
    client.force_login(manager)
    client.get("/")  # session and roles warm
    with django_assert_num_queries(DEPARTMENT_QUERIES):
        assert client.get("/rapporter/?year=2025&tertial=1").status_code == 200


def test_the_year_over_year_tables_equal_the_selector_for_every_survey():
    from reporting.dashboard.yoy import survey_yoy_all
    from reporting.selectors import Scope, survey_yoy

    load_samples()
    respond("training", dt.date(2023, 3, 1), {"overall": 7})
    for scope in (Scope(), Scope(unit=Unit.objects.get(name="Enhet 1"))):
        together = survey_yoy_all(last_year=2025, scope=scope)
        assert together == {kind: survey_yoy(kind=kind, last_year=2025, scope=scope) for kind in together}


def test_it_lists_new_hiring_managers_and_organisations(client, manager):
    AssignmentFactory(ordered_on=dt.date(2024, 5, 1), contact__name="Gammal Chef", organisation__name="Gamla förv.")
    AssignmentFactory(ordered_on=dt.date(2025, 2, 1), contact__name="Ny Chef", organisation__name="Nya förv.")
    client.force_login(manager)
    page = client.get(f"/rapporter/?{query()}").content.decode()
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
    page = client.get(f"/rapporter/?{query()}").content.decode()
    table = page.split('id="tabell-belastning"')[1].split("</table>")[0]
    row = next(r for r in table.split("<tr>") if "Karin Konsult" in r)
    assert '<td class="text-end">2</td><td class="text-end">1</td>' in row
