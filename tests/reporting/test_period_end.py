"""Every output of a report stops at the report's period end (issue 11 point 4).

Answers before and after the end of T2 2026 (31 August), and in the year before: the PDF
(every page, the year-over-year tables included), the kpi JSON and the dashboard pages
count only the answers up to the end of the period, and earlier years' columns cover the
same months of their year.
"""
import datetime as dt
import io
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from reporting.dashboard.build import dashboard_build
from reporting.periods import Period
from reporting.selectors import Scope, survey_yoy

from .helpers import respond

pytestmark = pytest.mark.django_db

T2_2026 = Period.for_report(2026, 2)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def answers():
    """2026: 4 and 6 up to 31 August (mean 5,00), 10 in December; 2025: 7 in March, 1 in November."""
    for day, value in ((dt.date(2026, 3, 10), 4), (dt.date(2026, 8, 20), 6), (dt.date(2026, 12, 5), 10),
                       (dt.date(2025, 3, 15), 7), (dt.date(2025, 11, 10), 1)):
        respond("customer", day, {"planning": value, "overall_satisfaction": value})


def _words(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _pages(content: bytes) -> list[str]:
    return [_words(page.extract_text()) for page in PdfReader(io.BytesIO(content)).pages]


def test_a_period_in_an_earlier_year_has_the_same_months():
    assert T2_2026.in_year(2024) == Period.for_report(2024, 2)
    assert Period.tertial_alone(2026, 2).in_year(2025) == Period.tertial_alone(2025, 2)
    assert Period.for_report(2026).in_year(2020) == Period.for_report(2020)
    assert Period(2025, None, dt.date(2025, 1, 1), dt.date(2025, 2, 28)).in_year(2024).end == dt.date(2024, 2, 29)
    assert T2_2026.year_earlier() == T2_2026.in_year(2025)


def test_year_over_year_stops_each_year_at_the_period_end(answers):
    table = survey_yoy(kind="customer", period=T2_2026, years=2)
    assert table["years"] == [2025, 2026]
    assert [p.end for p in table["periods"]] == [dt.date(2025, 8, 31), dt.date(2026, 8, 31)]
    planning = next(row for row in table["questions"] if row["key"] == "planning")
    assert planning["values"] == [7.0, 5.0]
    assert planning["n"] == [1, 2]
    whole_years = survey_yoy(kind="customer", last_year=2026, years=2)
    assert next(r for r in whole_years["questions"] if r["key"] == "planning")["values"] == [4.0, 20 / 3]


def test_the_kpi_json_counts_only_answers_up_to_the_period_end(answers):
    out = StringIO()
    call_command("kpi", year=2026, tertial=2, format="json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["period"]["end"] == "2026-08-31"
    assert report["customer"]["responses"] == 2
    assert report["customer"]["questions"]["planning"] == {"mean": 5.0, "n": 2}


def test_every_dashboard_section_with_a_tertial_stops_at_its_end(answers):
    dash = dashboard_build(scope=Scope(), period=T2_2026, compare=True, today=dt.date(2026, 12, 6))
    assert dash.main.customer["responses"] == 2
    assert dash.series[1].customer["responses"] == 1  # jan-aug 2025
    planning = next(row for row in dash.yoy["customer"]["questions"] if row["key"] == "planning")
    assert planning["values"][-2:] == [7.0, 5.0]
    assert [c["comment"] for c in dash.comments] == []


def test_the_dashboard_pages_and_export_with_a_tertial_stop_at_its_end(answers, client, manager):
    client.force_login(manager)
    page = _words(client.get("/rapporter/ar-for-ar/", {"year": 2026, "tertial": 2}).content.decode())
    assert "2026 jan–aug" in page and "2025 jan–aug" in page
    assert "5,00" in page and "7,00" in page
    assert "6,67" not in page and "4,00" not in page
    overview = _words(client.get("/rapporter/", {"year": 2026, "tertial": 2}).content.decode())
    assert "5,00" in overview and "6,67" not in overview
    csv = client.get("/rapporter/export/", {"year": 2026, "tertial": 2, "format": "csv",
                                            "table": "ar_for_ar_customer"}).content.decode()
    planning = next(line for line in csv.splitlines() if line.startswith("Väl planerad rekrytering"))
    assert planning.endswith(";7,0;5,0")  # 2025 and 2026, each January-August
    assert "Antal svar;0;0;0;0;1;2" in csv


def test_every_page_of_the_pdf_stops_at_the_period_end(answers):
    from reporting.pdf import render_tertial_pdf

    pages = _pages(render_tertial_pdf(year=2026, tertial=2, today=dt.date(2026, 12, 6)))
    text = " ".join(pages)
    summary = next(p for p in pages if "Kundenkät: sammanfattning" in p)
    assert "Antal svar 2 1" in summary  # T2 2026 so far, and the same months of 2025
    # each mean from one or two answers carries its "osäker, n svar" note
    assert re.search(r"Totalt medelvärde 5,00 (osäker, 2 svar )?7,00", summary), summary
    yoy = next(p for p in pages if "Kundenkät år för år" in p)
    assert "2025 jan–aug 2026 jan–aug" in yoy.replace("– ", "–")  # a header may wrap after the dash
    assert "5,00" in yoy and "7,00" in yoy
    assert "6,67" not in text and "4,00" not in text  # neither December 2026 nor November 2025 anywhere
