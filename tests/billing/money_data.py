"""Hand-made data for the money follow-up, with every figure of 2026 (judged on 15 June 2026) worked out.

Consultants: K1 (Enhet 1, 1.00 FTE, budget 2026 1 200 000 kr), K2 (Enhet 2, 0.50 FTE, budget 600 000 kr).
Assignments (package STORA unless said; lead K1 unless said):
- H1 ordered 2023-02-01, closed 2023-03-15, 25 000 (42 days)   \
- H2 ordered 2024-07-01, closed 2024-08-10, 25 000 (40 days)    | old data, in an opening basis
- H3 ordered 2024-05-01, closed 2024-09-01, 25 000 (123 days)   | of 2026-01 (import, invoiced
- H4 ordered 2025-09-01, closed 2025-12-01, 30 000 (91 days)    | until 2026-01-31)
- A0 ordered 2025-12-01, closed 2026-01-15, 25 000 (45 days)   /
- A1 ordered 2026-01-10, closed 2026-02-20, 25 000 (41 days): in the confirmed basis of 2026-03
- A2 ordered 2026-03-01, closed 2026-04-10, 27 000 (40 days), and 3 extra hours × 870 recorded 2026-05-05
- A3 open, ordered 2026-05-02, 27 000, its plan's decision on 2026-09-15
- A4 open, ordered 2025-11-20, 25 000, no plan
- A5 open (K2, package CHEF), ordered 2026-06-01, 34 000, no plan, and no CHEF ever closed

2026 through June: invoiced January 25 000 (A0; the opening basis's lines count in the month they became
invoiceable, so H1-H4 stay in their years), March 25 000 (A1, the basis's month) = 50 000; invoiceable
April 27 000, May 2 610 = 29 610; sold, not invoiceable: May 27 000, June 34 000 and 25 000 ordered
before 2026 = 86 000; budget 1 800 000 a year, 150 000 a month.

Forecast: earned 79 610. STORA's median lead time over 2023-01-01 .. 2026-06-15 (40, 40, 41, 42, 45,
91, 123) is 42 days: A4 was due 2026-01-01, overdue, so it closes in June (25 000); A3 in September
(27 000); A5 has neither a plan nor a median and is left out: 52 000. Run rate July-December, the mean
of 2023, 2024 and 2025 of what was earned in those months from work ordered after 15 June of that year:
August (0 + 25 000 (H2) + 0) / 3 = 8 333.33, December (0 + 0 + 30 000 (H4)) / 3 = 10 000 (H3 was
ordered before the day: open work then) = 18 333.33. Forecast 79 610 + 52 000 + 18 333.33 = 149 943.33.
"""
import datetime as dt
from decimal import Decimal

from assignments.models import BillingKind, BillingLine, ConsultantBudget, Status, Unit
from billing.services import invoice_basis_confirm, invoice_opening_record
from tests.factories import AssignmentFactory, ConsultantFactory, package
from timeline.models import Plan, PlanStep
from timeline.steps import POSITION, Step

ON = dt.date(2026, 6, 15)
D = dt.date


def _assignment(ref, lead, ordered, *, closed=None, status=None, code="STORA", price="25000"):
    a = AssignmentFactory(reference=ref, lead_consultant=lead, ordered_on=ordered, package=package(code),
                          status=status or (Status.CLOSED_HIRED if closed else Status.SELECTION), closed_on=closed,
                          status_changed_on=closed or ordered)
    BillingLine.objects.create(assignment=a, kind=BillingKind.PACKAGE, description=code, quantity=Decimal("1"),
                               unit_price=Decimal(price), recorded_on=ordered)
    return a


def money_data():
    k1 = ConsultantFactory(name="K1", email="k1@rekrytering.example.se", unit=Unit.objects.get(name="Enhet 1"),
                           fte=Decimal("1.00"))
    k2 = ConsultantFactory(name="K2", email="k2@rekrytering.example.se", unit=Unit.objects.get(name="Enhet 2"),
                           fte=Decimal("0.50"))
    ConsultantBudget.objects.create(consultant=k1, year=2026, amount_sek=Decimal("1200000"))
    ConsultantBudget.objects.create(consultant=k2, year=2026, amount_sek=Decimal("600000"))
    ConsultantBudget.objects.create(consultant=k1, year=2025, amount_sek=Decimal("999999"))  # another year
    old = [_assignment("2023-0001", k1, D(2023, 2, 1), closed=D(2023, 3, 15)),
           _assignment("2024-0001", k1, D(2024, 7, 1), closed=D(2024, 8, 10)),
           _assignment("2024-0002", k1, D(2024, 5, 1), closed=D(2024, 9, 1)),
           _assignment("2025-0001", k1, D(2025, 9, 1), closed=D(2025, 12, 1), price="30000"),
           _assignment("2025-0002", k1, D(2025, 12, 1), closed=D(2026, 1, 15))]
    invoice_opening_record(references=[a.reference for a in old], until=D(2026, 1, 31))
    _assignment("2026-0001", k1, D(2026, 1, 10), closed=D(2026, 2, 20))
    basis, _shown = invoice_basis_confirm(month=D(2026, 3, 1))
    a2 = _assignment("2026-0002", k1, D(2026, 3, 1), closed=D(2026, 4, 10), price="27000")
    BillingLine.objects.create(assignment=a2, kind=BillingKind.EXTRA_HOURS, description="Extra timmar",
                               quantity=Decimal("3"), unit_price=Decimal("870"), recorded_on=D(2026, 5, 5))
    a3 = _assignment("2026-0003", k1, D(2026, 5, 2), price="27000")
    plan = Plan.objects.create(assignment=a3, start_on=D(2026, 5, 2))
    PlanStep.objects.create(plan=plan, step=Step.DECISION, position=POSITION[Step.DECISION],
                            planned_on=D(2026, 9, 15))
    PlanStep.objects.create(plan=plan, step=Step.CLOSED, position=POSITION[Step.CLOSED], planned_on=D(2026, 9, 30))
    _assignment("2025-0003", k1, D(2025, 11, 20))
    _assignment("2026-0004", k2, D(2026, 6, 1), code="CHEF", price="34000")
    return {"k1": k1, "k2": k2, "basis": basis}
