"""The department's own closed days (beyond Sweden's public holidays): kept by coordinators, with history.

Adding or removing a day changes the working-day arithmetic from then on (how late a step is, plans laid
afterwards); plans already laid keep their dates.
"""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import ClosedDay
from .workdays import public_holiday_name


def closed_day_add(*, date: dt.date, name: str, by=None) -> ClosedDay:
    """A new closed day; a weekend, a public holiday or a day already closed is refused (nothing changes)."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Ange varför dagen är stängd.")})
    if date.weekday() >= 5:
        raise ValidationError({"date": _("%(date)s är en lördag eller söndag och räknas redan inte som arbetsdag.")
                               % {"date": date.isoformat()}})
    holiday = public_holiday_name(date)
    if holiday:
        raise ValidationError({"date": _("%(date)s är redan en allmän helgdag (%(holiday)s).")
                               % {"date": date.isoformat(), "holiday": holiday}})
    day = ClosedDay(date=date, name=name)
    day._history_user = by
    try:
        with transaction.atomic():
            day.save()
    except IntegrityError:  # already closed (perhaps by someone else a moment ago)
        raise ValidationError({"date": _("%(date)s är redan en stängd dag.") % {"date": date.isoformat()}}) from None
    return day


def closed_day_remove(*, closed_day: ClosedDay, by=None) -> None:
    closed_day._history_user = by
    closed_day.delete()


def closed_days_of(year: int) -> list[ClosedDay]:
    return list(ClosedDay.objects.filter(date__year=year).order_by("date"))


def closed_day_history(year: int, limit: int = 50) -> list:
    """Who added or removed which of the year's closed days, and when; the latest first."""
    return list(ClosedDay.history.filter(date__year=year).select_related("history_user")
                .order_by("-history_date", "-history_id")[:limit])
