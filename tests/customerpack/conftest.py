"""Hand-made data for the customer pack tests: a parent company with one company, another customer."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.cache import cache

from assignments.models import (
    BillingKind,
    BillingLine,
    Contact,
    ContactRole,
    Organisation,
    OrganisationKind,
    RoleLevel,
    Sector,
    Status,
)
from billing.models import InvoiceBasis, InvoiceItem
from tests.factories import AssignmentFactory, HireFactory, OrganisationFactory
from tests.reporting.helpers import respond
from tests.surveys.conftest import SmtpServer, free_port


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@dataclass
class World:
    parent: Organisation
    company: Organisation
    other: Organisation
    hr: Contact


def _invoice(basis: InvoiceBasis, line: BillingLine, position: int) -> InvoiceItem:
    return InvoiceItem.objects.create(
        basis=basis, line=line, position=position, organisation=line.assignment.organisation.name,
        assignment_reference=line.assignment.reference, text=line.description, quantity=line.quantity,
        unit_price=line.unit_price, amount=line.quantity * line.unit_price)


@pytest.fixture
def world(db) -> World:
    """2025:
    - the parent (Stadshus AB): a1 ordered 1 Feb, closed with two hires 20 Mar (47 days), school, staff;
      customer answers NPS 10 and 9; a line of 45 000,50 kr invoiced in April (and one of 1 000 kr in a
      January 2026 basis, outside 2025);
    - its company (Bostadsbolaget AB): a2 ordered 1 Apr, open, other sector, manager; one answer NPS 5;
    - another customer: a3 ordered 1 Mar, closed without a hire 11 Mar (10 days); one answer NPS 10;
      a line of 30 000 kr invoiced in April.
    """
    parent = OrganisationFactory(name="Stadshus AB", kind=OrganisationKind.COMPANY)
    company = OrganisationFactory(name="Bostadsbolaget AB", kind=OrganisationKind.COMPANY, parent=parent)
    other = OrganisationFactory(name="Annan förvaltning")
    a1 = AssignmentFactory(organisation=parent, ordered_on=dt.date(2025, 2, 1), status=Status.CLOSED_HIRED,
                           closed_on=dt.date(2025, 3, 20), sector=Sector.SCHOOL, role_level=RoleLevel.STAFF)
    HireFactory(assignment=a1)
    HireFactory(assignment=a1)
    a2 = AssignmentFactory(organisation=company, ordered_on=dt.date(2025, 4, 1), sector=Sector.OTHER,
                           role_level=RoleLevel.MANAGER)
    a3 = AssignmentFactory(organisation=other, ordered_on=dt.date(2025, 3, 1), status=Status.CLOSED_NOT_HIRED,
                           closed_on=dt.date(2025, 3, 11))
    for assignment, nps in ((a1, 10), (a1, 9), (a2, 5), (a3, 10)):
        respond("customer", dt.date(2025, 5, 14), {"overall_satisfaction": 8, "nps": nps}, assignment=assignment)
    april = InvoiceBasis.objects.create(month=dt.date(2025, 4, 1), number=1)
    later = InvoiceBasis.objects.create(month=dt.date(2026, 1, 1), number=1)
    lines = [BillingLine.objects.create(assignment=a, kind=BillingKind.PACKAGE, description="Paket",
                                        unit_price=price) for a, price in
             ((a1, Decimal("45000.50")), (a3, Decimal("30000")), (a1, Decimal("1000")))]
    _invoice(april, lines[0], 1)
    _invoice(april, lines[1], 2)
    _invoice(later, lines[2], 1)
    hr = Contact.objects.create(organisation=parent, name="Hanna HR", email="hanna.hr@stadshus.example.se",
                                role=ContactRole.HR)
    return World(parent=parent, company=company, other=other, hr=hr)


def candidates(assignment, count: int, *, test_info: int = 0, overall: int = 9):
    """`count` candidate answers for an assignment's customer (May 2025), `test_info` of them with that
    question answered."""
    for i in range(count):
        answers = {"overall": overall, "ad_clear": "ja"}
        if i < test_info:
            answers["test_info"] = "ja"
        respond("candidate", dt.date(2025, 5, 14), answers, assignment=assignment)


@pytest.fixture
def smtp_port():
    return free_port()


@pytest.fixture
def smtp_server(settings, smtp_port):
    """Django sends over real SMTP to a server on 127.0.0.1."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    server = SmtpServer(smtp_port).start()
    yield server
    server.stop()
