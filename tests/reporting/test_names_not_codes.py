"""People see package names and Swedish sheet names, not codes (issue 11 point 10)."""
import io

import pytest
from openpyxl import load_workbook

from tests.factories import AssignmentFactory, package

from .dashboard_helpers import query

pytestmark = pytest.mark.django_db


def test_the_register_page_and_its_chart_name_packages(client, manager):
    AssignmentFactory(package=package("SECOND_OPINION"), ordered_on="2025-02-01", contact=None)
    AssignmentFactory(package=package("STORA"), ordered_on="2025-02-02", contact=None)
    client.force_login(manager)
    for url in (f"/rapporter/?{query()}", f"/rapporter/uppdrag/?{query()}"):
        body = client.get(url).content.decode()
        assert package("SECOND_OPINION").name in body, url
        assert ">SECOND_OPINION<" not in body and ">STORA<" not in body, url


def test_excel_sheets_are_named_in_swedish(client, manager):
    client.force_login(manager)
    response = client.get(f"/rapporter/export/?{query()}&format=xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert "Kundenkät sammanfattning" in book.sheetnames
    assert not [name for name in book.sheetnames if "_" in name]
