"""The staff page, its Excel and PDF files, the command, and what each does with bad input."""
from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.factories import AssignmentFactory, OrganisationFactory

PAGE = "customerpack:pack"


def _query(world, **extra):
    return {"organisation": world.parent.pk, "year": 2025, **extra}


def test_coordinators_and_managers_see_the_pack_and_consultants_do_not(client, world, coordinator, manager,
                                                                         consultant_user):
    for user, status in ((coordinator, 200), (manager, 200), (consultant_user, 403)):
        client.force_login(user)
        for name in (PAGE, "customerpack:xlsx", "customerpack:pdf"):
            assert client.get(reverse(name), _query(world)).status_code == status, (user.username, name)


def test_the_page_shows_the_organisations_figures_beside_the_departments(client, world, manager):
    client.force_login(manager)
    response = client.get(reverse(PAGE), _query(world))
    assert response.status_code == 200
    summary = response.context["tables"][0]
    rows = {row[0].value: (row[1].value, row[2].value) for row in summary.rows}
    assert rows["Beställda uppdrag"] == (2, 3)
    assert rows["Kundenkät: antal svar"] == (3, 4)
    assert rows["Kundenkät: NPS"][1] == pytest.approx(50.0)
    text = response.content.decode()
    assert "Kundrapport: Stadshus AB" in text and "Bostadsbolaget AB" in text
    # a manager may look but not send
    assert "E-post till HR-kontakten" not in text


def test_a_coordinator_is_offered_the_organisations_hr_contacts(client, world, coordinator):
    client.force_login(coordinator)
    text = client.get(reverse(PAGE), _query(world)).content.decode()
    assert "E-post till HR-kontakten" in text and "hanna.hr@stadshus.example.se" in text


@pytest.mark.parametrize(("params", "message"), [
    ({"organisation": "999999", "year": "2025"}, "Välj en kund i listan."),
    ({"organisation": "", "year": "2025"}, "Välj en kund."),
    ({"year": "tjugo"}, "Skriv året med fyra siffror"),
    ({"year": "1850"}, "Välj ett år mellan 2000 och 2100."),
    ({"year": "2025", "tertial": "4"}, "Välj hela året eller en tertial."),
])
def test_bad_choices_are_refused_in_swedish(client, world, manager, params, message):
    client.force_login(manager)
    query = {"organisation": world.parent.pk, **params}
    response = client.get(reverse(PAGE), query)
    assert response.status_code == 400
    assert message in response.content.decode()
    # the files go back to the page, which says why
    download = client.get(reverse("customerpack:xlsx"), query)
    assert download.status_code == 302 and download["Location"].startswith(reverse(PAGE))


def test_without_a_choice_the_page_shows_the_form_alone(client, world, manager):
    client.force_login(manager)
    response = client.get(reverse(PAGE))
    assert response.status_code == 200 and "pack" not in response.context


def test_the_excel_file_carries_the_pages_numbers(client, world, manager):
    client.force_login(manager)
    response = client.get(reverse("customerpack:xlsx"), _query(world))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "kundrapport-stadshus-ab-2025.xlsx" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Sammanfattning"]
    rows = {r[0]: r[1:3] for r in sheet.iter_rows(values_only=True) if r and r[0]}
    assert rows["Beställda uppdrag"] == (2, 3)
    assert rows["Fakturerat (kr)"] == (45000.5, 75000.5)
    assert rows["Kundenkät: antal svar"] == (3, 4)


def test_the_pdf_names_the_customer_and_its_figures(client, world, manager):
    client.force_login(manager)
    response = client.get(reverse("customerpack:pdf"), _query(world, tertial="2"))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Rekryteringsstöd till Stadshus AB" in text
    assert "T2 2025" in text and "45 000,50" in text.replace("\u00a0", " ")


def test_the_command_writes_the_same_json_as_the_page_shows(world, tmp_path):
    out = tmp_path / "pack.json"
    call_command("customer_report", "--organisation", "stadshus ab", "--year", "2025", "--format", "json",
                 "--out", str(out), stdout=io.StringIO())
    got = json.loads(out.read_text(encoding="utf-8"))
    assert got["organisation"]["name"] == "Stadshus AB"
    assert got["customer"]["responses"] == 3 and got["department"]["customer"]["responses"] == 4


def test_the_command_writes_a_pdf(world, tmp_path):
    out = tmp_path / "pack.pdf"
    call_command("customer_report", "--organisation", "Stadshus AB", "--year", "2025", "--tertial", "2",
                 "--format", "pdf", "--out", str(out), stdout=io.StringIO())
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(("name", "message"), [
    ("Okänd kund", "Det finns ingen kund som heter ”Okänd kund”."),
    ("AB", "Flera kunder matchar ”AB”: ”Bostadsbolaget AB”, ”Stadshus AB”. Ange hela namnet."),
    ("  ", "Ange kundens namn."),
])
def test_the_command_refuses_an_unknown_or_ambiguous_organisation_in_swedish(world, tmp_path, name, message):
    out = tmp_path / "pack.json"
    with pytest.raises(CommandError, match=message):
        call_command("customer_report", "--organisation", name, "--year", "2025", "--out", str(out))
    assert not out.exists()


def test_a_name_that_is_exact_wins_over_names_that_contain_it(world, tmp_path):
    OrganisationFactory(name="Stadshus AB Fastigheter")
    out = tmp_path / "pack.json"
    call_command("customer_report", "--organisation", "Stadshus AB", "--year", "2025", "--out", str(out),
                 stdout=io.StringIO())
    assert json.loads(out.read_text(encoding="utf-8"))["organisation"]["name"] == "Stadshus AB"


def test_the_command_refuses_a_bad_period_and_a_missing_folder(world, tmp_path):
    with pytest.raises(CommandError, match="Tertial måste vara 1, 2 eller 3."):
        call_command("customer_report", "--organisation", "Stadshus AB", "--year", "2025", "--tertial", "5",
                     "--out", str(tmp_path / "x.json"))
    with pytest.raises(CommandError, match="Ogiltigt år: 1900."):
        call_command("customer_report", "--organisation", "Stadshus AB", "--year", "1900",
                     "--out", str(tmp_path / "x.json"))
    with pytest.raises(CommandError, match="finns inte"):
        call_command("customer_report", "--organisation", "Stadshus AB", "--year", "2025",
                     "--out", str(tmp_path / "saknas" / "x.json"))


def test_a_file_asked_for_without_a_choice_leads_to_the_form(client, world, manager):
    client.force_login(manager)
    for name in ("customerpack:xlsx", "customerpack:pdf"):
        response = client.get(reverse(name), follow=True)
        assert response.redirect_chain == [(reverse(PAGE), 302)] and response.status_code == 200


def test_the_pages_queries_do_not_grow_with_the_customers_assignments(client, world, manager,
                                                                     django_assert_max_num_queries):
    client.force_login(manager)
    client.get(reverse(PAGE), _query(world))  # sessions, caches
    with CaptureQueriesContext(connection) as before:
        client.get(reverse(PAGE), _query(world))
    for _ in range(5):
        AssignmentFactory(organisation=world.company)
    with django_assert_max_num_queries(len(before)):
        assert client.get(reverse(PAGE), _query(world)).context["tables"][0].rows[0][1].value == 7
