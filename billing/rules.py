"""The one rule of when a billing line becomes invoiceable."""
from __future__ import annotations

import datetime as dt

from assignments.models import (
    CLOSED_STATUSES,
    Assignment,
    BillingKind,
    BillingLine,
    Package,
    PackageUnit,
    Status,
)

from .models import CancellationRule, PackageInvoicing, PackageLineTiming

# A cancelled assignment's work has started once it moved past registration.
STARTED_STATUSES = frozenset(Status) - {Status.REGISTERED, Status.CANCELLED}


def rule_for(package: Package) -> PackageInvoicing:
    """The package's invoicing rule; a package without one gets the default for its unit."""
    try:
        return package.invoicing
    except PackageInvoicing.DoesNotExist:
        return PackageInvoicing(
            package=package,
            package_line=PackageLineTiming.MONTHLY if package.unit == PackageUnit.HOUR else PackageLineTiming.ON_CLOSE,
            on_cancel=CancellationRule.IF_STARTED,
        )


def invoiceable_on(*, line: BillingLine, assignment: Assignment, rule: PackageInvoicing,
                   started: bool) -> dt.date | None:
    """The day from which `line` may be invoiced, or None while it may not.

    Add-ons, hours, other lines and credits: the day they were recorded. The package line of a package
    invoiced monthly (by the hour): likewise. Any other package line: the day the assignment closed; when
    it was cancelled, the package's cancellation rule decides (`started`: the work had begun).
    """
    if line.kind != BillingKind.PACKAGE or rule.package_line == PackageLineTiming.MONTHLY:
        return line.recorded_on
    closed_on = assignment.closed_on or assignment.status_changed_on
    if assignment.status in CLOSED_STATUSES:
        return closed_on
    charged = rule.on_cancel == CancellationRule.FULL or (rule.on_cancel == CancellationRule.IF_STARTED and started)
    return closed_on if assignment.status == Status.CANCELLED and charged else None
