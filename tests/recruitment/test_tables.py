"""The one table reader (recruitment.tables), its limits and its RowError, through every import.

A small .xlsx that unpacks to far more than the limit (a zip bomb) is refused from the zip
directory, before anything is read; a sheet whose <dimension> tag understates its rows is read
to the end; CSV separators and Windows-1252 are recognised; every import names a bad row by the
line a person counts (header = 1, blank lines counted) with the one RowError.
"""
import csv
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import Workbook

from assignments.importing import assignments_import
from assignments.models import Assignment
from goals.forms import MAX_UPLOAD_BYTES
from goals.models import EmployeeSurvey, EnteredFigure
from goals.services import employee_survey_import, figures_import
from recruitment.tables import RowError, TableError, read_table
from reporting.importing import AggregateImportError, survey_aggregates_import
from reporting.models import SurveyAggregate
from surveys.models import Response
from surveys.services.importing import UnreadableFile, responses_import, responses_parse
from tests.assignments.importing_helpers import REQUIRED_COLUMNS, row
from tests.factories import AssignmentFactory

SHEET = "xl/worksheets/sheet1.xml"
UNPACKS_TOO_FAR = "packas upp till"


def workbook_bytes(rows) -> bytes:
    workbook = Workbook()
    for values in rows:
        workbook.active.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def with_sheet_xml(data: bytes, change) -> bytes:
    """The workbook with its first sheet's XML passed through `change` (str -> str)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == SHEET:
                content = change(content.decode("utf-8")).encode("utf-8")
            target.writestr(info.filename, content)
    return out.getvalue()


def zip_bomb(rows, megabytes: int = 24) -> bytes:
    """A real workbook whose sheet holds `megabytes` MB more of repeated cells: a few hundred kB packed."""
    filler = "<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>"
    repeat = megabytes * 1024 * 1024 // len(filler)
    return with_sheet_xml(workbook_bytes(rows),
                          lambda xml: xml.replace("</sheetData>", filler * repeat + "</sheetData>"))


def understated(rows) -> bytes:
    """The workbook with <dimension ref="A1:B2"/>: the tag claims one data row whatever the sheet holds."""
    def change(xml):
        start = xml.index("<dimension ref=\"")
        end = xml.index("/>", start)
        return xml[:start] + "<dimension ref=\"A1:B2\"" + xml[end:]
    return with_sheet_xml(workbook_bytes(rows), change)


# --- the reader itself ------------------------------------------------------------------------

@override_settings(IMPORT_MAX_UNPACKED_BYTES=8 * 1024 * 1024)
def test_a_workbook_that_unpacks_beyond_the_limit_is_refused_before_it_is_read():
    bomb = zip_bomb([["a", "b"], ["1", "2"]])
    assert len(bomb) < 1024 * 1024
    with pytest.raises(TableError, match=UNPACKS_TOO_FAR):
        read_table(bomb, "bomb.xlsx")


def test_a_workbook_packed_far_more_densely_than_a_spreadsheet_is_refused_under_the_size_limit():
    bomb = zip_bomb([["a", "b"]], megabytes=12)  # under the 200 MB default, but packed ~1000:1
    with pytest.raises(TableError, match=UNPACKS_TOO_FAR):
        read_table(bomb, "bomb.xlsx")


def test_every_row_is_read_whatever_the_dimension_tag_says():
    data = understated([["a", "b"]] + [[f"r{i}", i] for i in range(1, 6)])
    table = read_table(data, "five.xlsx")
    assert table.header == ["a", "b"]
    assert table.rows == [(i + 1, [f"r{i}", str(i)]) for i in range(1, 6)]


@pytest.mark.parametrize("separator", [";", "\t", ","])
def test_the_csv_separator_is_the_one_the_header_uses(separator):
    text = separator.join(["namn", "värde", "not"]) + "\n" + separator.join(["Åsa", '"4,2"', '"a; b, c"']) + "\n"
    table = read_table(text.encode("utf-8"), "f.csv")
    assert table.header == ["namn", "värde", "not"]
    assert table.rows == [(2, ["Åsa", "4,2", "a; b, c"])]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_utf8_with_or_without_bom_and_windows_1252_are_read_alike(encoding):
    table = read_table("namn;ort\nÅsa Öberg;Södermalm – €\n".encode(encoding), "f.csv")
    assert table.header == ["namn", "ort"]
    assert table.rows == [(2, ["Åsa Öberg", "Södermalm – €"])]


def test_utf16_is_refused_not_misread_as_windows_1252():
    with pytest.raises(TableError, match="inte kodad som UTF-8"):
        read_table("namn,ort\nÅsa,Kista\n".encode("utf-16"), "f.csv")


def test_lines_are_counted_as_a_person_does_and_blank_rows_are_left_out():
    table = read_table(b'a,b\n1,"two\nlines"\n\n3,4\n', "f.csv")
    assert table.rows == [(2, ["1", "two\nlines"]), (5, ["3", "4"])]


@override_settings(IMPORT_MAX_ROWS=3)
@pytest.mark.parametrize("name", ["f.csv", "f.xlsx"])
def test_a_file_over_the_row_limit_is_refused(name):
    rows = [["a", "b"]] + [[str(i), "x"] for i in range(4)]
    data = workbook_bytes(rows) if name.endswith("xlsx") else "".join(",".join(r) + "\n" for r in rows).encode()
    with pytest.raises(TableError, match="fler än 3 rader"):
        read_table(data, name)


@override_settings(IMPORT_MAX_UPLOAD_BYTES=1000)
def test_a_file_over_the_upload_limit_is_refused():
    with pytest.raises(TableError, match="Filen är för stor"):
        read_table(b"a,b\n" + b"1,2\n" * 300, "f.csv")


# The goals file imports refuse a file too large to read into memory, and store nothing.
def _too_big_for_the_goals_form(first_line: bytes) -> SimpleUploadedFile:
    row = b"2025,T1,sick_leave,,3,\n"
    return SimpleUploadedFile("f.csv", first_line + row * (MAX_UPLOAD_BYTES // len(row) + 1))


@pytest.mark.django_db
def test_it_refuses_a_too_large_figures_file(client, manager):
    client.force_login(manager)
    response = client.post(reverse("goals:import_figures", args=[2025]),
                           {"file": _too_big_for_the_goals_form(b"year,period,key,organisation,value,note\n")})
    assert response.status_code == 400 and "Filen är för stor" in response.content.decode()
    assert not EnteredFigure.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_too_large_employee_survey_file(client, manager):
    client.force_login(manager)
    response = client.post(reverse("goals:import_survey"), {
        "file": _too_big_for_the_goals_form(b"area,statement,n1,n2,n3,n4,n5,no_opinion\n"),
        "year": "2025", "scope": "department"})
    assert response.status_code == 400 and "Filen är för stor" in response.content.decode()
    assert not EmployeeSurvey.objects.exists()


# --- every import refuses the bomb, writes nothing, and reads every row --------------------------

def _register(data, name):
    report = assignments_import(file=data, filename=name, create_consultants=True, dry_run=False)
    return " ".join(report.error_lines)


def _survey_history(data, name):
    try:
        responses_import(content=data, filename=name)
    except UnreadableFile as exc:
        return str(exc)
    return ""


def _figures(data, name):
    return " ".join(str(e) for e in figures_import(content=data).errors)


def _employee_survey(data, name):
    return " ".join(str(e) for e in employee_survey_import(content=data, year=2025).errors)


def _aggregates(data, name):
    try:
        survey_aggregates_import(content=data)
    except AggregateImportError as exc:
        return " ".join(exc.errors)
    return ""


IMPORTS = {
    "register": (_register, list(REQUIRED_COLUMNS), Assignment),
    "survey history": (_survey_history, ["survey", "assignment", "submitted_on", "match"], Response),
    "figures": (_figures, ["year", "period", "key", "organisation", "value", "note"], EnteredFigure),
    "employee survey": (_employee_survey, ["area", "statement", "n1", "n2", "n3", "n4", "n5", "no_opinion"],
                        EmployeeSurvey),
    "aggregates": (_aggregates, ["year", "survey", "question", "mean", "yes_share", "n"], SurveyAggregate),
}


@pytest.mark.django_db
@override_settings(IMPORT_MAX_UNPACKED_BYTES=8 * 1024 * 1024)
@pytest.mark.parametrize("name", IMPORTS)
def test_every_import_refuses_a_zip_bomb_in_swedish_and_writes_nothing(name):
    run, header, model = IMPORTS[name]
    message = run(zip_bomb([header]), "bomb.xlsx")
    assert "Excel-filen packas upp till 24 MB" in message and "högst 8 MB" in message
    assert not model.objects.exists()


@pytest.mark.django_db
def test_the_register_import_reads_all_five_rows_when_the_tag_says_one():
    header = list(REQUIRED_COLUMNS)
    rows = [header] + [[row(reference=f"2024-000{i}")[c] for c in header] for i in range(1, 6)]
    report = assignments_import(file=understated(rows), filename="register.xlsx", create_consultants=True,
                                dry_run=False)
    assert report.ok, report.error_lines
    assert report.rows == 5 and Assignment.objects.count() == 5


@pytest.mark.django_db
def test_the_survey_history_import_reads_all_five_rows_when_the_tag_says_one():
    AssignmentFactory(reference="2025-0022")
    rows = [["survey", "assignment", "submitted_on", "match"]] + [
        ["six_month", "2025-0022", f"2025-09-0{i}", i] for i in range(1, 6)]
    assert responses_import(content=understated(rows), filename="svar.xlsx").created == 5


def test_the_goals_imports_read_a_semicolon_windows_1252_file():
    from goals.services import _read

    header, rows = _read("area;statement;n1\nLedarskap;Min chef ger mig förtroende – alltid;3\n".encode("cp1252"))
    assert header == ["area", "statement", "n1"]
    assert rows == [(2, {"area": "Ledarskap", "statement": "Min chef ger mig förtroende – alltid", "n1": "3"})]



# --- one RowError, and every import counts lines and reads separators and encodings alike ---------

def test_a_row_error_names_the_line_and_the_column_as_a_person_finds_them():
    assert str(RowError(4, "value", "värdet måste vara ett tal")) == "Rad 4, kolumn value: värdet måste vara ett tal"
    assert str(RowError(4, None, "ogiltigt år")) == str(RowError(4, "", "ogiltigt år")) == "Rad 4: ogiltigt år"
    assert str(RowError(None, None, "Filen är tom.")) == "Filen är tom."


def _register_errors(data, name):
    report = assignments_import(file=data, filename=name, create_consultants=True, dry_run=True)
    return " ".join(report.error_lines)


def _survey_history_errors(data, name):
    AssignmentFactory(reference="2025-0022")
    return " ".join(str(e) for e in responses_parse(content=data, filename=name).errors)


# (header, a good row, a row bad in one cell, the error the bad row gets on line 4)
LINE_FOUR = {
    "register": (_register_errors, list(REQUIRED_COLUMNS), [row()[c] for c in REQUIRED_COLUMNS],
                 [row(reference="2024-0002", ordered_on="2024-13-04")[c] for c in REQUIRED_COLUMNS],
                 "Rad 4, kolumn ordered_on"),
    "survey history": (_survey_history_errors, ["survey", "assignment", "submitted_on", "match"],
                       ["six_month", "2025-0022", "2025-09-01", "4"], ["six_month", "2025-0022", "2025-13-01", "4"],
                       "Rad 4, kolumn submitted_on"),
    "figures": (_figures, ["year", "period", "key", "organisation", "value", "note"],
                ["2025", "T1", "sick_leave", "", "4,2", "Sjukfrånvaro; hela året"],
                ["2025", "T4", "sick_leave", "", "4", ""], "Rad 4, kolumn period"),
    "employee survey": (_employee_survey, ["area", "statement", "n1", "n2", "n3", "n4", "n5", "no_opinion"],
                        ["Ledarskap", "Min chef ger mig förtroende – alltid", "1", "2", "3", "4", "5", "0"],
                        ["Övrigt område", "Jag vet vad som förväntas", "1", "2", "3", "4", "5", "0"],
                        "Rad 4, kolumn area"),
    "aggregates": (_aggregates, ["year", "survey", "question", "mean", "yes_share", "n"],
                   ["2024", "customer", "nps", "9,5", "", "10"], ["tjugo", "customer", "nps", "9,5", "", "10"],
                   "Rad 4: ogiltigt år"),
}


def _file(rows, form: str) -> tuple[bytes, str]:
    """The rows as a file of the form "xlsx" or "<separator name>-<encoding>"."""
    if form == "xlsx":
        return workbook_bytes(rows), "f.xlsx"
    separator, encoding = form.split("-", 1)
    out = io.StringIO()
    csv.writer(out, delimiter={"comma": ",", "semicolon": ";", "tab": "\t"}[separator]).writerows(rows)
    return out.getvalue().encode(encoding), "f.csv"


@pytest.mark.django_db
@pytest.mark.parametrize("form", ["semicolon-cp1252", "tab-utf-8-sig", "comma-utf-8", "semicolon-utf-8-sig", "xlsx"])
@pytest.mark.parametrize("name", LINE_FOUR)
def test_every_import_names_a_bad_row_by_its_line_whatever_the_separator_encoding_or_format(name, form):
    run, header, good, bad, expected = LINE_FOUR[name]
    data, filename = _file([header, good, [], bad], form)  # line 3 is blank
    errors = run(data, filename)
    assert expected in errors
    assert "Rad 2" not in errors and "Rad 3" not in errors and "kolumn" not in errors.replace(expected, "")


@pytest.mark.django_db
@pytest.mark.parametrize("form", ["semicolon-cp1252", "tab-utf-8-sig"])
def test_the_survey_history_import_reads_what_swedish_excel_saves(form):
    AssignmentFactory(reference="2025-0022")
    rows = [["survey", "assignment", "submitted_on", "match", "comment"],
            ["six_month", "2025-0022", "2025-09-01", "4", "Bra; men långsamt, tyckte jag"]]
    data, filename = _file(rows, form)
    assert responses_import(content=data, filename=filename).created == 1
    assert Response.objects.get().comment == "Bra; men långsamt, tyckte jag"
