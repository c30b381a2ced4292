"""Invoicing details: a customer's (coordinators), an assignment's own (those who edit it), and the panels."""
import datetime as dt

import pytest
from django.urls import reverse

from assignments import services
from assignments.models import Status
from billing.models import AssignmentInvoicing, OrganisationInvoicing
from billing.selectors import basis_preview
from billing.services import invoice_basis_confirm, invoice_basis_mark_sent
from tests.factories import AssignmentFactory, ConsultantFactory

pytestmark = pytest.mark.django_db


def test_a_coordinator_sets_a_customers_details_and_a_bad_number_is_refused(client, coordinator, consultant_user):
    assignment = AssignmentFactory()
    url = reverse("billing:organisation", args=[assignment.organisation.pk])
    client.force_login(consultant_user)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    bad = client.post(url, {"cost_centre": "1234", "reference": "Eva", "organisation_number": "12"})
    assert bad.status_code == 400 and "10 siffror" in bad.content.decode()
    assert not OrganisationInvoicing.objects.exists()
    client.post(url, {"cost_centre": "1234", "reference": "Eva", "organisation_number": "212000-0142"})
    page = client.get(reverse("reference:org_detail", args=[assignment.organisation.pk])).content.decode()
    assert "1234" in page and "212000-0142" in page and url in page


def test_the_lead_consultant_overrides_the_cost_centre_of_their_assignment_and_another_may_not(
        client, consultant_user, coordinator):
    own = AssignmentFactory(lead_consultant=consultant_user.consultant, status=Status.CLOSED_HIRED,
                            closed_on=dt.date(2025, 5, 2))
    services.billing_package_line_set(assignment=own)
    other = AssignmentFactory(lead_consultant=ConsultantFactory())
    client.force_login(consultant_user)
    assert client.get(reverse("billing:assignment", args=[other.reference])).status_code == 403
    url = reverse("billing:assignment", args=[own.reference])
    assert client.post(url, {"cost_centre": "x" * 101, "reference": ""}).status_code == 400
    client.post(url, {"cost_centre": "7777", "reference": "Ola"})
    assert AssignmentInvoicing.objects.get(assignment=own).cost_centre == "7777"
    assert basis_preview(month=dt.date(2025, 5, 1)).customers[0].cost_centre == "7777"
    client.post(url, {"cost_centre": "", "reference": ""})  # back to the customer's
    assert not AssignmentInvoicing.objects.exists()


def test_the_assignment_page_shows_each_lines_invoice_state(client, coordinator, django_assert_max_num_queries):
    assignment = AssignmentFactory(status=Status.CLOSED_HIRED, closed_on=dt.date(2025, 5, 2))
    services.billing_package_line_set(assignment=assignment)
    client.force_login(coordinator)
    detail = reverse("assignments:detail", args=[assignment.reference])
    assert "Att fakturera" in client.get(detail).content.decode()
    basis, _ = invoice_basis_confirm(month=dt.date(2025, 5, 1))
    assert f"I fakturaunderlag ({basis})" in client.get(detail).content.decode()
    invoice_basis_mark_sent(basis=basis)
    assert f"Fakturerad ({basis})" in client.get(detail).content.decode()
