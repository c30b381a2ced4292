"""The export writers (recruitment/workbooks.py): what every Excel and CSV export is made of."""
import datetime as dt
import io
from decimal import Decimal

from openpyxl import load_workbook

from recruitment.workbooks import Sheet, Styled, csv_lines, workbook_bytes


def _book(*sheets):
    return load_workbook(io.BytesIO(workbook_bytes(sheets)))


def test_a_sheet_is_its_caption_bold_header_rows_and_note_with_widths_and_code_name():
    book = _book(Sheet(title="Kunder", caption="Kundenkät", header=["Namn", "Antal"], rows=[["Kista", 3]],
                       note="Källa: registret", widths={"A": 40}, code_name="kunder"),
                 Sheet(title="Tom", header=["Namn"], rows=[]))
    assert book.sheetnames == ["Kunder", "Tom"]
    sheet = book["Kunder"]
    assert list(sheet.iter_rows(values_only=True)) == [
        ("Kundenkät", None), ("Namn", "Antal"), ("Kista", 3), (None, None), ("Källa: registret", None)]
    assert sheet["A1"].font.b and sheet["A2"].font.b and sheet["B2"].font.b and not sheet["A3"].font.b
    assert sheet.column_dimensions["A"].width == 40
    assert sheet.sheet_properties.codeName == "kunder"
    assert list(book["Tom"].iter_rows(values_only=True)) == [("Namn",)]


def test_numbers_and_dates_keep_their_type_and_take_a_given_format():
    sheet = _book(Sheet(title="T", header=["a", "b", "c"],
                        rows=[[Styled(0.25, number_format="0.0%"), dt.date(2025, 3, 1), Styled(None, "0.00")]])).active
    share, day, empty = sheet[2]
    assert (share.value, share.number_format) == (0.25, "0.0%")
    assert (day.value, day.number_format) == (dt.datetime(2025, 3, 1), "yyyy-mm-dd")
    assert (empty.value, empty.number_format) == (None, "0.00")


def test_every_text_is_guarded_against_formulas_unless_the_program_formatted_it():
    sheet = _book(Sheet(title="T", caption="=cap", header=["=SUM(A1)"], note="@note",
                        rows=[["=1+1", Styled("-5,0 %", guard=False), Styled("+x", bold=True), -3]])).active
    assert list(sheet.iter_rows(values_only=True)) == [
        ("'=cap", None, None, None), ("'=SUM(A1)", None, None, None), ("'=1+1", "-5,0 %", "'+x", -3),
        (None, None, None, None), ("'@note", None, None, None)]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_a_csv_is_what_swedish_excel_opens_one_line_at_a_time():
    lines = list(csv_lines([["namn", "antal", "andel", "dag"],
                            ["=1+1", 3, Decimal("1200.50"), dt.date(2025, 3, 1)],
                            ["Kista; norr", None, 0.25, -2]]))
    assert lines == ["\ufeffnamn;antal;andel;dag\r\n", "'=1+1;3;1200,50;2025-03-01\r\n",
                     '"Kista; norr";;0,25;-2\r\n']
