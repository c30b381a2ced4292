"""Prices for several years on one page: every package by year, saved at once with history."""
from decimal import Decimal

import pytest
from django.urls import reverse

from assignments.models import Package, PackagePrice
from assignments.reference.forms import PriceGridForm
from tests.factories import package

URL = reverse("reference:price_grid")
pytestmark = pytest.mark.django_db


def _name(code, year):
    return PriceGridForm.field_name(package(code).pk, year)


def _data(client, year):
    """What the page would post back unchanged (every field as shown)."""
    form = client.get(URL, {"fran": year}).context["form"]
    return {form[name].html_name: form[name].value() or "" for name in form.fields}


def test_coordinators_see_every_package_for_three_years_and_others_are_refused(client, coordinator, manager):
    client.force_login(manager)
    assert client.get(URL).status_code == 403
    client.force_login(coordinator)
    response = client.get(URL, {"fran": 2024})
    assert response.context["years"] == [2024, 2025, 2026]
    form = response.context["form"]
    assert len(form.fields) == 3 * Package.objects.count()
    stora_2025 = PackagePrice.objects.get(package=package("STORA"), year=2025).price_sek
    assert form[_name("STORA", 2025)].value() == f"{stora_2025:.0f}"  # as typed: 24500, not 24500.00
    assert package("STORA").name in response.content.decode()


def test_saving_sets_changes_and_removes_prices_with_history(client, coordinator):
    client.force_login(coordinator)
    data = _data(client, 2026)
    data[_name("STORA", 2027)] = "31 500"
    data[_name("LILLA", 2026)] = "19500,50"
    removed = PackagePrice.objects.create(package=package("CHEF"), year=2028, price_sek=Decimal("40000"))
    data[PriceGridForm.field_name(removed.package_id, removed.year)] = ""
    response = client.post(f"{URL}?fran=2026", data)
    assert response.status_code == 302
    assert PackagePrice.objects.get(package=package("STORA"), year=2027).price_sek == Decimal("31500")
    lilla = PackagePrice.objects.get(package=package("LILLA"), year=2026)
    assert lilla.price_sek == Decimal("19500.50")
    assert lilla.history.first().history_user == coordinator
    assert not PackagePrice.objects.filter(pk=removed.pk).exists()
    assert "3 ändrade" in client.get(response.url).content.decode()


@pytest.mark.parametrize(("value", "message"), [
    ("-100", "Priset kan inte vara negativt."),
    ("tjugo", "Ange ett pris i kronor"),
    ("1e5", "Ange ett pris i kronor"),
    ("12,345", "Högst två decimaler"),
])
def test_a_bad_price_is_explained_and_nothing_is_saved(client, coordinator, value, message):
    client.force_login(coordinator)
    data = _data(client, 2026)
    data[_name("STORA", 2027)] = "31500"
    data[_name("LILLA", 2026)] = value
    before = list(PackagePrice.objects.order_by("pk").values_list("pk", "price_sek"))
    response = client.post(f"{URL}?fran=2026", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert list(PackagePrice.objects.order_by("pk").values_list("pk", "price_sek")) == before
