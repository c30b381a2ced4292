"""The PDF tertial report: its text shows the KPI numbers; the task stores it with progress; the command writes it."""
import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from goals.kpi import kpi_json
from goals.tertial import render_tertial_pdf  # the board's report: reporting's PDF with the goals
from reporting import report_files
from reporting.dashboard.tables import MEAN, MONEY, NPS
from reporting.formatting import format_value
from reporting.models import ReportFile, ReportStatus
from reporting.report_files import report_request
from reporting.selectors import kpi_report

from .sample_loader import load_samples

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_shows_the_same_numbers_as_the_kpi_json():
    load_samples()
    content = render_tertial_pdf(year=2025, tertial=2)
    assert content.startswith(b"%PDF")
    text = _text(content)
    report = kpi_report(year=2025, tertial=2).to_json()
    assert format_value(report["customer"]["nps"], NPS) in text
    assert format_value(report["customer"]["total_mean"], MEAN) in text
    assert format_value(report["assignments"]["revenue_sek"], MONEY) in text
    assert "Tertialrapport T2 2025" in text
    assert "Nöjd = 8–10" in text
    assert "Enhet: Enhet 1" in text
    reader = PdfReader(io.BytesIO(content))
    assert f"Sida 2 av {len(reader.pages)}" in reader.pages[1].extract_text()


def test_the_task_updates_progress_and_stores_the_file(django_capture_on_commit_callbacks, manager, monkeypatch):
    seen = []
    real = report_files._set_progress
    monkeypatch.setattr(report_files, "_set_progress",
                        lambda pk, value, step="": (seen.append((value, ReportFile.objects.get(pk=pk).status)),
                                                    real(pk, value, step)))
    with django_capture_on_commit_callbacks(execute=True):
        report = report_request(year=2025, tertial=1, requested_by=manager)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    assert report.progress == 100
    assert report.finished_at is not None
    assert [v for v, _ in seen] == sorted(v for v, _ in seen) and len(seen) >= 3
    assert {s for _, s in seen} == {ReportStatus.RUNNING}
    with report.file.open("rb") as fh:
        assert "Tertialrapport T1 2025" in _text(fh.read())


def test_generating_twice_does_nothing_the_second_time(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = report_request(year=2025, tertial=None)
    report.refresh_from_db()
    name = report.file.name
    report_files.report_generate(report.pk)
    report.refresh_from_db()
    assert report.file.name == name and report.status == ReportStatus.DONE


def test_the_command_writes_a_pdf(tmp_path):
    out = tmp_path / "t2.pdf"
    call_command("tertial_report", year=2025, tertial=2, out=str(out))
    assert "Tertialrapport T2 2025" in _text(out.read_bytes())


def test_the_reports_page_shows_progress_refreshes_and_offers_the_download(
    client, manager, consultant_user, django_capture_on_commit_callbacks
):
    running = ReportFile.objects.create(year=2025, tertial=2, status=ReportStatus.RUNNING, progress=40)
    client.force_login(manager)
    page = client.get("/rapporter/tertialrapporter/").content.decode()
    assert 'data-job-active' in page
    assert 'value="40"' in page
    assert client.get(f"/rapporter/tertialrapporter/{running.pk}/pdf/").status_code == 404
    running.delete()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/rapporter/tertialrapporter/", {"year": 2025, "tertial": 1})
    assert response.status_code == 302
    done = ReportFile.objects.get()
    assert done.status == ReportStatus.DONE  # eager Celery on the embedded default
    page = client.get("/rapporter/tertialrapporter/").content.decode()
    assert 'data-job-active' not in page
    download = client.get(f"/rapporter/tertialrapporter/{done.pk}/pdf/")
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF")
    assert "Indikatorer mot årsmål" in _text(content)  # the board's report: the project's job adds the goals
    client.force_login(consultant_user)
    assert client.get("/rapporter/tertialrapporter/").status_code == 403
    assert client.get(f"/rapporter/tertialrapporter/{done.pk}/pdf/").status_code == 403


def test_it_refuses_a_bad_request_in_swedish(client, manager):
    client.force_login(manager)
    response = client.post("/rapporter/tertialrapporter/", {"year": 1990, "tertial": 5})
    assert response.status_code == 400
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not ReportFile.objects.exists()


def test_a_failed_generation_is_stored_with_its_error(django_capture_on_commit_callbacks, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("WeasyPrint saknar typsnitt")

    monkeypatch.setattr("reporting.pdf.render_tertial_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        report = report_request(year=2025, tertial=3)
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert "WeasyPrint saknar typsnitt" in report.error
    assert not report.file


def test_the_pdf_has_the_indicators_against_targets_and_a_section_per_goal():
    load_samples()
    report = kpi_json(year=2025, tertial=2)
    nps = next(i for i in report["indicators"] if i["key"] == "nps")
    text = " ".join(_text(render_tertial_pdf(year=2025, tertial=2)).split())
    assert "Indikatorer mot årsmål" in text
    assert "Nämndmål" in text or "Enhetsmål" in text
    assert "NPS-värde" in text.replace("- ", "-")  # a name broken at its hyphen in a table cell
    expected_status = {"met": "Uppfyllt", "not_met": "Ej uppfyllt", "no_data": "Inga data"}[nps["status"]]
    assert expected_status in text


def test_the_pdf_has_the_charts_of_nps_per_tertial_lead_times_and_year_over_year():
    load_samples()
    text = _text(render_tertial_pdf(year=2025, tertial=2)).replace("\n", " ")
    assert "NPS per tertial, Hela avdelningen" in text
    assert "Ledtid från beställning till avslut per paket, dagar" in text
    assert "Kundenkät: Väl planerad rekrytering" in text  # one line chart per question
    assert "Kandidatenkät: Annonsen tydlig och begriplig" in text
    assert "T2 2025" in text and "dagar från beställning till avslut" in text  # drawn, not only captioned


def test_the_pdf_has_the_timelines_planned_against_actual():
    import datetime as dt

    from tests.factories import AssignmentFactory
    from timeline.services import plan_lay

    plan = plan_lay(assignment=AssignmentFactory(), start_on=dt.date(2025, 3, 3))
    for step in plan.steps.all():
        step.done_on = step.planned_on
        step.save(update_fields=["done_on"])
    text = " ".join(_text(render_tertial_pdf(year=2025, tertial=2)).split())
    assert "Tidplaner: planerat mot faktiskt" in text
    assert "Beslut enligt planerat datum" in text and "100,0 %" in text  # the one decision in time
    assert "Orsaker till förseningar per tertial" in text
    assert "Försenade uppdrag per ansvarig konsult" not in text  # the board's report names no consultant
