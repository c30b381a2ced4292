"""The goals file imports refuse a file too large to read into memory, and store nothing."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from goals.forms import MAX_UPLOAD_BYTES
from goals.models import EmployeeSurvey, EnteredFigure

pytestmark = pytest.mark.django_db


def _big(first_line: bytes) -> SimpleUploadedFile:
    row = b"2025,T1,sick_leave,,3,\n"
    return SimpleUploadedFile("f.csv", first_line + row * (MAX_UPLOAD_BYTES // len(row) + 1))


def test_it_refuses_a_too_large_figures_file(client, manager):
    client.force_login(manager)
    response = client.post(reverse("goals:import_figures", args=[2025]),
                           {"file": _big(b"year,period,key,organisation,value,note\n")})
    assert response.status_code == 400 and "Filen är för stor" in response.content.decode()
    assert not EnteredFigure.objects.exists()


def test_it_refuses_a_too_large_employee_survey_file(client, manager):
    client.force_login(manager)
    response = client.post(reverse("goals:import_survey"), {
        "file": _big(b"area,statement,n1,n2,n3,n4,n5,no_opinion\n"), "year": "2025", "scope": "department"})
    assert response.status_code == 400 and "Filen är för stor" in response.content.decode()
    assert not EmployeeSurvey.objects.exists()
