"""A customer's report pack as a PDF (WeasyPrint), in the city's plain style."""
from __future__ import annotations

from recruitment.pdfs import template_pdf

from .selectors import Pack
from .tables import pack_tables

STYLESHEET = "css/customer-pack-pdf.css"


def render_pack_pdf(pack: Pack) -> bytes:
    return template_pdf("customerpack/pdf/pack.html", {"pack": pack, "tables": pack_tables(pack)},
                        stylesheet=STYLESHEET)


def pack_filename(pack: Pack, ext: str) -> str:
    from django.utils.text import slugify

    period = f"{pack.period.year}" + (f"-T{pack.period.tertial}" if pack.period.tertial else "")
    return f"kundrapport-{slugify(pack.organisation.name) or pack.organisation.pk}-{period}.{ext}"
