"""The register extract and erasure, played by a curious coordinator: does the extract tie a candidate's
answer to anyone, does erasure leave the person anywhere (history, JSON, the outbox)?"""
from __future__ import annotations

import datetime as dt
import json

from django.utils import timezone

from assignments.models import Package
from customerpack.selectors import period_for
from customerpack.services import pack_email
from orders.models import Order
from retention.subject import subject_erase
from surveys.models import Answer, OutboxEmail
from tests.factories import AssignmentFactory, HireFactory, ResponseFactory
from tests.retention.test_subject import _text_hits


def _extract(client, term):
    return json.loads(client.post("/gallring/registerutdrag/", {"term": term, "action": "json"}).content)


def test_a_candidates_free_text_naming_a_hire_shows_the_text_and_nothing_that_leads_to_the_answer(
        client, coordinator, db):
    """A candidate's free-text answer mentions the hire "Berit Bengtsson": the extract shows the text (the
    person's data) as a mention of an answer, with no response, assignment, customer, consultant or date."""
    assignment = AssignmentFactory()
    HireFactory(assignment=assignment, name="Berit Bengtsson", email="berit@example.se")
    response = ResponseFactory(kind="candidate", submitted_on=dt.date(2025, 5, 1), assignment=None,
                               answers={"overall": 8})
    Answer.objects.create(response=response, question_key="comment_free", value_text="Berit Bengtsson var snäll.")
    client.force_login(coordinator)
    body = _extract(client, "Berit Bengtsson")
    mentions = [m for m in body["mentions"] if m["table"] == "surveys.Answer"]
    assert [m["fields"] for m in mentions] == [{"value_text": "Berit Bengtsson var snäll."}]
    text = json.dumps(body, ensure_ascii=False)
    assert f'"response": {response.pk}' not in text and "2025-05" not in text
    assert not any(r["table"] == "surveys.Response" for r in body["records"] + body["mentions"])


def test_erasing_a_hire_by_e_mail_leaves_no_name_in_the_hires_history(client, coordinator, db):
    """A hire's history keeps no e-mail (excluded from it): erased by e-mail, the history rows of the same
    hire are anonymised by id, so the name "Berit Bengtsson" is gone from every table."""
    hire = HireFactory(name="Berit Bengtsson", email="berit@example.se")
    hire.name = "Berit Bengtsson"
    hire.save()
    assert hire.history.count() == 2
    subject_erase("berit@example.se", by=coordinator)
    assert _text_hits("Berit Bengtsson") == []
    assert _text_hits("berit@example.se") == []
    assert set(hire.history.values_list("name", flat=True)) == {"Anonymiserad"}


def _order(**extra) -> Order:
    return Order.objects.create(
        organisation_name="Stadshus AB", contact_name="Olle Orderson", email="olle@stadshus.example.se",
        phone="08-1", cost_centre="K1", role_title="Rektor", role_level="chef", sector="skola", positions=1,
        package=Package.objects.first(), confirm_hash="x" * 64,
        confirm_expires_at=timezone.now() + dt.timedelta(days=1), **extra)


def test_a_name_in_an_orders_start_meeting_answers_is_found_and_erased(client, coordinator, db):
    """The start-meeting answers are a JSON column: the extract finds the name in them and erasure cuts it."""
    order = _order(start_meeting={"need": "Ersätter Berit Bengtsson som går i pension."})
    client.force_login(coordinator)
    mentions = [m for m in _extract(client, "Berit Bengtsson")["mentions"] if m["table"] == "orders.Order"]
    assert [m["id"] for m in mentions] == [order.pk]
    subject_erase("Berit Bengtsson", by=coordinator)
    order.refresh_from_db()
    assert order.start_meeting == {"need": "Ersätter [borttaget] som går i pension."}
    assert _text_hits("Berit Bengtsson") == []


def test_erasing_an_hr_contact_by_name_empties_the_pack_e_mails_address_text_and_keeps_no_name(
        world, coordinator):
    """The pack e-mailed to "Hanna HR": erased by name, the outbox row keeps neither her address (found
    through her contact record) nor her name; the PDF attachment never names the contact (it is the
    organisation's figures; its name is the customer's and the period's)."""
    pack_email(organisation=world.parent, period=period_for(year=2025, tertial=None), contact=world.hr,
               by=coordinator)
    row = OutboxEmail.objects.get()
    assert "Hanna HR" in row.text and "Hanna" not in row.attachment_name
    subject_erase("Hanna HR", by=coordinator)
    assert _text_hits("hanna.hr@stadshus.example.se") == []
    assert _text_hits("Hanna HR") == []
    row.refresh_from_db()
    assert (row.to, row.text) == ("", "")


def test_erasing_by_name_leaves_another_persons_record_with_a_shared_address_alone(world, coordinator):
    """Hanna HR's address hr@stadshus.example.se is the HR mailbox Olle Orderson ordered from as well:
    erasing "Hanna HR" by name clears the address in the outbox, never Olle's order."""
    world.hr.email = "hr@stadshus.example.se"
    world.hr.save()
    order = _order()
    Order.objects.filter(pk=order.pk).update(email="hr@stadshus.example.se")
    OutboxEmail.objects.create(to="hr@stadshus.example.se", subject="Rapport", text="Hej")
    subject_erase("Hanna HR", by=coordinator)
    order.refresh_from_db()
    assert (order.contact_name, order.email) == ("Olle Orderson", "hr@stadshus.example.se")
    assert OutboxEmail.objects.get().to == ""
