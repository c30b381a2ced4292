"""Coordinators keep the department's closed days in the browser: by year, add, remove, with history."""
import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from timeline.models import ClosedDay
from timeline.workdays import calendar_load

pytestmark = pytest.mark.django_db
D = dt.date
URL = reverse("timeline:closed_days")


@time_machine.travel(dt.datetime(2025, 3, 12, 10, 0), tick=False)
def test_a_coordinator_adds_and_removes_a_closed_day_with_history(client, coordinator):
    client.force_login(coordinator)
    page = client.get(URL).content.decode()
    assert "Stängda dagar 2025" in page and "Inga stängda dagar 2025" in page
    assert "2025-06-06 Nationaldagen" in page  # the year's public holidays beside them
    # Julafton and Midsommarafton are no public holidays: the department closes them itself
    assert calendar_load().is_working_day(D(2025, 12, 24)) and calendar_load().is_working_day(D(2025, 6, 20))

    response = client.post(URL, {"date": "2025-12-24", "name": "Julafton"})
    assert response.status_code == 302 and response["Location"] == f"{URL}?year=2025"
    assert not calendar_load().is_working_day(D(2025, 12, 24))
    page = client.get(URL + "?year=2025").content.decode()
    assert "2025-12-24" in page and "Julafton" in page and "Tillagd" in page and "Kim Koordinator" in page

    day = ClosedDay.objects.get()
    response = client.post(URL, {"action": "remove", "pk": day.pk})
    assert response.status_code == 302
    assert not ClosedDay.objects.exists()
    history = list(ClosedDay.history.order_by("history_date").values_list("history_type", "history_user_id"))
    assert history == [("+", coordinator.pk), ("-", coordinator.pk)]
    assert "Borttagen" in client.get(URL).content.decode()


@pytest.mark.parametrize(("date", "message"), [
    ("2025-12-25", "2025-12-25 är redan en allmän helgdag (Juldagen)."),
    ("2025-12-27", "2025-12-27 är en lördag eller söndag"),
    ("2025-13-01", "Fyll i ett giltigt datum."),
])
def test_a_holiday_a_weekend_or_a_bad_date_is_refused_in_swedish(client, coordinator, date, message):
    client.force_login(coordinator)
    response = client.post(URL, {"date": date, "name": "Stängt"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ClosedDay.objects.exists()


def test_a_duplicate_or_a_day_without_a_reason_is_refused(client, coordinator):
    ClosedDay.objects.create(date=D(2025, 12, 24), name="Julafton")
    client.force_login(coordinator)
    response = client.post(URL, {"date": "2025-12-24", "name": "Julafton igen"})
    assert response.status_code == 400 and "2025-12-24 är redan en stängd dag." in response.content.decode()
    response = client.post(URL, {"date": "2025-12-31", "name": "  "})
    assert response.status_code == 400 and "Detta fält måste fyllas i." in response.content.decode()
    assert list(ClosedDay.objects.values_list("name", flat=True)) == ["Julafton"]
    assert client.post(URL, {"action": "remove", "pk": "999999"}).status_code == 404


def test_a_bad_year_shows_this_year_and_the_page_keeps_its_query_count(client, coordinator,
                                                                       django_assert_num_queries):
    for day in (D(2024, 12, 24), D(2025, 12, 24), D(2025, 12, 31)):
        ClosedDay.objects.create(date=day, name="Stängt")
    client.force_login(coordinator)
    client.get(URL)  # warm the session
    # session, user, roles, the year's closed days, their history
    with django_assert_num_queries(5):
        page = client.get(URL + "?year=2025").content.decode()
    assert "2025-12-31" in page and "2024-12-24" not in page
    assert client.get(URL + "?year=abc").status_code == 200


def test_only_coordinators_keep_closed_days(client, manager, consultant_user):
    for user in (manager, consultant_user):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.post(URL, {"date": "2025-12-24", "name": "Julafton"}).status_code == 403
    assert not ClosedDay.objects.exists()
