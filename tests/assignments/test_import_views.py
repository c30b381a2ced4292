"""The browser import: upload, preview (nothing saved), confirm applies exactly the previewed file.

Each step runs as a background job (in-process here, as without a broker); the pages follow it.
"""
import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from assignments.models import Assignment, ImportJob, ImportJobStatus
from recruitment.roles import COORDINATOR
from tests.factories import UserFactory

from .importing_helpers import SAMPLE, SAMPLE_BAD, csv_bytes, row

pytestmark = pytest.mark.django_db
URL = reverse("assignments:import")
CONFIRM = reverse("assignments:import_confirm")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def jobs_run(django_capture_on_commit_callbacks):
    """Run the queued jobs as the in-process runner does: right after the request's commit."""
    def run(request):
        with django_capture_on_commit_callbacks(execute=True):
            response = request()
        return response
    return run


def upload(client, data: bytes, name="register.csv", create=True, jobs_run=None):
    payload = {"file": SimpleUploadedFile(name, data, content_type="text/csv")}
    if create:
        payload["create_consultants"] = "on"
    if jobs_run is None:
        return client.post(URL, payload)
    response = jobs_run(lambda: client.post(URL, payload))
    assert response.status_code == 302
    return client.get(response.url)


def confirm(client, job, jobs_run):
    response = jobs_run(lambda: client.post(CONFIRM, {"job": job.pk if hasattr(job, "pk") else job}))
    return client.get(response.url) if response.url != URL else response


def test_a_coordinator_previews_then_confirms_the_sample_file(client, coordinator, jobs_run):
    client.force_login(coordinator)
    assert b'type="file"' in client.get(URL).content

    preview = upload(client, SAMPLE.read_bytes(), jobs_run=jobs_run)

    assert preview.status_code == 200
    report = preview.context["report"]
    assert report.dry_run and len(report.created) == 248 and len(report.created_consultants) == 12
    assert "Bekräfta och importera" in preview.content.decode()
    assert Assignment.objects.count() == 0
    job = ImportJob.objects.get()
    assert (job.status, job.rows, job.requested_by) == (ImportJobStatus.CHECKED, 248, coordinator)

    done = confirm(client, job, jobs_run)

    assert done.status_code == 200
    assert Assignment.objects.count() == 248
    assert not done.context["report"].dry_run
    assert Assignment.history.filter(history_user=coordinator).count() == 248
    job.refresh_from_db()
    assert job.status == ImportJobStatus.DONE and not job.file.storage.exists(job.file.name)
    # the same confirm again does nothing
    again = jobs_run(lambda: client.post(CONFIRM, {"job": job.pk}))
    assert again.status_code == 302 and again.url == URL
    assert Assignment.objects.count() == 248


def test_the_preview_of_a_bad_file_lists_every_bad_row_and_offers_no_confirm(client, coordinator, jobs_run):
    client.force_login(coordinator)

    response = upload(client, SAMPLE_BAD.read_bytes(), jobs_run=jobs_run)

    html = response.content.decode()
    assert [(e.line, e.column) for e in response.context["report"].errors] == [
        (37, "ordered_on"), (38, "package"), (39, "price_sek"), (40, "role_level")]
    for line in ("37", "38", "39", "40"):
        assert f'<th scope="row">{line}</th>' in html
    assert "Bekräfta och importera" not in html
    job = ImportJob.objects.get()
    assert job.status == ImportJobStatus.REJECTED and job.error_count == 4
    assert jobs_run(lambda: client.post(CONFIRM, {"job": job.pk})).status_code == 302
    assert Assignment.objects.count() == 0


def test_confirm_applies_the_previewed_file_even_if_another_is_uploaded_in_another_tab(client, coordinator, jobs_run):
    client.force_login(coordinator)
    upload(client, csv_bytes([row()]), jobs_run=jobs_run)
    upload(client, csv_bytes([row(reference="2024-0002"), row(reference="2024-0003")]), jobs_run=jobs_run)
    first, second = ImportJob.objects.order_by("pk")

    confirm(client, second, jobs_run)

    assert sorted(Assignment.objects.values_list("reference", flat=True)) == ["2024-0002", "2024-0003"]
    first.refresh_from_db()
    assert first.status == ImportJobStatus.CHECKED


def test_a_tampered_upload_is_refused_and_writes_nothing(client, coordinator, jobs_run):
    client.force_login(coordinator)
    upload(client, csv_bytes([row()]), jobs_run=jobs_run)
    job = ImportJob.objects.get()
    with open(job.file.path, "wb") as handle:
        handle.write(csv_bytes([row(reference="2099-0001")]))

    page = confirm(client, job, jobs_run)

    assert "Den uppladdade filen har ändrats" in page.content.decode()
    assert Assignment.objects.count() == 0


def test_an_expired_preview_is_refused(client, coordinator, jobs_run):
    client.force_login(coordinator)
    upload(client, csv_bytes([row()]), jobs_run=jobs_run)
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(finished_at=timezone.now() - dt.timedelta(hours=2))

    response = jobs_run(lambda: client.post(CONFIRM, {"job": job.pk}))

    assert response.status_code == 302 and response.url == URL
    assert "gått ut" in client.get(URL).content.decode()
    assert Assignment.objects.count() == 0


def test_another_coordinator_cannot_see_or_confirm_my_import(client, coordinator, jobs_run):
    client.force_login(coordinator)
    upload(client, csv_bytes([row()]), jobs_run=jobs_run)
    job = ImportJob.objects.get()
    client.force_login(UserFactory(username="annan", roles=[COORDINATOR]))
    assert client.get(reverse("assignments:import_job", args=[job.pk])).status_code == 404
    assert jobs_run(lambda: client.post(CONFIRM, {"job": job.pk})).status_code == 302
    assert Assignment.objects.count() == 0


def test_the_upload_form_explains_a_wrong_file_type(client, coordinator):
    client.force_login(coordinator)
    response = upload(client, b"%PDF-1.4", name="register.pdf")
    assert response.status_code == 400
    assert "Välj en CSV-fil eller en Excel-fil (.xlsx)." in response.content.decode()


@pytest.mark.parametrize("role", ["consultant_user", "manager", "outsider"])
def test_other_roles_get_403(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403
    assert upload(client, csv_bytes([row()])).status_code == 403
    assert client.post(CONFIRM, {"job": "1"}).status_code == 403
    assert Assignment.objects.count() == 0


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/konto/logga-in/" in response.url


def test_coordinators_see_the_import_link_in_the_menu(client, coordinator, consultant_user):
    client.force_login(coordinator)
    assert URL in client.get(URL).content.decode()
    client.force_login(consultant_user)
    assert f'href="{URL}"' not in client.get(reverse("assignments:mine")).content.decode()
