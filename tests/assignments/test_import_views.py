"""The browser import: upload, preview (nothing saved), confirm applies exactly the previewed file."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assignments.importing import pending
from assignments.models import Assignment

from .importing_helpers import SAMPLE, SAMPLE_BAD, csv_bytes, row

pytestmark = pytest.mark.django_db
URL = reverse("assignments:import")
CONFIRM = reverse("assignments:import_confirm")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, data: bytes, name="register.csv", create=True):
    payload = {"file": SimpleUploadedFile(name, data, content_type="text/csv")}
    if create:
        payload["create_consultants"] = "on"
    return client.post(URL, payload)


def test_a_coordinator_previews_then_confirms_the_sample_file(client, coordinator):
    client.force_login(coordinator)
    assert b'type="file"' in client.get(URL).content

    preview = upload(client, SAMPLE.read_bytes())

    assert preview.status_code == 200
    report = preview.context["report"]
    assert report.dry_run and len(report.created) == 248 and len(report.created_consultants) == 12
    assert "Bekräfta och importera" in preview.content.decode()
    assert Assignment.objects.count() == 0
    token = client.session["assignment_import"]["token"]

    done = client.post(CONFIRM, {"token": token})

    assert done.status_code == 200
    assert Assignment.objects.count() == 248
    assert not done.context["report"].dry_run
    assert Assignment.history.filter(history_user=coordinator).count() == 248
    assert "assignment_import" not in client.session
    assert not list(pending._folder().glob("*.upload"))
    # the same confirm again does nothing
    again = client.post(CONFIRM, {"token": token})
    assert again.status_code == 302 and again.url == URL


def test_the_preview_of_a_bad_file_lists_every_bad_row_and_offers_no_confirm(client, coordinator):
    client.force_login(coordinator)

    response = upload(client, SAMPLE_BAD.read_bytes())

    html = response.content.decode()
    assert [(e.line, e.column) for e in response.context["report"].errors] == [
        (37, "ordered_on"), (38, "package"), (39, "price_sek"), (40, "role_level")]
    for line in ("37", "38", "39", "40"):
        assert f'<th scope="row">{line}</th>' in html
    assert "Bekräfta och importera" not in html
    assert "assignment_import" not in client.session
    assert client.post(CONFIRM, {"token": "x"}).status_code == 302
    assert Assignment.objects.count() == 0


def test_confirm_applies_the_previewed_file_even_if_another_is_uploaded_in_another_tab(client, coordinator):
    client.force_login(coordinator)
    upload(client, csv_bytes([row()]))
    first = client.session["assignment_import"]["token"]
    upload(client, csv_bytes([row(reference="2024-0002"), row(reference="2024-0003")]))
    second = client.session["assignment_import"]["token"]

    assert client.post(CONFIRM, {"token": first}).status_code == 302  # the replaced preview is gone
    client.post(CONFIRM, {"token": second})

    assert sorted(Assignment.objects.values_list("reference", flat=True)) == ["2024-0002", "2024-0003"]


def test_a_tampered_or_expired_upload_is_refused(client, coordinator):
    client.force_login(coordinator)
    upload(client, csv_bytes([row()]))
    token = client.session["assignment_import"]["token"]
    (pending._folder() / f"{token}.upload").write_bytes(csv_bytes([row(reference="2099-0001")]))

    response = client.post(CONFIRM, {"token": token}, follow=True)

    assert "Förhandsgranskningen har gått ut" in response.content.decode()
    assert Assignment.objects.count() == 0


def test_the_upload_form_explains_a_wrong_file_type(client, coordinator):
    client.force_login(coordinator)
    response = upload(client, b"%PDF-1.4", name="register.pdf")
    assert response.status_code == 400
    assert "Välj en CSV-fil eller en Excel-fil (.xlsx)." in response.content.decode()


@pytest.mark.parametrize("role", ["consultant_user", "manager", "outsider"])
def test_other_roles_get_403(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403
    assert upload(client, csv_bytes([row()])).status_code == 403
    assert client.post(CONFIRM, {"token": "x"}).status_code == 403
    assert Assignment.objects.count() == 0


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/konto/logga-in/" in response.url


def test_coordinators_see_the_import_link_in_the_menu(client, coordinator, consultant_user):
    client.force_login(coordinator)
    assert URL in client.get(URL).content.decode()
    client.force_login(consultant_user)
    assert f'href="{URL}"' not in client.get(reverse("assignments:mine")).content.decode()
