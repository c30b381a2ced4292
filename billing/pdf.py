"""One customer's part of an invoice basis as a PDF (WeasyPrint), in the city's plain style."""
from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from .selectors import CustomerBasis

STYLESHEET = "css/invoice-pdf.css"


def render_customer_pdf(*, invoice, customer: CustomerBasis) -> bytes:
    from weasyprint import CSS, HTML  # heavy import, only when a PDF is made

    with translation.override("sv"):
        html = render_to_string("billing/pdf/customer.html", {"invoice": invoice, "customer": customer})
    stylesheet = finders.find(STYLESHEET) or str(Path(settings.BASE_DIR) / "static" / STYLESHEET)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=[CSS(filename=stylesheet)])
