"""Date conditions shared by the survey queries: dates inside one of several periods."""
from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone


def within_q(path: str, within, *, local_datetime: bool = False) -> Q:
    """Q for a date (or, with `local_datetime`, a timestamp read as a Stockholm date) at `path` inside
    one of the periods `within` (e.g. the same months of several years); Q() when `within` is None."""
    if within is None:
        return Q()
    q = Q(pk__in=[])
    for period in within:
        if local_datetime:
            q |= Q(**{f"{path}__gte": local_midnight(period.start),
                      f"{path}__lt": local_midnight(period.end, after=True)})
        else:
            q |= Q(**{f"{path}__gte": period.start, f"{path}__lte": period.end})
    return q


def local_midnight(day: dt.date, *, after: bool = False) -> dt.datetime:
    """Local midnight at the start of `day` (or of the day after): an index on the timestamp serves it."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1) if after else day, dt.time.min))
