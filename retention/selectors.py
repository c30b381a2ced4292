"""What the next retention run will remove, for the coordinators' page."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from .models import RetentionRun
from .rules import RULES


@dataclass(frozen=True)
class PreviewRow:
    key: str
    label: str
    kept: str
    due: int


def retention_preview(*, now: dt.datetime | None = None) -> list[PreviewRow]:
    now = now or timezone.now()
    return [PreviewRow(rule.key, str(rule.label), rule.kept(), rule.count(now)) for rule in RULES]


def retention_runs(limit: int = 10) -> list[RetentionRun]:
    return list(RetentionRun.objects.all()[:limit])
