"""One customer's part of an invoice basis as a PDF (WeasyPrint), in the city's plain style."""
from __future__ import annotations

from recruitment.pdfs import template_pdf

from .selectors import CustomerBasis

STYLESHEET = "css/invoice-pdf.css"


def render_customer_pdf(*, invoice, customer: CustomerBasis) -> bytes:
    return template_pdf("billing/pdf/customer.html", {"invoice": invoice, "customer": customer},
                        stylesheet=STYLESHEET)
