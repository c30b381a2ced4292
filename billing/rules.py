"""The one rule of when a billing line becomes invoiceable."""
from __future__ import annotations

import datetime as dt

from assignments.models import CLOSED_STATUSES, BillingKind, PackageUnit, Status

from .models import CancellationRule, PackageLineTiming

# A cancelled assignment's work has started once it moved past registration (an incoming order that is
# declined or withdrawn never started).
STARTED_STATUSES = frozenset(Status) - {Status.INCOMING, Status.REGISTERED, Status.CANCELLED}


def package_rule(*, unit: str, package_line: str | None, on_cancel: str | None) -> tuple[str, str]:
    """(when the package line is invoiced, what a cancellation costs): the package's PackageInvoicing, or
    for a package without one the default for its unit (hourly packages monthly)."""
    default_line = PackageLineTiming.MONTHLY if unit == PackageUnit.HOUR else PackageLineTiming.ON_CLOSE
    return package_line or default_line, on_cancel or CancellationRule.IF_STARTED


def invoiceable_on(*, kind: str, recorded_on: dt.date, status: str, closed_on: dt.date | None,
                   package_line: str, on_cancel: str, started: bool) -> dt.date | None:
    """The day from which a line may be invoiced, or None while it may not.

    Hours, references, other lines and credits: the day they were recorded (`recorded_on`). The package line
    of a package invoiced monthly (by the hour): likewise. Any other package line: the day the assignment
    closed (`closed_on`); when it was cancelled, the package's cancellation rule decides (`started`: the work
    had begun). An add-on package's line (ADDON) is a package line under its own package's rule (the
    caller passes that package's `package_line` and `on_cancel`).
    """
    if kind not in (BillingKind.PACKAGE, BillingKind.ADDON) or package_line == PackageLineTiming.MONTHLY:
        return recorded_on
    if status in CLOSED_STATUSES:
        return closed_on
    charged = on_cancel == CancellationRule.FULL or (on_cancel == CancellationRule.IF_STARTED and started)
    return closed_on if status == Status.CANCELLED and charged else None
