"""The tertial report as a PDF (WeasyPrint): the board's version of the dashboard.

All figures are loaded first (`tertial_report_data`), then rendered; the tables and
charts are the dashboard's own, so the PDF, the page and the exports agree. `progress`
(optional) is called as progress(percent, step) before each step, `step` a Swedish text
for the list page ("Hämtar siffror för Enhet 1 (1 av 3)"). Reporting knows nothing built on it: the
caller passes the plan's `targets` (reporting.targets) and `extra_sections`, called as fn(year=,
tertial=) -> [HTML] placed after the summary (the board's report adds the plan's goals this way).
Page numbers come from CSS @page counters in static/css/report-pdf.css.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assignments.models import Unit
from recruitment.pdfs import stylesheet_path
from reporting.periods import Period
from reporting.selectors import Scope
from reporting.targets import TargetsFor, no_targets

from .dashboard import sections
from .dashboard.build import PARTS, dashboard_build, parts_withhold, period_label
from .dashboard.charts import dashboard_charts
from .dashboard.timeline_tables import timeline_tables

STYLESHEET = "css/report-pdf.css"


def _stylesheet_path() -> str:
    return stylesheet_path(STYLESHEET)


Progress = Callable[[int, str], None]
Sections = Callable[..., list[str]]


def _no_progress(value: int, step: str) -> None:
    return None


def _no_sections(*, year: int, tertial: int | None) -> list[str]:
    return []


def tertial_report_data(*, year: int, tertial: int | None, today: dt.date | None = None,
                        progress: Progress | None = None, targets: TargetsFor = no_targets,
                        extra_sections: Sections = _no_sections) -> dict:
    """Every figure of the report: the department year to date (with the year before) and each unit."""
    step = progress or _no_progress
    today = today or timezone.localdate()
    period = Period.for_report(year, tertial)
    step(10, _("Hämtar avdelningens siffror"))
    dash = dashboard_build(scope=Scope(), period=period, compare=True, today=today, list_consultants=False,
                           targets=targets)
    step(30, _("Ställer upp avdelningens tabeller och diagram"))
    unit_list = list(Unit.objects.order_by("name"))
    unit_dashes = []
    for i, unit in enumerate(unit_list):
        step(35 + int(40 * i / len(unit_list)),
             _("Hämtar siffror för %(unit)s (%(n)s av %(of)s)") % {"unit": unit.name, "n": i + 1, "of": len(unit_list)})
        unit_dashes.append(dashboard_build(scope=Scope(unit=unit), period=period, compare=True, today=today,
                                           list_consultants=False,
                                           parts=PARTS - {"yoy", "nps_trend", "targets", "timeliness"}))
    # The units are parts of the department: the department minus the shown units must not be one
    # hidden unit's candidate figures (complementary suppression), in each column (this year, the year before).
    for column in range(len(dash.series)):
        parts_withhold([d.series[column] for d in unit_dashes], dash.series[column])
    department = {
        "summary": [sections.customer_summary(dash), sections.register_summary(dash)],
        "surveys": [sections.customer_questions(dash), sections.candidate_summary(dash),
                    sections.candidate_questions(dash), sections.six_month_summary(dash),
                    sections.training_summary(dash)],
        "yoy": [sections.yoy_table(dash, kind) for kind in dash.yoy],
        "register": [sections.package_mix(dash), *sections.breakdowns(dash)[:2]],
        "leadtimes": [sections.lead_time_table(dash), sections.overdue_table(dash)],
        "new_customers": sections.new_customer_tables(dash)[1:],
        "timeliness": timeline_tables(dash),  # the department's: no table per consultant
        "charts": dashboard_charts(dash),
    }
    units = []
    for unit, unit_dash in zip(unit_list, unit_dashes, strict=True):
        units.append({
            "name": unit.name,
            "tables": [sections.customer_summary(unit_dash), sections.candidate_summary(unit_dash),
                       sections.register_summary(unit_dash), sections.package_mix(unit_dash)],
            "charts": {k: v for k, v in dashboard_charts(unit_dash, id_prefix=f"enhet{unit.pk}-").items()
                       if k == "nps_fordelning"},
        })
    step(75, _("Hämtar mål och indikatorer"))
    extra_html = extra_sections(year=year, tertial=tertial)
    return {"dash": dash, "period": period, "period_label": period_label(period), "department": department,
            "units": units, "generated_on": today, "satisfied_note": sections.satisfied_note(),
            "extra_sections": [html for html in extra_html if html]}


def render_tertial_pdf(*, year: int, tertial: int | None, today: dt.date | None = None,
                       progress: Progress | None = None, targets: TargetsFor = no_targets,
                       extra_sections: Sections = _no_sections) -> bytes:
    """The tertial report (year to date) of the whole department as PDF bytes, in Swedish."""
    from weasyprint import CSS, HTML  # heavy import, only when a PDF is made

    step = progress or _no_progress
    with translation.override("sv"):
        context = tertial_report_data(year=year, tertial=tertial, today=today, progress=step, targets=targets,
                                      extra_sections=extra_sections)
        step(80, _("Sätter ihop sidorna"))
        html = render_to_string("reporting/pdf/tertial_report.html", context)
        step(85, _("Skapar PDF-filen"))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[CSS(filename=_stylesheet_path())]
    )
