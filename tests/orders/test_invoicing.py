"""The cost centre and invoice reference the customer gives in an order are what the invoice basis uses."""
from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from assignments.models import Assignment, BillingKind, Package, Status
from assignments.services import package_price
from billing.models import AssignmentInvoicing, OrganisationInvoicing
from billing.selectors import assignment_invoicing
from billing.services import organisation_invoicing_set
from orders.models import RecruitedBefore
from orders.services import order_confirm, order_decline, order_submit, order_update
from tests.factories import ConsultantFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _received(organisation, *, cost_centre: str, reference: str = ""):
    order = order_submit(data={
        "organisation": organisation, "organisation_name": organisation.name, "contact_name": "Nina N",
        "email": "nina@stockholm.se", "phone": "08-508 000 00", "cost_centre": cost_centre,
        "invoice_reference": reference, "role_title": "Förskollärare", "role_level": "medarbetare",
        "sector": "forskola", "positions": 1, "package": Package.objects.get(code="STORA"),
        "recruited_before": RecruitedBefore.NO,
    })
    order, _token = order_confirm(order=order)
    return order


def _closed_in_may(assignment: Assignment) -> None:
    """Accepted by a consultant, then closed with a hire in May 2025 (its package line invoiceable then)."""
    Assignment.objects.filter(pk=assignment.pk).update(
        lead_consultant=ConsultantFactory(), status=Status.CLOSED_HIRED, closed_on=dt.date(2025, 5, 9))


def _basis() -> dict:
    out = io.StringIO()
    call_command("invoice_basis", "--month", "2025-05", "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_an_order_with_its_own_cost_centre_is_invoiced_under_it_without_a_warning():
    organisation = OrganisationFactory(name="Norrmalms stadsdelsförvaltning")
    order = _received(organisation, cost_centre="K" * 100, reference="Nina N")  # the full length fits
    _closed_in_may(order.assignment)

    report = _basis()

    assert [(c["organisation"], c["cost_centre"]) for c in report["customers"]] == [
        ("Norrmalms stadsdelsförvaltning", "K" * 100)]
    assert [line["assignment"] for line in report["customers"][0]["lines"]] == [order.assignment.reference]
    assert not [w for w in report["warnings"] if "Kostnadsställe saknas" in w]
    details = assignment_invoicing(order.assignment)
    assert (details["cost_centre"], details["reference"]) == ("K" * 100, "Nina N")


def test_the_order_overrides_the_organisation_only_where_it_differs():
    organisation = OrganisationFactory(name="Kulturförvaltningen")
    organisation_invoicing_set(organisation=organisation, cost_centre="100", reference="Ekonomi",
                               organisation_number="")
    same = _received(organisation, cost_centre="100", reference="Ekonomi")
    assert not AssignmentInvoicing.objects.filter(assignment=same.assignment).exists()

    other = _received(organisation, cost_centre="200", reference="Ekonomi")
    own = AssignmentInvoicing.objects.get(assignment=other.assignment)
    assert (own.cost_centre, own.reference) == ("200", "")  # the reference stays the organisation's

    _closed_in_may(same.assignment)
    _closed_in_may(other.assignment)
    by_cost_centre = {c["cost_centre"]: [line["assignment"] for line in c["lines"]] for c in _basis()["customers"]}
    assert by_cost_centre == {"100": [same.assignment.reference], "200": [other.assignment.reference]}

    # the organisation's later change applies to the assignment that had its values
    OrganisationInvoicing.objects.filter(organisation=organisation).update(cost_centre="300")
    assert assignment_invoicing(same.assignment)["cost_centre"] == "300"


def test_correcting_an_incoming_order_corrects_the_assignments_cost_centre():
    organisation = OrganisationFactory()
    order = _received(organisation, cost_centre="4711")
    order_update(order=order, data={"cost_centre": "4712", "invoice_reference": "Per P"}, by=None)
    own = AssignmentInvoicing.objects.get(assignment=order.assignment)
    assert (own.cost_centre, own.reference) == ("4712", "Per P")


def _ordered_with(organisation, *codes, package_code: str = "STORA"):
    order = order_submit(data={
        "organisation": organisation, "organisation_name": organisation.name, "contact_name": "Nina N",
        "email": "nina@stockholm.se", "phone": "08-508 000 00", "cost_centre": "1", "role_title": "Lärare",
        "role_level": "medarbetare", "sector": "forskola", "positions": 1,
        "package": Package.objects.get(code=package_code), "recruited_before": RecruitedBefore.NO,
        "addons": [Package.objects.get(code=code) for code in codes],
    })
    order, _token = order_confirm(order=order)
    return order


def _lines(assignment) -> list[tuple[str, str, Decimal]]:
    return list(assignment.billing_lines.order_by("id").values_list("kind", "description", "unit_price"))


def test_an_ordered_search_add_on_is_a_line_priced_from_the_year_and_invoiced_with_the_package():
    order = _ordered_with(OrganisationFactory(), "SEARCH", "REFERENS")
    assignment = order.assignment
    year = assignment.ordered_on
    search = Package.objects.get(code="SEARCH")
    # digital references are per candidate: billed when the consultant records how many
    assert _lines(assignment) == [
        (BillingKind.PACKAGE, "Stora paketet", package_price(package=Package.objects.get(code="STORA"), on=year)),
        (BillingKind.ADDON, "Searchpaket", package_price(package=search, on=year))]
    assert assignment.billing_lines.get(kind=BillingKind.ADDON).addon == search
    assignment.refresh_from_db()
    assert assignment.invoiced_total == sum(line[2] for line in _lines(assignment))

    # Searchpaket's own rule (at closing, as the package line): nothing while the assignment is open
    month = f"{year:%Y-%m}"
    assert _basis_of(month)["customers"] == []
    Assignment.objects.filter(pk=assignment.pk).update(lead_consultant=ConsultantFactory(),
                                                       status=Status.CLOSED_HIRED, closed_on=year)
    texts = [line["text"] for c in _basis_of(month)["customers"] for line in c["lines"]]
    assert texts == ["Stora paketet", "Searchpaket"]


def test_a_declined_order_bills_no_add_on_and_a_corrected_order_follows_its_add_ons():
    organisation = OrganisationFactory()
    declined = _ordered_with(organisation, "SEARCH")
    order_decline(order=declined, reason="Vi hinner inte.", by=None)
    assert _basis_of(f"{declined.assignment.ordered_on:%Y-%m}")["customers"] == []  # cancelled before it started

    corrected = _ordered_with(organisation, "SEARCH")
    order_update(order=corrected, data={"addons": []}, by=None)
    assert not corrected.assignment.billing_lines.filter(kind=BillingKind.ADDON).exists()
    order_update(order=corrected, data={"addons": [Package.objects.get(code="SEARCH")]}, by=None)
    assert corrected.assignment.billing_lines.filter(kind=BillingKind.ADDON).count() == 1


def _basis_of(month: str) -> dict:
    out = io.StringIO()
    call_command("invoice_basis", "--month", month, "--format", "json", stdout=out)
    return json.loads(out.getvalue())
