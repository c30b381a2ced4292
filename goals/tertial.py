"""The board's tertial report: reporting's PDF with the plan's targets and the goals section, composed here.

`render_tertial_pdf(year=, tertial=, today=, progress=)` is what `manage.py tertial_report` writes
and what the reports page builds in the background (`REPORT_JOB`, passed to reporting's pages by
the project's urls.py).
"""
from __future__ import annotations

import datetime as dt

from billing.money import money_pdf_section
from orders.dashboard import pdf_section as orders_pdf_section
from recruitment.jobs import background_job
from reporting import pdf
from reporting.report_files import report_generate

from .report import pdf_section
from .targets import report_targets

REPORT_JOB = "goals.tertial.report_generate_job"


def goals_sections(*, year: int, tertial: int | None) -> list[str]:
    """The sections composed above reporting: the goals' indicators, the money follow-up, the e-service orders."""
    sections = [pdf_section(year=year, tertial=tertial), money_pdf_section(year=year, tertial=tertial),
                orders_pdf_section(year=year, tertial=tertial)]
    return [html for html in sections if html]


def render_tertial_pdf(*, year: int, tertial: int | None, today: dt.date | None = None,
                       progress: pdf.Progress | None = None) -> bytes:
    """The tertial report (year to date) of the whole department with its goals, as PDF bytes, in Swedish."""
    return pdf.render_tertial_pdf(year=year, tertial=tertial, today=today, progress=progress,
                                  targets=report_targets, extra_sections=goals_sections)


@background_job
def report_generate_job(report_id: int) -> None:
    """The background job of a report requested on the reports page (see recruitment.jobs)."""
    report_generate(report_id, render=render_tertial_pdf)
