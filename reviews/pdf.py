"""A review as a PDF for the personnel file (WeasyPrint), in the city's plain style (the invoice basis's)."""
from __future__ import annotations

from django.utils import timezone

from recruitment.pdfs import template_pdf

from .tables import figure_sections

STYLESHEET = "css/invoice-pdf.css"


def render_review_pdf(*, consultant, review, figures, label: str, status: str) -> bytes:
    return template_pdf("reviews/pdf/review.html", {
        "consultant": consultant, "review": review, "figures": figures, "label": label, "status": status,
        "sections": figure_sections(figures), "column_labels": [c.label for c in figures.columns],
        "printed": timezone.localdate(),
    }, stylesheet=STYLESHEET)
