"""Signals the surveys app sends for the apps above it (reporting), so that it never imports them."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.dispatch import Signal

# Sent after the commit of every write that adds, removes or re-credits survey responses:
# reporting listens to rebuild its monthly summary of those months. kwargs: months, a
# frozenset of first days of the months the responses were submitted in.
responses_changed = Signal()


def responses_changed_on_commit(days: Iterable[dt.date]) -> None:
    """Send `responses_changed` for the months of `days` once the current transaction commits.

    Robust: a listener that fails does not turn a stored answer into an error page (the reports
    also check their summary against the answers before reading it).
    """
    months = frozenset(day.replace(day=1) for day in days)
    if months:
        transaction.on_commit(lambda: responses_changed.send_robust(sender=None, months=months))
