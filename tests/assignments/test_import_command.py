"""`manage.py import_assignments`: the report on stdout, every bad row and a non-zero exit on errors."""
import io

import pytest
from django.core.management import CommandError, call_command

from assignments.models import Assignment

from .importing_helpers import SAMPLE, SAMPLE_BAD

pytestmark = pytest.mark.django_db


def test_it_prints_a_swedish_report_and_imports_nothing_new_the_second_time():
    out = io.StringIO()
    call_command("import_assignments", str(SAMPLE), "--create-consultants", stdout=out)
    text = out.getvalue()
    assert "248 nya uppdrag" in text and "12 nya konsulter utan inloggning" in text

    out = io.StringIO()
    call_command("import_assignments", str(SAMPLE), "--create-consultants", stdout=out)
    assert "0 nya uppdrag" in out.getvalue() and "248 oförändrade uppdrag" in out.getvalue()
    assert Assignment.objects.count() == 248


def test_it_fails_with_every_bad_line_and_writes_nothing():
    err = io.StringIO()
    with pytest.raises(CommandError, match="4 fel, inget har sparats"):
        call_command("import_assignments", str(SAMPLE_BAD), "--create-consultants", stderr=err)
    lines = err.getvalue().splitlines()
    assert [line.split(",")[0] for line in lines] == ["Rad 37", "Rad 38", "Rad 39", "Rad 40"]
    assert Assignment.objects.count() == 0


def test_a_dry_run_writes_nothing():
    out = io.StringIO()
    call_command("import_assignments", str(SAMPLE), "--create-consultants", "--dry-run", stdout=out)
    assert "Förhandsgranskning" in out.getvalue() and "248 nya uppdrag" in out.getvalue()
    assert Assignment.objects.count() == 0


def test_it_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Kan inte läsa"):
        call_command("import_assignments", str(tmp_path / "saknas.csv"))
