"""The package catalogue and its prices, loaded once per import."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from ..models import Package, PackagePrice


class Catalogue:
    """Packages by code and the price valid in a year: the latest price set for that year or earlier."""

    def __init__(self):
        self.packages: dict[str, Package] = {p.code: p for p in Package.objects.all()}
        self.packages_by_id = {p.pk: p for p in self.packages.values()}
        self._prices: dict[str, list[tuple[int, Decimal]]] = defaultdict(list)
        for code, year, price in PackagePrice.objects.values_list("package__code", "year", "price_sek"):
            self._prices[code].append((year, price))
        for prices in self._prices.values():
            prices.sort(reverse=True)

    def codes(self) -> dict[str, str]:
        return {code.upper(): code for code in self.packages}

    def price(self, code: str, on: dt.date) -> Decimal | None:
        for year, price in self._prices.get(code, ()):
            if year <= on.year:
                return price
        return None
