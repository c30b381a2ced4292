"""Importing published survey aggregates from the command line and the browser."""
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from reporting.importing import AggregateImportError, survey_aggregates_import
from reporting.models import SurveyAggregate

from .sample_loader import SAMPLES

pytestmark = pytest.mark.django_db
HEADER = "year,survey,question,mean,yes_share,n\n"


def test_it_imports_the_published_customer_table():
    out = StringIO()
    call_command("import_survey_aggregates", str(SAMPLES / "aggregates.csv"), stdout=out)
    assert SurveyAggregate.objects.count() == 59
    row = SurveyAggregate.objects.get(year=2023, survey="customer", question="interview_support")
    assert (row.mean, row.yes_share, row.n) == (9.66, None, None)
    assert "59 nya" in out.getvalue()


def test_it_replaces_the_same_keys_on_reimport():
    survey_aggregates_import(content=HEADER + "2022,candidate,ad_clear,,0.99,300\n2022,six_month,match,8.8,,\n")
    result = survey_aggregates_import(content=HEADER + "2022,candidate,ad_clear,,99.2 %,310\n")
    assert (result.created, result.updated) == (0, 1)
    row = SurveyAggregate.objects.get(year=2022, survey="candidate", question="ad_clear")
    assert row.yes_share == pytest.approx(0.992)
    assert row.n == 310
    assert SurveyAggregate.objects.count() == 2


def test_it_rejects_a_file_with_bad_rows_whole_with_line_numbers(tmp_path):
    SurveyAggregate.objects.create(year=2020, survey="customer", question="planning", mean=9.45)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER
        + "2021,customer,planning,9.40,,\n"  # good, line 2
        + "tjugo,customer,planning,9.4,,\n"  # line 3
        + "2021,kund,planning,9.4,,\n"  # line 4
        + "2021,customer,ad_support,11,,\n"  # line 5
        + "2021,candidate,ad_clear,,1.5,\n"  # line 6
        + "2021,customer,cooperation,,,\n"  # line 7
        + "2021,customer,planning,9.3,,\n"  # line 8: duplicate of line 2
        + "2021,customer,treatment,9.7,,ett\n",  # line 9
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as info:
        call_command("import_survey_aggregates", str(bad), stdout=StringIO())
    message = str(info.value)
    for line in (3, 4, 5, 6, 7, 8, 9):
        assert f"Rad {line}:" in message
    assert "Rad 2:" not in message
    assert list(SurveyAggregate.objects.values_list("year", "question", "mean")) == [(2020, "planning", 9.45)]


def test_it_rejects_a_file_without_the_columns():
    with pytest.raises(AggregateImportError) as info:
        survey_aggregates_import(content=(SAMPLES / "ami.csv").read_bytes())
    assert "kolumner saknas" in info.value.errors[0]


def test_it_accepts_semicolons_and_decimal_commas():
    survey_aggregates_import(content="year;survey;question;mean;yes_share;n\n2021;customer;planning;9,40;;412\n")
    assert SurveyAggregate.objects.get().mean == pytest.approx(9.40)


def test_it_says_so_when_the_file_is_missing():
    with pytest.raises(CommandError, match="Kan inte läsa filen"):
        call_command("import_survey_aggregates", "/nonexistent/fil.csv")


def _upload(client, text: str):
    file = SimpleUploadedFile("resultat.csv", text.encode("utf-8"), content_type="text/csv")
    return client.post(reverse("reporting:aggregates"), {"file": file})


def test_a_coordinator_uploads_aggregates_in_the_browser(client, coordinator):
    client.force_login(coordinator)
    response = _upload(client, (SAMPLES / "aggregates.csv").read_text(encoding="utf-8"))
    assert response.status_code == 302
    page = client.get(reverse("reporting:aggregates"))
    assert "59 nya och 0 ersatta resultat inlästa" in page.content.decode()
    assert "<caption>" in page.content.decode()
    assert SurveyAggregate.objects.count() == 59


def test_a_manager_sees_every_bad_row_and_nothing_is_written(client, manager):
    client.force_login(manager)
    response = _upload(client, HEADER + "2021,customer,planning,9.4,,\n2021,customer,planning,99,,\n")
    assert response.status_code == 400
    assert "Rad 3:" in response.content.decode()
    assert "Inget har ändrats" in response.content.decode()
    assert SurveyAggregate.objects.count() == 0


def test_a_consultant_may_not_upload_aggregates(client, consultant_user):
    client.force_login(consultant_user)
    assert client.get(reverse("reporting:aggregates")).status_code == 403
    assert _upload(client, HEADER + "2021,customer,planning,9.4,,\n").status_code == 403
    assert SurveyAggregate.objects.count() == 0


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("reporting:aggregates"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_an_outsider_is_refused(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("reporting:aggregates")).status_code == 403
