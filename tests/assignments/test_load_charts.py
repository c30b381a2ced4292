"""The load view's charts: revenue against budget with a 100 % marker, open work per consultant, each with its table."""
import re

import pytest
from django.urls import reverse

from tests.assignments.test_load import team  # noqa: F401 - the shared fixture
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _figure(page: str, name: str) -> str:
    return re.search(rf'<figure class="page-figure" id="diagram-{name}">(.*?)</figure>', page, re.S).group(1)


def _bar_widths(figure: str) -> list[float]:
    return [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"[^>]*class="chart-bar"', figure)]


def test_the_budget_chart_shows_each_share_against_a_100_percent_marker(client, coordinator, team):  # noqa: F811
    client.force_login(coordinator)
    page = client.get(reverse("reference:load"), {"ar": 2026}).content.decode()
    budget = _figure(page, "budgetandel")
    assert 'role="img"' in budget and 'aria-labelledby="budgetandel-title"' in budget
    assert "Intäkt 2026 i förhållande till budget per konsult" in budget  # title and caption
    # Anna: 38 740 kr of 155 000 kr = 25,0 %; Bo has no budget and no bar
    assert "Anna Ansvarig" in budget and "25,0\xa0%" in budget
    assert "Bo Biträdande" not in budget.split("<details>")[0]
    marker = re.search(r'class="chart-marker" x1="([\d.]+)"', budget)
    left = 200
    assert marker and "100 % av budget" in budget
    (width,) = _bar_widths(budget)
    assert width == pytest.approx((float(marker.group(1)) - left) * 0.25, abs=0.1)  # a quarter of the way to 100 %
    table = budget.split("<details>")[1]
    assert "<caption>Intäkt 2026 i förhållande till budget per konsult</caption>" in table
    assert re.search(r'<th scope="row">Anna Ansvarig</th><td class="text-end">38\xa0740</td>'
                     r'<td class="text-end">155\xa0000</td><td class="text-end">25,0\xa0%</td>', table)


def test_the_open_work_chart_has_a_bar_per_consultant_and_its_table(client, coordinator, team):  # noqa: F811
    client.force_login(coordinator)
    page = client.get(reverse("reference:load"), {"ar": 2026}).content.decode()
    open_work = _figure(page, "pagaende")
    assert "Pågående uppdrag per konsult (som ansvarig)" in open_work
    drawn = open_work.split("<details>")[0]
    assert "Anna Ansvarig" in drawn and "Bo Biträdande" in drawn and "Cecilia Slutat" not in drawn
    assert len(_bar_widths(drawn)) == 1  # Anna's 4; Bo leads nothing open (no bar, the figure 0)
    table = open_work.split("<details>")[1]
    assert re.search(r'<th scope="row">Anna Ansvarig</th><td class="text-end">4</td><td class="text-end">0</td>', table)
    assert re.search(r'<th scope="row">Bo Biträdande</th><td class="text-end">0</td><td class="text-end">1</td>', table)


def test_a_consultant_without_a_budget_sees_no_budget_chart_and_nobody_elses_money(client, team):  # noqa: F811
    user = UserFactory(username="bo", roles=["consultant"])
    team["bo"].user = user
    team["bo"].save()
    client.force_login(user)
    page = client.get(reverse("reference:load"), {"ar": 2026}).content.decode()
    budget = _figure(page, "budgetandel")
    assert "Inga data att visa i diagrammet." in budget and "<svg" not in budget
    assert "Anna Ansvarig" not in budget and "25,0" not in page


@pytest.mark.parametrize("value", ["0", "-0.04", "0.04", "7", "999.95", "1234.5", "-1234567.891", "38740",
                                   "155000.00", "25.05", "1000000000"])
@pytest.mark.parametrize("decimals", [0, 1, 2])
def test_the_figures_are_written_as_djangos_number_format_writes_them(value, decimals):
    """The load view formats its figures itself (a page has two hundred): the same text as number_format's."""
    from decimal import ROUND_HALF_UP, Decimal

    from django.utils import translation
    from django.utils.formats import number_format

    from assignments.reference.views.load import _number

    rounded = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    for language in ("sv", "en"):
        with translation.override(language):
            assert _number(Decimal(value), decimals) == number_format(rounded, decimal_pos=decimals, use_l10n=True,
                                                                      force_grouping=True)
    assert _number(None) == "—"
