"""A review as a PDF for the personnel file (WeasyPrint), in the city's plain style (the invoice basis's)."""
from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .tables import figure_sections

STYLESHEET = "css/invoice-pdf.css"


def render_review_pdf(*, consultant, review, figures, label: str, status: str) -> bytes:
    from weasyprint import CSS, HTML  # heavy import, only when a PDF is made

    with translation.override("sv"):
        html = render_to_string("reviews/pdf/review.html", {
            "consultant": consultant, "review": review, "figures": figures, "label": label, "status": status,
            "sections": figure_sections(figures), "column_labels": [c.label for c in figures.columns],
            "printed": timezone.localdate(),
        })
    stylesheet = finders.find(STYLESHEET) or str(Path(settings.BASE_DIR) / "static" / STYLESHEET)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=[CSS(filename=stylesheet)])
