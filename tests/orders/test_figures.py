"""Reporting of orders: received, the share via the e-service, days to acceptance and to the start meeting;
on the dashboard's "Beställningar" page, in its exports, the kpi JSON and the tertial PDF's section."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from goals.kpi import kpi_json
from goals.tertial import goals_sections
from orders.figures import order_figures, orders_json
from orders.models import Order
from orders.services import order_cancel, order_decline
from reporting.periods import Period
from reporting.selectors import Scope, register_measures
from tests.factories import AssignmentFactory, ConsultantFactory
from tests.orders.helpers import accepted, at, received
from tests.reporting.helpers import sheet_codes

pytestmark = pytest.mark.django_db
D = dt.date
T1_2025 = Period.for_report(2025, 1)  # 2025-01-01 – 2025-04-30


@pytest.fixture
def anna(db):
    return ConsultantFactory(name="Anna Allokering")


@pytest.fixture
def orders(anna):
    """In T1 2025: five orders received (one never handled, one declined, one cancelled by the customer, two
    accepted), two assignments registered by hand; one order received in 2024 and accepted in T1."""
    late_2024 = received(D(2024, 12, 20), "Från december")
    accepted(late_2024, D(2025, 1, 10), anna, meeting=D(2025, 1, 20))  # 21 days to accept, 31 to meeting
    a = accepted(received(D(2025, 2, 3), "A"), D(2025, 2, 5), anna, meeting=D(2025, 2, 17))  # 2 and 14 days
    accepted(received(D(2025, 3, 3), "B"), D(2025, 3, 9), anna)  # 6 days; no start meeting yet
    received(D(2025, 3, 10), "Inte behandlad")
    with at(D(2025, 3, 12)):
        order_decline(order=received(D(2025, 3, 11), "Avböjd"), reason="Vi har inte kapacitet.", by=None)
        order_cancel(order=received(D(2025, 3, 12), "Avbruten"))
    AssignmentFactory(lead_consultant=anna, ordered_on=D(2025, 2, 1), reference="2025-9001")
    AssignmentFactory(lead_consultant=anna, ordered_on=D(2025, 4, 1), reference="2025-9002")
    return a


def test_the_figures_of_a_period_are_counted_by_hand(orders):
    figures = order_figures(Scope(), T1_2025)
    # received in T1: A, B, not handled, declined, cancelled (the December one was received in 2024)
    assert figures["received"] == 5
    # ordered by the register's rule: A, B and the two by hand (not the incoming, declined or cancelled ones)
    assert (figures["ordered"], figures["via_eservice"]) == (4, 2)
    assert figures["via_eservice_share"] == 0.5
    # accepted in T1: December's (21 days), A (2), B (6) -> median 6
    assert (figures["accepted"], figures["median_days_to_accept"]) == (3, 6.0)
    # start meetings in T1: December's (31 days), A (14) -> median 22.5
    assert (figures["start_meetings"], figures["median_days_to_start_meeting"]) == (2, 22.5)


def test_a_step_after_the_day_the_figures_stand_at_is_not_counted(orders):
    figures = order_figures(Scope(), T1_2025, on=D(2025, 2, 10))
    assert (figures["accepted"], figures["median_days_to_accept"]) == (2, 11.5)  # 21 and 2 days
    assert (figures["start_meetings"], figures["median_days_to_start_meeting"]) == (1, 31.0)


def test_a_consultants_scope_counts_only_the_orders_they_lead(orders, anna):
    other = ConsultantFactory()
    assert order_figures(Scope(consultant=anna), T1_2025)["received"] == 2  # A and B; the rest have no lead
    mine = order_figures(Scope(consultant=other), T1_2025)
    assert (mine["received"], mine["ordered"], mine["via_eservice_share"], mine["median_days_to_accept"]) == (
        0, 0, None, None)


def test_the_register_does_not_count_orders_not_accepted(orders):
    """Incoming orders and those declined or cancelled before acceptance are not ordered assignments."""
    register = register_measures(Scope(), T1_2025)
    assert (register["ordered"], register["by_package"]) == (4, {"STORA": 4})
    # an order counts from its acceptance: accepting the one not handled makes it five
    accepted(Order.objects.get(role_title="Inte behandlad"), D(2025, 3, 20), ConsultantFactory())
    assert register_measures(Scope(), T1_2025)["ordered"] == 5


def test_the_kpi_json_has_the_orders_section(orders):
    with at(D(2025, 6, 1)):
        data = kpi_json(year=2025, tertial=1)
    assert data["orders"] == {"received": 5, "via_eservice_share": 0.5, "median_days_to_accept": 6.0}
    assert orders_json(scope=Scope(), period=T1_2025) == data["orders"]


def test_the_dashboard_page_and_its_export_show_the_figures(client, manager, orders):
    client.force_login(manager)
    with at(D(2025, 6, 1)):
        page = client.get("/rapporter/bestallningar/?year=2025&tertial=1")
        assert page.status_code == 200
        html = page.content.decode()
        table = html.split('id="tabell-bestallningar"')[1].split("</table>")[0]
        assert "Andel ärenden som inkommer via e-tjänster" in table and "50,0\xa0%" in table
        assert 'aria-current="page">Beställningar</a>' in html
        csv = client.get("/rapporter/export/?year=2025&tertial=1&format=csv&table=bestallningar")
        rows = dict(line.split(";")[:2] for line in csv.content.decode("utf-8-sig").splitlines())
        assert rows["Inkomna beställningar"] == "5"
        assert rows["Dagar från beställning till uppstartsmöte (median)"] in ("22,5", "22.5")
        book = load_workbook(io.BytesIO(client.get("/rapporter/export/?year=2025&tertial=1&format=xlsx").content))
    assert "bestallningar" in sheet_codes(book)  # the all-tables export has the page's table


def test_the_dashboard_page_uses_a_fixed_number_of_queries(client, manager, anna, django_assert_num_queries):
    client.force_login(manager)
    client.get("/")
    for size in (1, 4):
        for i in range(size):
            accepted(received(D(2025, 2, 3 + i)), D(2025, 2, 10), anna, meeting=D(2025, 2, 20))
        # session, roles, the form's choices; the counts, the orders' dates, their status changes
        with django_assert_num_queries(7):
            assert client.get("/rapporter/bestallningar/?year=2025&tertial=1").status_code == 200


def test_the_tertial_pdf_has_an_orders_section(orders):
    with at(D(2025, 6, 1)):
        sections = goals_sections(year=2025, tertial=1)
    html = sections[-1]
    assert "Beställningar via e-tjänsten" in html
    assert "<th scope=\"row\">Inkomna beställningar</th><td class=\"num\">5</td>" in html.replace("\n", "")
