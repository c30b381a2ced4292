"""Issue 10 point 11: browser imports run as background jobs, so no request reads or writes the rows.

The upload only stores the file and queues the check; the job page shows progress until the
preview is ready; a file over the limit is refused at once; a failing job shows a Swedish error
and writes nothing. The register (/uppdrag/import/) and the survey history (/enkater/import/).
"""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from assignments.importing import writer
from assignments.models import Assignment, ImportJob, ImportJobStatus
from surveys.models import Response
from surveys.services import importing as survey_importing
from tests.surveys.helpers import SAMPLES as SURVEY_SAMPLES
from tests.surveys.helpers import load_sample_assignments

from .importing_helpers import csv_bytes, row

pytestmark = pytest.mark.django_db

PAGES = {
    "register": (reverse("assignments:import"), reverse("assignments:import_confirm")),
    "survey history": (reverse("surveys:import"), reverse("surveys:import_confirm")),
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def register_file() -> SimpleUploadedFile:
    return SimpleUploadedFile("register.csv", csv_bytes([row(), row(reference="2024-0002")]))


def history_file() -> SimpleUploadedFile:
    return SimpleUploadedFile("responses.csv", (SURVEY_SAMPLES / "responses.csv").read_bytes())


FILES = {"register": register_file, "survey history": history_file}


def post_and_run(client, url, data, capture):
    with capture(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    return client.get(response.url)


@pytest.mark.parametrize("page", PAGES)
def test_the_upload_only_stores_the_file_and_the_page_shows_progress_until_the_job_has_run(
        client, coordinator, page):
    client.force_login(coordinator)
    upload_url, _confirm = PAGES[page]

    response = client.post(upload_url, {"file": FILES[page](), "create_consultants": "on"})  # no job runs

    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/jobb/{job.pk}/")
    assert (job.status, job.progress, job.rows, job.requested_by) == (ImportJobStatus.CHECK_QUEUED, 0, None,
                                                                      coordinator)
    waiting = client.get(response.url)
    html = waiting.content.decode()
    assert waiting.status_code == 200
    # polled by the shared job script (no meta refresh: axe flags it), with a reload link without JavaScript
    assert 'data-job-poll data-job-poll-seconds="2"' in html and "data-job-active" in html
    assert "js/job-progress.js" in html and "data-job-reload" in html
    assert "Väntar på kontroll" in html and '<progress id="import-progress" max="100" value="0">' in html
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJobStatus.CHECKING, progress=40, rows=2)
    assert 'value="40"' in client.get(response.url).content.decode()
    assert not Assignment.objects.exists() and not Response.objects.exists()


@pytest.mark.parametrize("page", PAGES)
def test_a_file_over_the_upload_limit_is_refused_at_once_in_swedish(client, coordinator, page):
    client.force_login(coordinator)
    upload_url, _confirm = PAGES[page]
    with override_settings(IMPORT_MAX_UPLOAD_BYTES=1024 * 1024):
        big = SimpleUploadedFile("stor.csv", b"a,b\n" + b"1,2\n" * (300 * 1024))
        response = client.post(upload_url, {"file": big})
    assert response.status_code == 400
    assert "Filen är för stor (högst 1 MB)." in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_register_job_that_fails_shows_a_swedish_error_and_writes_nothing(
        client, coordinator, monkeypatch, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    upload_url, confirm_url = PAGES["register"]
    preview = post_and_run(client, upload_url, {"file": register_file(), "create_consultants": "on"},
                           django_capture_on_commit_callbacks)
    assert "Bekräfta och importera" in preview.content.decode()

    def broken(self):
        raise RuntimeError("disk full")
    monkeypatch.setattr(writer.Writer, "_references_seen", broken)  # after the assignments are written
    page = post_and_run(client, confirm_url, {"job": ImportJob.objects.get().pk}, django_capture_on_commit_callbacks)

    html = page.content.decode()
    assert "Importen misslyckades" in html and "Ingenting har sparats." in html
    assert "disk full" not in html and "RuntimeError" not in html
    assert ImportJob.objects.get().status == ImportJobStatus.FAILED
    assert not Assignment.objects.exists()


def test_a_survey_history_job_that_fails_shows_a_swedish_error_and_writes_nothing(
        client, coordinator, monkeypatch, django_capture_on_commit_callbacks):
    load_sample_assignments()
    client.force_login(coordinator)
    upload_url, confirm_url = PAGES["survey history"]
    preview = post_and_run(client, upload_url, {"file": history_file()}, django_capture_on_commit_callbacks)
    assert "305 nya svar" in preview.content.decode()
    stored = []
    real = survey_importing.store_imported

    def fails_on_the_tenth(**kwargs):
        if len(stored) == 9:
            raise RuntimeError("connection lost")
        stored.append(real(**kwargs))
    monkeypatch.setattr(survey_importing, "store_imported", fails_on_the_tenth)
    page = post_and_run(client, confirm_url, {"job": ImportJob.objects.get().pk}, django_capture_on_commit_callbacks)

    html = page.content.decode()
    assert len(stored) == 9 and "Importen misslyckades" in html and "Ingenting har sparats." in html
    assert "connection lost" not in html
    assert not Response.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_without_a_broker_the_job_runs_in_a_thread_after_the_upload_request_has_ended(client, coordinator):
    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("the in-memory SQLite test database is not shared with another thread")
    import time

    client.force_login(coordinator)
    with override_settings(BACKGROUND_JOBS="thread"):
        response = client.post(PAGES["register"][0], {"file": register_file(), "create_consultants": "on"})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    for _ in range(300):  # wait for the thread, up to 30 s
        job.refresh_from_db()
        if not job.is_active:
            break
        time.sleep(0.1)
    assert (job.status, job.rows) == (ImportJobStatus.CHECKED, 2)
    assert "Bekräfta och importera" in client.get(response.url).content.decode()
    assert not Assignment.objects.exists()
