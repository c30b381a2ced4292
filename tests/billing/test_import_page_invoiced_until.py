"""The import page offers the day up to which old data counts as invoiced, and the write honours it."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assignments.importing import invoiced_until_default
from assignments.models import ImportJob
from billing.models import InvoiceBasis
from tests.assignments.importing_helpers import SAMPLE

pytestmark = pytest.mark.django_db
URL = reverse("assignments:import")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_page_proposes_last_month_and_the_import_marks_what_closed_by_the_chosen_day(
        client, coordinator, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    page = client.get(URL).content.decode()
    assert 'name="invoiced_until"' in page and invoiced_until_default().isoformat() in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"file": SimpleUploadedFile("r.csv", SAMPLE.read_bytes(), content_type="text/csv"),
                          "create_consultants": "on", "invoiced_until": "2025-04-30"})
    job = ImportJob.objects.get()
    assert job.options["invoiced_until"] == "2025-04-30"
    assert not InvoiceBasis.objects.exists()  # the preview writes nothing
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("assignments:import_confirm"), {"job": job.pk})
    opening = InvoiceBasis.objects.get()
    assert opening.opening and opening.items.exists()
    assert max(opening.items.values_list("line__assignment__closed_on", flat=True)).isoformat() <= "2025-04-30"


def test_a_bad_day_is_refused_in_swedish_and_nothing_is_queued(client, coordinator):
    client.force_login(coordinator)
    response = client.post(URL, {"file": SimpleUploadedFile("r.csv", SAMPLE.read_bytes(), content_type="text/csv"),
                                 "invoiced_until": "30/4"})
    assert response.status_code == 400 and "Fyll i ett giltigt datum" in response.content.decode()
    assert not ImportJob.objects.exists()
