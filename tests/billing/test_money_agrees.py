"""The same money figures on the page, in its workbook, in the tertial PDF and in the kpi JSON."""
import io
import re
import subprocess
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from billing import money as money_module
from billing.money import kr
from goals.kpi import kpi_json
from goals.tertial import render_tertial_pdf
from tests.billing.money_data import ON, money_data

pytestmark = pytest.mark.django_db
# the JSON's key, and the label the page, workbook and PDF give it (T2 2026: January to August)
LABELS = {"invoiced": "Fakturerat januari–augusti 2026",
          "invoiceable": "Fakturerbart, ej fakturerat januari–augusti 2026",
          "sold_not_invoiceable": "Sålt, ej fakturerbart (pågående uppdrag)", "forecast_year": "Prognos för helåret",
          "budget_year": "Budget för året"}


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " "))


def test_page_workbook_pdf_and_json_agree(client, manager, monkeypatch, tmp_path):
    monkeypatch.setattr(money_module.timezone, "localdate", lambda: ON)
    money_data()
    figures = kpi_json(year=2026, tertial=2)["money"]
    assert figures == {"invoiced": "50000.00", "invoiceable": "29610.00", "sold_not_invoiceable": "86000.00",
                       "forecast_year": "149943.33", "budget_year": "1800000.00"}
    client.force_login(manager)
    query = {"year": "2026", "month": "8"}
    page = words(unescape(re.sub(r"<[^>]+>", " ", client.get(reverse("billing:money"), query).content.decode())))
    book = load_workbook(io.BytesIO(client.get(reverse("billing:money_xlsx"), query).content))
    sheet = {row[0]: row[1] for row in book["Sammanfattning"].iter_rows(values_only=True) if row and row[0]}
    pdf = tmp_path / "tertial.pdf"
    pdf.write_bytes(render_tertial_pdf(year=2026, tertial=2, today=ON))
    pdf_text = words(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    for key, label in LABELS.items():
        amount = Decimal(figures[key])
        written = words(kr(amount))
        assert f"{label} {written}" in page, key
        assert Decimal(str(sheet[label])).quantize(Decimal("0.01")) == amount, key
        assert label in pdf_text and written in pdf_text, key
    assert "Ekonomi: fakturering mot budget (januari–augusti 2026)" in pdf_text
    assert "planerade beslutsdatum" in pdf_text
