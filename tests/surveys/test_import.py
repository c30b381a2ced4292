"""The history import: good, bad, idempotent, identical rows kept, from the command and the service."""
import csv
import io

import pytest
from django.core.management import CommandError, call_command

from surveys.models import Answer, Response
from surveys.services.importing import ImportRejected, responses_import, responses_parse
from tests.factories import AssignmentFactory

from .helpers import SAMPLES, load_sample_assignments

HEADER = ("survey,assignment,submitted_on,planning,ad_support,selection_support,interview_support,"
          "reference_support,test_feedback,competency_based,cooperation,treatment,overall_satisfaction,nps,"
          "returning_customer,took_tests,test_info,overall,content,delivery,match,use_again,comment\n")


def sample_rows():
    with open(SAMPLES / "responses.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def register(db):
    load_sample_assignments()


def test_it_imports_every_sample_row_and_a_second_run_adds_nothing(register):
    rows = sample_rows()
    out = io.StringIO()
    call_command("import_responses", str(SAMPLES / "responses.csv"), stdout=out)
    assert Response.objects.count() == len(rows)
    assert f"{len(rows)} svar importerades (0 fanns redan)." in out.getvalue()
    answers = Answer.objects.count()
    out = io.StringIO()
    call_command("import_responses", str(SAMPLES / "responses.csv"), stdout=out)
    assert Response.objects.count() == len(rows)
    assert Answer.objects.count() == answers
    assert f"0 svar importerades ({len(rows)} fanns redan)." in out.getvalue()


def test_it_stores_the_contract_shape(register):
    call_command("import_responses", str(SAMPLES / "responses.csv"), stdout=io.StringIO())
    first = Response.objects.get(assignment__reference="2025-0022", submitted_on="2025-12-13", kind="customer")
    assert first.version.year == 2025
    assert first.consultant == first.assignment.lead_consultant
    assert first.package == first.assignment.package
    assert first.source == "import"
    assert first.comment == "Kunde varit snabbare;\nmen bra."
    values = dict(first.answers.values_list("question_key", "value_number"))
    assert values["nps"] == 9 and values["returning_customer"] == 0 and values["planning"] == 9
    assert "treatment" not in values and "comment" not in values
    old = Response.objects.filter(kind="customer", submitted_on__year=2024).first()
    assert old.version.year == 2023
    training = Response.objects.filter(kind="training")
    assert training.count() == sum(1 for r in sample_rows() if r["survey"] == "training")
    assert training.filter(assignment__isnull=True).count() == training.count()
    candidate = Response.objects.filter(kind="candidate").first()
    assert candidate.invitation_id is None


def test_two_identical_rows_in_one_file_are_both_kept(register):
    rows = sample_rows()
    keyed = [tuple(r.values()) for r in rows]
    duplicates = len(keyed) - len(set(keyed))
    assert duplicates >= 1  # the sample has identical training answers on 2025-01-23
    call_command("import_responses", str(SAMPLES / "responses.csv"), stdout=io.StringIO())
    assert Response.objects.filter(kind="training", submitted_on="2025-01-23").count() == 2
    keys = list(Response.objects.filter(kind="training", submitted_on="2025-01-23").values_list("import_key",
                                                                                               flat=True))
    assert sorted(k[-2:] for k in keys) == ["#0", "#1"]


def test_a_bad_file_is_rejected_whole_with_line_and_column(register):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_responses", str(SAMPLES / "responses_bad.csv"), stdout=io.StringIO(), stderr=err)
    assert Response.objects.count() == 0
    report = err.getvalue()
    # a quoted comment with a line break spans two lines: records start at 57, 59, 61, 62
    assert "Rad 57, kolumn nps" in report
    assert "Rad 59, kolumn submitted_on" in report
    assert "Rad 61, kolumn assignment" in report
    assert "Rad 62, kolumn survey" in report
    assert len(report.strip().splitlines()) == 4


def test_a_bad_file_writes_nothing_even_after_a_good_import(register):
    call_command("import_responses", str(SAMPLES / "responses.csv"), stdout=io.StringIO())
    before = Response.objects.count()
    with pytest.raises(CommandError):
        call_command("import_responses", str(SAMPLES / "responses_bad.csv"), stdout=io.StringIO(),
                     stderr=io.StringIO())
    assert Response.objects.count() == before


@pytest.mark.parametrize("row,column,fragment", [
    ("customer,2025-0022,2025-05-01,11,,,,,,,,,,,,,,,,,,,", "planning", "1 till 10"),
    ("customer,2025-0022,2025-05-01,,,,,,,,,,,,kanske,,,,,,,,", "returning_customer", "Ja eller Nej"),
    ("customer,2025-0022,2024-05-01,,,,,,,,,,,9,,,,,,,,,", "nps", "finns inte"),
    ("customer,2025-0022,2025-05-01,,,,,,,,,9,,,,,,,,,,,", "treatment", "finns inte"),
    ("candidate,2025-0022,2025-05-01,,,,,,,,,,,,,nej,ja,,,,,,", "test_info", "took_tests"),
    ("six_month,2025-0022,2025-05-01,9,,,,,,,,,,,,,,,,,,,", "planning", "finns inte"),
    ("training,,2025-13-01,,,,,,,,,,,,,,,9,,,,,", "submitted_on", "ogiltigt datum"),
    ("customer,,2025-05-01,9,,,,,,,,,,,,,,,,,,,", "assignment", "saknas"),
])
def test_it_names_the_line_and_column_of_each_bad_value(db, row, column, fragment):
    AssignmentFactory(reference="2025-0022")
    content = (HEADER + "training,,2025-02-01,,,,,,,,,,,,,,,9,9,9,,,\n" + row + "\n").encode()
    plan = responses_parse(content=content, filename="svar.csv")
    assert [(e.line, e.column) for e in plan.errors] == [(3, column)]
    assert fragment in plan.errors[0].message
    with pytest.raises(ImportRejected):
        responses_import(content=content, filename="svar.csv")
    assert Response.objects.count() == 0


def test_it_reads_xlsx(db, tmp_path):
    AssignmentFactory(reference="2025-0022")
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["survey", "assignment", "submitted_on", "match", "use_again", "comment"])
    ws.append(["six_month", "2025-0022", "2025-09-01", 4, "ja", 'Sa "bra",\nmen'])
    ws.append(["six_month", "2025-0022", "2025-09-02", 10.0, "nej", None])
    path = tmp_path / "svar.xlsx"
    wb.save(path)
    call_command("import_responses", str(path), stdout=io.StringIO())
    match = dict(Answer.objects.filter(question_key="match").values_list("response__submitted_on__day",
                                                                         "value_number"))
    assert match == {1: 4, 2: 10}
    assert Response.objects.get(submitted_on__day=1).comment == 'Sa "bra",\nmen'
    call_command("import_responses", str(path), stdout=io.StringIO())
    assert Response.objects.count() == 2


@pytest.mark.parametrize("name,content", [
    ("svar.csv", "survey,assignment,submitted_on\ncustomer,2025-0001,2025-01-01\n".encode("utf-16")),
    ("svar.xlsx", b"PK\x03\x04 not really a workbook"),
])
def test_an_unreadable_file_is_refused_without_a_traceback(db, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError, match="kunde inte läsas"):
        call_command("import_responses", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert not Response.objects.exists()
