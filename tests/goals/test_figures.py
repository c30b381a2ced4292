"""Entered figures: the import command with good and bad files, re-import, the service."""
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from goals.models import EnteredFigure
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

HEADER = "year,period,key,organisation,value,note\n"


def _write(tmp_path, text):
    path = tmp_path / "figures.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_good_file_is_imported_and_a_reimport_updates(tmp_path, capsys):
    edu = OrganisationFactory(name="Utbildningsförvaltningen")
    path = _write(tmp_path, HEADER + "2025,T1,ads_published,Utbildningsförvaltningen,120,Jobba i stan\n"
                  "2025,T1,sick_leave,,\"4,2\",\n"
                  "2025,year,study_visits,,6,Sex besök\n")
    call_command("import_figures", path)
    assert "3 nya, 0 uppdaterade" in capsys.readouterr().out
    ads = EnteredFigure.objects.get(key="ads_published")
    assert (ads.organisation, ads.value, ads.note, ads.period) == (edu, Decimal(120), "Jobba i stan", "T1")
    assert EnteredFigure.objects.get(key="sick_leave").value == Decimal("4.2")
    call_command("import_figures", _write(tmp_path, HEADER + "2025,T1,ads_published,Utbildningsförvaltningen,130,\n"))
    assert "0 nya, 1 uppdaterade" in capsys.readouterr().out
    assert EnteredFigure.objects.get(key="ads_published").value == Decimal(130)
    assert EnteredFigure.objects.count() == 3


def test_a_bad_file_reports_every_bad_row_by_line_and_column_and_writes_nothing(tmp_path, capsys):
    OrganisationFactory(name="Utbildningsförvaltningen")
    path = _write(tmp_path, HEADER
                  + "2025,T1,ads_published,Utbildningsförvaltningen,120,\n"  # line 2: good
                  + "2025,T4,sick_leave,,4,\n"  # line 3: period
                  + "2025,T1,no_such_key,,4,\n"  # line 4: key
                  + "2025,T1,ads_published,Okänd förvaltning,4,\n"  # line 5: organisation
                  + "2025,T1,sick_leave,,fyra,\n"  # line 6: value
                  + "1999,T1,sick_leave,,4,\n"  # line 7: year
                  + "2025,T1,ads_published,utbildningsförvaltningen,1,\n")  # line 8: duplicate of line 2
    with pytest.raises(CommandError):
        call_command("import_figures", path)
    err = capsys.readouterr().err
    for expected in ("Rad 3, kolumn period", "Rad 4, kolumn key", "Rad 5, kolumn organisation",
                     "Rad 6, kolumn value", "Rad 7, kolumn year", "Rad 8, kolumn key"):
        assert expected in err
    assert "Rad 2" not in err
    assert not EnteredFigure.objects.exists()


def test_a_file_without_the_required_columns_is_refused_at_line_1(tmp_path, capsys):
    with pytest.raises(CommandError):
        call_command("import_figures", _write(tmp_path, "year,period,value\n2025,T1,3\n"))
    assert "Rad 1, kolumn key" in capsys.readouterr().err
