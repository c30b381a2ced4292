"""The invoice run's pages: preview, confirm, the basis, its files, marking sent and reopening."""
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from assignments import services
from assignments.models import BillingLine, Status
from billing.models import BasisStatus, InvoiceBasis
from tests.factories import AssignmentFactory

pytestmark = pytest.mark.django_db
RUN = reverse("billing:run")


@pytest.fixture
def closed_in_may():
    assignment = AssignmentFactory(status=Status.CLOSED_HIRED, closed_on=dt.date(2025, 5, 20))
    services.billing_package_line_set(assignment=assignment)
    return assignment


def test_a_consultant_may_not_run_invoicing(client, consultant_user):
    client.force_login(consultant_user)
    assert client.get(RUN).status_code == 403
    assert client.post(RUN, {"month": "2025-05"}).status_code == 403


def test_the_preview_shows_the_months_lines_and_changes_nothing(client, coordinator, closed_in_may,
                                                                 django_assert_num_queries):
    client.force_login(coordinator)
    with django_assert_num_queries(7):
        page = client.get(RUN, {"month": "2025-05"})
    text = page.content.decode()
    assert page.status_code == 200 and closed_in_may.reference in text and "Bekräfta och lås raderna" in text
    assert "Kostnadsställe saknas för" in text  # the warning
    assert not InvoiceBasis.objects.exists()


def test_a_bad_month_is_refused_in_swedish(client, coordinator):
    client.force_login(coordinator)
    page = client.get(RUN, {"month": "maj"})
    assert page.status_code == 400 and "Skriv månaden som ÅÅÅÅ-MM" in page.content.decode()
    assert client.post(RUN, {"month": ""}).status_code == 400
    assert not InvoiceBasis.objects.exists()


def confirm(client, month="2025-05"):
    """Confirm as the page does: with the fingerprint of the preview shown."""
    expected = client.get(RUN, {"month": month}).context["preview"].fingerprint
    return client.post(RUN, {"month": month, "expected": expected})


def test_confirming_locks_the_lines_and_shows_the_basis(client, coordinator, closed_in_may,
                                                        django_assert_num_queries):
    client.force_login(coordinator)
    response = confirm(client)
    basis = InvoiceBasis.objects.get()
    assert response.status_code == 302 and response.url == reverse("billing:basis", args=[basis.pk])
    assert BillingLine.objects.get(assignment=closed_in_may).locked
    with django_assert_num_queries(5):
        page = client.get(response.url)
    assert closed_in_may.reference in page.content.decode()
    again = client.post(RUN, {"month": "2025-05", "expected": response.wsgi_request.POST["expected"]}, follow=True)
    assert "Det fanns inget nytt att fakturera" in again.content.decode() and InvoiceBasis.objects.count() == 1
    detail = client.get(reverse("assignments:detail", args=[closed_in_may.reference])).content.decode()
    assert "Fakturerad" in detail


def test_the_excel_and_csv_files_carry_the_documented_columns(client, coordinator, closed_in_may):
    from openpyxl import load_workbook
    client.force_login(coordinator)
    confirm(client)
    basis = InvoiceBasis.objects.get()
    book = load_workbook(io.BytesIO(client.get(reverse("billing:file_xlsx", args=[basis.pk])).content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[1] == ("organisation", "cost_centre", "reference", "assignment", "text", "quantity", "unit_price",
                       "amount")
    assert rows[2][3] == closed_in_may.reference
    assert Decimal(str(rows[2][7])) == BillingLine.objects.get(assignment=closed_in_may).amount
    csv_text = client.get(reverse("billing:file_csv", args=[basis.pk])).content.decode("utf-8-sig")
    assert csv_text.splitlines()[1].split(";")[3] == closed_in_may.reference


def test_a_manager_reopens_with_a_reason_and_a_sent_basis_stays_closed(client, coordinator, manager, closed_in_may):
    client.force_login(coordinator)
    confirm(client)
    basis = InvoiceBasis.objects.get()
    assert client.post(reverse("billing:reopen", args=[basis.pk]), {"reason": "Fel"}).status_code == 403
    client.force_login(manager)
    empty = client.post(reverse("billing:reopen", args=[basis.pk]), {"reason": ""})
    assert empty.status_code == 400 and "Detta fält måste fyllas i" in empty.content.decode()
    client.post(reverse("billing:reopen", args=[basis.pk]), {"reason": "Fel kostnadsställe"})
    basis.refresh_from_db()
    assert basis.status == BasisStatus.REOPENED and not BillingLine.objects.get(assignment=closed_in_may).locked
    confirm(client)
    second = InvoiceBasis.objects.get(number=2)
    client.post(reverse("billing:mark_sent", args=[second.pk]))
    page = client.post(reverse("billing:reopen", args=[second.pk]), {"reason": "För sent"}, follow=True)
    assert "skickat till ekonomi och kan inte öppnas igen" in page.content.decode()
    assert InvoiceBasis.objects.get(pk=second.pk).status == BasisStatus.SENT


def test_a_confirm_locks_nothing_when_the_lines_changed_after_the_preview(client, coordinator, closed_in_may):
    client.force_login(coordinator)
    expected = client.get(RUN, {"month": "2025-05"}).context["preview"].fingerprint
    services.billing_package_override(assignment=closed_in_may, amount=Decimal("1000"), reason="Rabatt")
    page = client.post(RUN, {"month": "2025-05", "expected": expected}, follow=True)
    assert "har ändrats sedan du förhandsgranskade" in page.content.decode()
    assert not InvoiceBasis.objects.exists() and not BillingLine.objects.filter(locked=True).exists()


def test_each_customer_has_a_pdf_of_its_part_of_the_basis(client, coordinator, closed_in_may):
    from pypdf import PdfReader
    client.force_login(coordinator)
    confirm(client)
    basis = InvoiceBasis.objects.get()
    url = reverse("billing:customer_pdf", args=[basis.pk])
    assert url in client.get(reverse("billing:basis", args=[basis.pk])).content.decode()
    response = client.get(url, {"n": "1"})
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert closed_in_may.organisation.name in text and closed_in_may.reference in text
    amount = f"{BillingLine.objects.get(assignment=closed_in_may).amount:.2f}".replace(".", ",")
    assert "Summa" in text and amount in re.sub(r"\s", "", text)
    for bad in ("0", "2", "x"):
        assert client.get(url, {"n": bad}).status_code == 404
