"""A customer's report pack as a PDF (WeasyPrint), in the city's plain style."""
from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from .selectors import Pack
from .tables import pack_tables

STYLESHEET = "css/customer-pack-pdf.css"


def render_pack_pdf(pack: Pack) -> bytes:
    from weasyprint import CSS, HTML  # heavy import, only when a PDF is made

    with translation.override("sv"):
        html = render_to_string("customerpack/pdf/pack.html", {"pack": pack, "tables": pack_tables(pack)})
    stylesheet = finders.find(STYLESHEET) or str(Path(settings.BASE_DIR) / "static" / STYLESHEET)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=[CSS(filename=stylesheet)])


def pack_filename(pack: Pack, ext: str) -> str:
    from django.utils.text import slugify

    period = f"{pack.period.year}" + (f"-T{pack.period.tertial}" if pack.period.tertial else "")
    return f"kundrapport-{slugify(pack.organisation.name) or pack.organisation.pk}-{period}.{ext}"
