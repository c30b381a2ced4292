"""Coordinator pages: roles, the version list's queries, preview, copy, edit, import from the browser."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from surveys.models import Response, SurveyVersion

from .helpers import SAMPLES, load_sample_assignments


def staff_urls():
    version = SurveyVersion.objects.get(kind="customer", year=2025)
    return [reverse("surveys:versions"), reverse("surveys:version_preview", args=[version.pk]),
            reverse("surveys:version_copy", args=[version.pk]), reverse("surveys:version_edit", args=[version.pk]),
            reverse("surveys:training_list"), reverse("surveys:import")]


@pytest.mark.django_db
class TestRoles:
    def test_anonymous_users_are_sent_to_log_in(self, client):
        for url in staff_urls():
            page = client.get(url)
            assert page.status_code == 302 and page.url.startswith(reverse("login")), url
        assert client.post(reverse("surveys:import_confirm")).status_code == 302

    @pytest.mark.parametrize("role", ["consultant_user", "manager", "outsider"])
    def test_other_roles_get_403(self, client, request, role):
        client.force_login(request.getfixturevalue(role))
        for url in staff_urls():
            assert client.get(url).status_code == 403, url
        assert client.post(reverse("surveys:import_confirm")).status_code == 403

    def test_coordinators_see_every_page(self, client, coordinator):
        client.force_login(coordinator)
        for url in staff_urls():
            assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_the_version_list_shows_every_version_in_constant_queries(client, coordinator,
                                                                   django_assert_max_num_queries):
    client.force_login(coordinator)
    client.get(reverse("surveys:versions"))  # warm the session
    with django_assert_max_num_queries(5):
        page = client.get(reverse("surveys:versions"))
    html = page.content.decode()
    for label in ("Kundenkät", "Kandidatenkät", "Sexmånadersenkät", "Utbildningsutvärdering"):
        assert label in html
    assert html.count("Förhandsvisa") == SurveyVersion.objects.count()


@pytest.mark.django_db
class TestVersionPages:
    def test_preview_shows_the_form_and_stores_nothing(self, client, coordinator):
        client.force_login(coordinator)
        version = SurveyVersion.objects.get(kind="customer", year=2023)
        url = reverse("surveys:version_preview", args=[version.pk])
        html = client.get(url).content.decode()
        assert "Förhandsvisning" in html and "gott bemötande" in html and "Fråga 1 av 12" in html
        lilla = client.get(url + "?paket=LILLA").content.decode()
        assert "bra stöd vid intervjuer" not in lilla and "Fråga 1 av 10" in lilla
        page = client.post(url, {"planning": "99"})
        assert "Välj ett värde från 1 till 10." in page.content.decode()
        assert not Response.objects.exists()

    def test_copy_to_a_new_year_from_the_page(self, client, coordinator):
        client.force_login(coordinator)
        version = SurveyVersion.objects.get(kind="six_month", year=2025)
        url = reverse("surveys:version_copy", args=[version.pk])
        assert 'value="2026"' in client.get(url).content.decode()
        page = client.post(url, {"year": "2026"})
        new = SurveyVersion.objects.get(kind="six_month", year=2026)
        assert page.url == reverse("surveys:version_edit", args=[new.pk])
        assert list(new.questions.values_list("key", flat=True)) == ["match", "use_again", "comment"]
        again = client.post(url, {"year": "2026"})
        assert again.status_code == 200 and "Det finns redan en version från 2026." in again.content.decode()

    def test_edit_questions_and_add_one_to_an_unanswered_version(self, client, coordinator):
        client.force_login(coordinator)
        version = SurveyVersion.objects.get(kind="six_month", year=2025)
        questions = list(version.questions.order_by("order"))
        data = {"form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "3", "form-MIN_NUM_FORMS": "0",
                "form-MAX_NUM_FORMS": "1000", "add-key": "recommend", "add-text": "Skulle du rekommendera oss?",
                "add-qtype": "yes_no", "add-required": "on", "add-order": "25"}
        for i, q in enumerate(questions):
            data.update({f"form-{i}-id": q.pk, f"form-{i}-text": q.text + " (ny)", f"form-{i}-order": q.order})
            if q.key == "comment":
                data[f"form-{i}-delete"] = "on"
        page = client.post(reverse("surveys:version_edit", args=[version.pk]), data)
        assert page.status_code == 302
        keys = list(version.questions.order_by("order").values_list("key", "required"))
        assert keys == [("match", False), ("use_again", False), ("recommend", True)]
        assert version.questions.get(key="match").text.endswith("(ny)")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _post_and_follow(client, url, data, capture):
    """POST, run the queued background job in-process (as without a broker), then show the job page."""
    with capture(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    return client.get(response.url)


@pytest.mark.django_db
@pytest.mark.usefixtures("media")
class TestImportPages:
    def test_upload_preview_then_confirm(self, client, coordinator, media, django_capture_on_commit_callbacks):
        load_sample_assignments()
        client.force_login(coordinator)
        upload = SimpleUploadedFile("responses.csv", (SAMPLES / "responses.csv").read_bytes())
        preview = _post_and_follow(client, reverse("surveys:import"), {"file": upload},
                                   django_capture_on_commit_callbacks)
        html = preview.content.decode()
        assert preview.status_code == 200 and "305 nya svar, 0 finns redan" in html
        assert not Response.objects.exists()
        job = preview.context["job"]
        done = _post_and_follow(client, reverse("surveys:import_confirm"), {"job": job.pk},
                                django_capture_on_commit_callbacks)
        assert "305 svar importerades (0 fanns redan)." in done.content.decode()
        assert Response.objects.count() == 305
        assert not list(media.rglob("*.csv"))  # the waiting file is removed
        again = _post_and_follow(client, reverse("surveys:import"), {
            "file": SimpleUploadedFile("responses.csv", (SAMPLES / "responses.csv").read_bytes())},
            django_capture_on_commit_callbacks)
        assert "0 nya svar, 305 finns redan" in again.content.decode()

    def test_a_bad_file_lists_its_errors_and_offers_no_import(self, client, coordinator,
                                                              django_capture_on_commit_callbacks):
        load_sample_assignments()
        client.force_login(coordinator)
        upload = SimpleUploadedFile("responses_bad.csv", (SAMPLES / "responses_bad.csv").read_bytes())
        page = _post_and_follow(client, reverse("surveys:import"), {"file": upload},
                                django_capture_on_commit_callbacks)
        html = page.content.decode()
        assert page.status_code == 400
        for line in (57, 59, 61, 62):
            assert f"Rad {line}, kolumn" in html
        assert reverse("surveys:import_confirm") not in html
        follow = client.post(reverse("surveys:import_confirm"), {"job": page.context["job"].pk}, follow=True)
        assert "Ingen fil väntar på import" in follow.content.decode()
        assert not Response.objects.exists()

    def test_a_file_that_is_not_csv_or_xlsx_is_refused(self, client, coordinator):
        client.force_login(coordinator)
        page = client.post(reverse("surveys:import"), {"file": SimpleUploadedFile("svar.pdf", b"%PDF")})
        assert "Filen måste vara en CSV- eller .xlsx-fil." in page.content.decode()


@pytest.mark.django_db
def test_a_damaged_workbook_gets_a_swedish_message(client, coordinator, media, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    page = _post_and_follow(client, reverse("surveys:import"),
                            {"file": SimpleUploadedFile("svar.xlsx", b"PK\x03\x04 trasig")},
                            django_capture_on_commit_callbacks)
    assert page.status_code == 400
    assert "Filen kunde inte läsas. Spara den som CSV (UTF-8) eller .xlsx." in page.content.decode()
