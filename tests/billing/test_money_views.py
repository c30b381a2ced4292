"""The money page and its workbook: managers only, the figures of tests/billing/money_data.py, Swedish errors."""
import datetime as dt
import io
import re
from html import unescape

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from billing import money as money_module
from tests.billing.money_data import ON, money_data
from tests.factories import AssignmentFactory

pytestmark = pytest.mark.django_db
PAGE = reverse("billing:money")
XLSX = reverse("billing:money_xlsx")


@pytest.fixture
def data(monkeypatch):
    monkeypatch.setattr(money_module.timezone, "localdate", lambda: ON)
    return money_data()


def text_of(response) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))).replace("\xa0", " ")


@pytest.mark.parametrize("user", ["consultant_user", "coordinator"])
def test_only_managers_see_the_money_page(client, request, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(PAGE).status_code == 403
    assert client.get(XLSX).status_code == 403


def test_the_menu_links_the_page_for_managers(client, manager):
    client.force_login(manager)
    assert PAGE in client.get(reverse("assignments:list")).content.decode()


PAGE_QUERIES = 11  # session, user, roles, the form's two lists, the report's six


def test_the_page_shows_the_year_to_date_the_months_and_the_forecast(client, manager, data,
                                                                      django_assert_num_queries):
    client.force_login(manager)
    with django_assert_num_queries(PAGE_QUERIES):
        page = client.get(PAGE, {"year": "2026"})
    assert page.status_code == 200
    text = text_of(page)
    assert "Fakturerat januari–juni 2026 50 000,00 kr" in text
    assert "Fakturerbart, ej fakturerat januari–juni 2026 29 610,00 kr" in text
    assert "Sålt, ej fakturerbart (pågående uppdrag) 86 000,00 kr" in text
    assert "Budget för året 1 800 000,00 kr" in text
    assert "Prognos för helåret 149 943,33 kr" in text
    # the manager's own consultant record (1.00 FTE) counts with K1 and K2: 50 000 / 2.5
    assert "Årsarbetare 2,50" in text and "Fakturerat per årsarbetare januari–juni 2026 20 000,00 kr" in text
    assert "april 0,00 kr 27 000,00 kr 0,00 kr 150 000,00 kr" in text
    assert '<svg class="page-chart money-chart"' in page.content.decode()
    assert "planerade beslutsdatum" in text


def test_a_unit_and_a_month_narrow_the_figures(client, manager, data):
    client.force_login(manager)
    text = text_of(client.get(PAGE, {"year": "2026", "month": "4", "unit": data["k2"].unit.pk}))
    assert "Fakturerat januari–april 2026 0,00 kr" in text and "Budget för året 600 000,00 kr" in text


@pytest.mark.parametrize(("query", "error"), [
    ({"year": "tjugo"}, "Skriv året med fyra siffror"),
    ({"year": "1999"}, "Välj ett år mellan 2000 och 2100."),
    ({"year": "2026", "month": "13"}, "Välj en månad i listan."),
    ({"year": "2026", "unit": "999999"}, "Välj en enhet i listan."),
    ({"year": "2026", "unit": "UNIT", "consultant": "K1"}, "Välj antingen en enhet eller en konsult, inte båda."),
])
def test_a_bad_choice_is_refused_in_swedish(client, manager, data, query, error):
    query = {k: str(data["k1"].unit.pk) if v == "UNIT" else str(data["k1"].pk) if v == "K1" else v
             for k, v in query.items()}
    client.force_login(manager)
    for url in (PAGE, XLSX):
        response = client.get(url, query)
        assert response.status_code == 400 and error in response.content.decode()


def test_the_workbook_carries_the_same_figures(client, manager, data):
    client.force_login(manager)
    response = client.get(XLSX, {"year": "2026"})
    book = load_workbook(io.BytesIO(response.content))
    months = list(book["Per månad"].iter_rows(values_only=True))
    assert months[1][0] == "Månad" and months[2][:4] == ("Beställt före 2026", None, None, 25000)
    assert months[6][:5] == ("april", 0, 27000, 0, 150000)
    assert months[15][:5] == ("Hittills i år (januari–juni 2026)", 50000, 29610, 86000, 900000)
    summary = {row[0]: row[1] for row in book["Sammanfattning"].iter_rows(values_only=True) if row and row[0]}
    assert summary["Prognos för helåret"] == pytest.approx(149943.33)
    assert summary["Budget för året"] == 1800000


def test_this_year_to_date_is_the_default_and_the_query_count_does_not_grow_with_the_data(
        client, manager, data, django_assert_num_queries):
    client.force_login(manager)
    assert "Prognos för 2026" in text_of(client.get(PAGE))
    for n in range(5):
        AssignmentFactory(reference=f"2026-09{n:02d}", ordered_on=dt.date(2026, 5, 1 + n))
    with django_assert_num_queries(PAGE_QUERIES):
        assert client.get(PAGE).status_code == 200
