"""The register extract finds a person everywhere; erasure leaves nothing a search by e-mail or name finds."""
import json

import pytest
from django.db import connection

from assignments.models import Assignment, Contact, Hire
from retention.models import DataRequest
from surveys.models import OutboxEmail
from tests.factories import AssignmentFactory, ContactFactory, HireFactory, ResponseFactory

EMAIL, NAME = "anna.andersson@example.se", "Anna Andersson"


@pytest.fixture
def anna(db):
    contact = ContactFactory(name=NAME, email=EMAIL, phone="08-555 12 34")
    contact.name = NAME  # a second history row
    contact.save()
    assignment = AssignmentFactory(contact=contact, organisation=contact.organisation)
    HireFactory(name=NAME, email="anna.privat@example.se")
    OutboxEmail.objects.create(to=EMAIL, subject="Låg poäng", text="Hej Anna Andersson")
    ResponseFactory(kind="customer", assignment=assignment, answers={"comment": "Bra kontakt med anna andersson."})
    return contact


def _post(client, action, term, **extra):
    return client.post("/gallring/registerutdrag/", {"term": term, "action": action, **extra})


def _text_hits(term: str) -> list[str]:
    """Every column of every table in the database whose text contains `term` (case-insensitive)."""
    hits = []
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table.startswith("zz_test_snapshot_") or table == "django_session":
                continue
            if connection.vendor == "sqlite":
                cursor.execute(f"PRAGMA table_info({qn(table)})")
                columns = [row[1] for row in cursor.fetchall()]
            else:
                cursor.execute("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                               "AND table_name = %s", [table])
                columns = [row[0] for row in cursor.fetchall()]
            for column in columns:
                cursor.execute(f"SELECT 1 FROM {qn(table)} WHERE UPPER(CAST({qn(column)} AS TEXT)) "  # noqa: S608
                               "LIKE UPPER(%s) LIMIT 1", [f"%{term}%"])
                if cursor.fetchone():
                    hits.append(f"{table}.{column}")
    return hits


def test_the_extract_lists_the_persons_records_and_mentions_as_json(client, coordinator, anna):
    client.force_login(coordinator)
    body = json.loads(_post(client, "json", EMAIL).content)
    tables = sorted(r["table"] for r in body["records"])
    assert tables == ["assignments.Contact", "assignments.HistoricalContact", "assignments.HistoricalContact",
                      "surveys.OutboxEmail"]
    by_name = json.loads(_post(client, "json", NAME).content)
    assert {r["table"] for r in by_name["records"]} >= {"assignments.Contact", "assignments.Hire",
                                                       "assignments.HistoricalHire"}
    assert any(m["table"] == "surveys.Answer" for m in by_name["mentions"])
    assert list(DataRequest.objects.values_list("kind", flat=True)) == ["extract", "extract"]
    assert not DataRequest.objects.filter(counts__icontains="anna").exists()


def test_the_extract_pdf_names_what_is_stored(client, coordinator, anna, tmp_path):
    import subprocess

    client.force_login(coordinator)
    response = _post(client, "pdf", EMAIL)
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Registerutdrag" in text and EMAIL in text and "08-555 12 34" in text


def test_after_erasure_no_table_holds_the_e_mail_or_the_name_and_the_register_keeps_its_rows(
        client, coordinator, anna):
    client.force_login(coordinator)
    assert _text_hits(EMAIL) and _text_hits(NAME)
    assignments_before = Assignment.objects.count()
    history_before = Contact.history.count()
    refused = _post(client, "erase", EMAIL)
    assert "Bekräfta att inget annat lagkrav" in refused.content.decode()
    assert _text_hits(EMAIL)
    _post(client, "erase", EMAIL, confirm="on")
    _post(client, "erase", NAME, confirm="on")
    assert _text_hits(EMAIL) == [] and _text_hits(NAME) == []
    assert Assignment.objects.count() == assignments_before and Contact.history.count() == history_before
    anna.refresh_from_db()
    assert (anna.name, anna.email, anna.phone) == ("Anonymiserad", "", "")
    assert Hire.objects.filter(name="Anonymiserad").count() == 1
    assert list(DataRequest.objects.values_list("kind", flat=True)) == ["erasure", "erasure"]


def test_a_single_first_name_or_a_malformed_address_is_refused_in_swedish(client, coordinator, anna):
    client.force_login(coordinator)
    assert "hela namnet" in _post(client, "show", "Anna").content.decode()
    assert "e-postadress" in _post(client, "show", "anna@").content.decode()
    assert not DataRequest.objects.exists()


def test_only_coordinators_may_make_requests(client, manager, consultant_user):
    for user in (manager, consultant_user):
        client.force_login(user)
        assert client.get("/gallring/registerutdrag/").status_code == 403
