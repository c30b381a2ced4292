"""One way to make a PDF from a template in the city's plain style (WeasyPrint), for every app but the
tertial report (reporting/pdf.py, which composes its own sections and progress)."""
from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation


def stylesheet_path(name: str) -> str:
    """A static stylesheet's file, found by the static finders or in the project's static folder."""
    return finders.find(name) or str(Path(settings.BASE_DIR) / "static" / name)


def template_pdf(template: str, context: dict, *, stylesheet: str) -> bytes:
    """`template` rendered in Swedish with `context`, as PDF bytes styled by the static `stylesheet`."""
    from weasyprint import CSS, HTML  # heavy import, only when a PDF is made

    with translation.override("sv"):
        html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[CSS(filename=stylesheet_path(stylesheet))])
