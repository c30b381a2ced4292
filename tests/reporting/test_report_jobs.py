"""Ordering a tertial report runs it as a background job with progress on the list page (issue 11 point 14)."""
import threading

import pytest

from reporting import report_files
from reporting.models import ReportFile, ReportStatus

WAIT = 30  # seconds a test waits for the other thread at most (a safety net, not a timing assertion)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


class HeldBuilder:
    """Stands in for render_tertial_pdf: reports a step, then waits until the test releases it."""

    def __init__(self):
        self.reached = threading.Event()
        self.release = threading.Event()
        self.finished = threading.Event()

    def __call__(self, *, year, tertial, progress, today=None):
        progress(40, "Hämtar siffror för Enhet 1 (1 av 2)")
        self.reached.set()
        assert self.release.wait(WAIT)
        self.finished.set()
        return b"%PDF-1.4 test"


def _job_thread(report: ReportFile) -> threading.Thread:
    return next(t for t in threading.enumerate() if t.name == f"job-report_generate_job-{report.pk}")


def _job_thread_join(report: ReportFile) -> None:
    """Wait for the report's job thread, if it is still running."""
    for thread in threading.enumerate():
        if thread.name == f"job-report_generate_job-{report.pk}":
            thread.join(WAIT)


@pytest.mark.django_db(transaction=True)
def test_ordering_a_report_answers_at_once_and_the_page_follows_the_job(client, coordinator, settings, monkeypatch):
    settings.BACKGROUND_JOBS = "thread"  # no broker: a thread of the web process
    builder = HeldBuilder()
    monkeypatch.setattr("goals.tertial.render_tertial_pdf", builder)
    client.force_login(coordinator)
    try:
        response = client.post("/rapporter/tertialrapporter/", {"year": 2026, "tertial": 2})
        assert response.status_code == 302
        assert not builder.finished.is_set()  # the answer came before the job finished
        report = ReportFile.objects.get()
        thread = _job_thread(report)
        assert builder.reached.wait(WAIT)

        page = client.get(response["Location"]).content.decode()
        assert "Rapporten är beställd och skapas nu" in page
        assert 'data-job-active' in page
        assert '<progress class="report-progress" max="100" value="40"' in page
        assert "Hämtar siffror för Enhet 1 (1 av 2)" in page
        assert "Ladda ner PDF" not in page
    finally:
        builder.release.set()
    thread.join(WAIT)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.progress == 100
    page = client.get("/rapporter/tertialrapporter/").content.decode()
    assert 'data-job-active' not in page
    assert "Ladda ner PDF" in page
    download = client.get(f"/rapporter/tertialrapporter/{report.pk}/pdf/")
    assert b"".join(download.streaming_content) == b"%PDF-1.4 test"


@pytest.mark.django_db(transaction=True)
def test_a_failing_job_in_a_thread_shows_a_swedish_error_and_stops_refreshing(client, coordinator, settings,
                                                                               monkeypatch):
    settings.BACKGROUND_JOBS = "thread"

    def broken(**kwargs):
        raise KeyError("unit_dash")

    monkeypatch.setattr("goals.tertial.render_tertial_pdf", broken)
    client.force_login(coordinator)
    client.post("/rapporter/tertialrapporter/", {"year": 2026, "tertial": 2})
    report = ReportFile.objects.get()
    _job_thread_join(report)  # a failing job may have ended before the answer came back
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert "unit_dash" in report.error  # the detail stays on the row and in the log
    page = client.get("/rapporter/tertialrapporter/").content.decode()
    assert "Rapporten kunde inte skapas. Beställ den igen" in page
    assert "unit_dash" not in page and "KeyError" not in page and "Traceback" not in page
    assert 'data-job-active' not in page


@pytest.mark.django_db
def test_the_job_records_each_step_of_the_build(django_capture_on_commit_callbacks, monkeypatch):
    steps = []
    real = report_files._set_progress
    monkeypatch.setattr(report_files, "_set_progress",
                        lambda pk, value, step="": (steps.append((value, step)), real(pk, value, step)))
    with django_capture_on_commit_callbacks(execute=True):
        report = report_files.report_request(year=2026, tertial=2)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.step == ""
    texts = [step for _, step in steps]
    for expected in ("Hämtar avdelningens siffror", "Ställer upp avdelningens tabeller och diagram",
                     "Hämtar siffror för Enhet 1 (1 av", "Hämtar mål och indikatorer", "Sätter ihop sidorna",
                     "Skapar PDF-filen", "Sparar filen"):
        assert any(text.startswith(expected) for text in texts), expected
    values = [value for value, _ in steps]
    assert values == sorted(values)


@pytest.mark.django_db
def test_a_report_left_running_by_a_stopped_process_stops_the_refresh(client, manager):
    import datetime as dt

    from django.utils import timezone

    ReportFile.objects.create(year=2026, tertial=2, status=ReportStatus.RUNNING, progress=40,
                              started_at=timezone.now() - dt.timedelta(hours=2))
    client.force_login(manager)
    page = client.get("/rapporter/tertialrapporter/").content.decode()
    assert 'data-job-active' not in page
    assert "Rapporten blev inte klar" in page
