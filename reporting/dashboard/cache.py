"""A cache for dashboard figures, keyed by what was asked and by the data's change stamp.

The stamp is the `reporting_data_change` table (migration reporting 0003): database
triggers give every table the reports read a new version in the same transaction
as any insert, update, delete or truncate there, bulk updates and raw SQL included.
So a cached page is only ever served for exactly the data it was built from.
A time limit (settings.REPORT_DASHBOARD_CACHE_SECONDS, 0 = off) bounds how long
unused entries stay in the cache.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import translation

DEFAULT_SECONDS = 600
STAMP_TABLE = "reporting_data_change"


def data_stamp() -> str:
    """One query: a text that changes whenever the data behind a dashboard changes."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name, version FROM {STAMP_TABLE} ORDER BY name")  # noqa: S608 (a constant)
        return "|".join(f"{name}={version}" for name, version in cursor.fetchall())


class DashboardCache:
    """Values for one set of parameters and the current data; the stamp is read once, on first use."""

    def __init__(self, key_parts: tuple):
        self.seconds = getattr(settings, "REPORT_DASHBOARD_CACHE_SECONDS", DEFAULT_SECONDS)
        self.key_parts = key_parts
        self._prefix: str | None = None

    def _key(self, name: str) -> str:
        if self._prefix is None:
            text = repr((self.key_parts, data_stamp(), translation.get_language()))
            self._prefix = "reporting:dashboard:" + hashlib.sha256(text.encode()).hexdigest()
        return f"{self._prefix}:{name}"

    def get(self, name: str, build: Callable[[], object]):
        """The value called `name`, built (and stored) when the cache does not have it."""
        if not self.seconds or connection.vendor not in ("postgresql", "sqlite"):
            return build()  # no change stamp (triggers) on other databases
        key = self._key(name)
        value = cache.get(key)
        if value is None:
            value = build()
            cache.set(key, value, self.seconds)
        return value
