"""The AMI (HME) formula on a worked example and on the sample file; the import command."""
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from goals.ami import statement_result, summarise, survey_results
from goals.kpi import ami_json
from goals.models import EmployeeSurvey

SAMPLES = Path(__file__).resolve().parents[1] / "data"


def test_a_statement_index_maps_1_to_0_and_5_to_100_over_those_with_an_opinion():
    # 2 answered 5, 1 answered 3, 1 answered 1: index (100+100+50+0)/4 = 62.5, mean (5+5+3+1)/4 = 3.5
    s = statement_result(key="k", area="Motivation", statement="S", counts=[1, 0, 1, 0, 2])
    assert (s.n, s.mean, s.index) == (4, 3.5, 62.5)
    assert statement_result(key="k", area="Motivation", statement="S", counts=[0] * 5).index is None


def test_areas_and_total_are_means_of_statement_indices_and_other_statements_stay_out():
    results = [
        statement_result(key="a", area="Motivation", statement="A", counts=[0, 0, 0, 0, 4]),  # 100
        statement_result(key="b", area="Motivation", statement="B", counts=[0, 0, 4, 0, 0]),  # 50
        statement_result(key="c", area="Ledarskap", statement="C", counts=[0, 0, 0, 4, 0]),  # 75
        statement_result(key="d", area="Övrigt", statement="D", counts=[4, 0, 0, 0, 0]),  # 0, not in index
    ]
    summary = summarise(results)
    assert summary["areas"] == {"Motivation": 75.0, "Ledarskap": 75.0}
    assert summary["total"] == pytest.approx(75.0)  # (100 + 50 + 75) / 3
    assert summary["questions"]["d"]["index"] == 0.0


@pytest.mark.django_db
def test_the_sample_file_gives_the_expected_ami(capsys):
    expected = json.loads((SAMPLES / "ami_expected.json").read_text())
    call_command("import_employee_survey", str(SAMPLES / "ami.csv"), "--year", "2025", "--official-total", "89")
    survey = EmployeeSurvey.objects.get(year=2025, scope="department")
    summary = survey_results(survey)
    assert summary["total"] == pytest.approx(expected["total"], abs=1e-9)
    for area, value in expected["areas"].items():
        assert summary["areas"][area] == pytest.approx(value, abs=1e-9)
    assert survey.official_total == Decimal(89)
    assert "AMI 2025: 83.5" in capsys.readouterr().out
    data = ami_json(year=2025)
    assert data["official_total"] == 89.0 and len(data["questions"]) == 9
    assert set(next(iter(data["questions"].values()))) == {"mean", "index", "n"}
    assert ami_json(year=2024) is None


@pytest.mark.django_db
def test_a_bad_survey_file_reports_lines_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "ami.csv"
    bad.write_text("area,statement,n1,n2,n3,n4,n5,no_opinion\n"
                   "Motivation,Mitt arbete känns meningsfullt.,0,0,2,6,15,0\n"
                   "Trivsel,Jag trivs.,0,0,1,2,3,0\n"
                   "Ledarskap,Min chef visar uppskattning.,0,x,1,2,3,0\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_employee_survey", str(bad), "--year", "2025")
    err = capsys.readouterr().err
    assert "Rad 3, kolumn area" in err and "Rad 4, kolumn n2" in err
    assert not EmployeeSurvey.objects.exists()


@pytest.mark.django_db
def test_reloading_a_year_replaces_its_statements():
    call_command("import_employee_survey", str(SAMPLES / "ami.csv"), "--year", "2025")
    call_command("import_employee_survey", str(SAMPLES / "ami.csv"), "--year", "2025", "--scope", "administration")
    call_command("import_employee_survey", str(SAMPLES / "ami.csv"), "--year", "2025")
    assert EmployeeSurvey.objects.count() == 2
    assert EmployeeSurvey.objects.get(year=2025, scope="department").statements.count() == 9
