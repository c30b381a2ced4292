"""A cache for dashboard figures, keyed by what was asked and by a stamp of the data.

The stamp is one query of cheap aggregates (highest ids, row counts, last change
times and change-history ids) over every table the dashboard reads, so any
insert, edit or delete there gives a new key and the figures are fetched again.
A time limit (settings.REPORT_DASHBOARD_CACHE_SECONDS, 0 = off) bounds the age of
anything a bulk update might slip past the stamp.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import translation

from assignments.models import (
    Assignment,
    BillingLine,
    Consultant,
    ConsultantBudget,
    Contact,
    Organisation,
    Package,
    StatusChange,
    Unit,
)
from reporting.models import SurveyAggregate
from surveys.models import Answer, Invitation, Question, Response, TrainingSession

DEFAULT_SECONDS = 600


def _parts() -> list[tuple[type, str]]:
    history = [Assignment, BillingLine, Consultant, ConsultantBudget, Contact, Organisation, Package, SurveyAggregate]
    parts = [(model.history.model, "MAX(history_id)") for model in history]
    parts += [
        (Response, "MAX(id)"), (Response, "COUNT(*)"), (Answer, "MAX(id)"),
        (Invitation, "MAX(updated_at)"), (Invitation, "COUNT(sent_at)"),
        (Invitation, "SUM(CASE WHEN status = 'answered' THEN 1 ELSE 0 END)"),
        (Assignment, "MAX(updated_at)"), (Assignment, "COUNT(*)"), (BillingLine, "COUNT(*)"),
        (StatusChange, "MAX(id)"), (StatusChange, "COUNT(*)"), (TrainingSession, "MAX(id)"),
        (TrainingSession, "SUM(manual_count)"), (TrainingSession, "SUM(manual_mean)"), (Question, "MAX(id)"),
        (Question, "COUNT(*)"), (Unit, "COUNT(*)"), (SurveyAggregate, "MAX(updated_at)"),
    ]
    return parts


def data_stamp() -> str:
    """One query: a text that changes whenever the data behind a dashboard changes."""
    parts = _parts()
    # Table names and expressions are constants of this module, never user input.
    subqueries = [f"(SELECT {expr} FROM {connection.ops.quote_name(model._meta.db_table)})"  # noqa: S608
                  for model, expr in parts]
    sql = "SELECT " + ", ".join(subqueries)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return "|".join(str(v) for v in row)


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
        if not self.seconds:
            return build()
        key = self._key(name)
        value = cache.get(key)
        if value is None:
            value = build()
            cache.set(key, value, self.seconds)
        return value
