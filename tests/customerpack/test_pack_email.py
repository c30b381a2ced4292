"""A coordinator e-mails the pack to the organisation's HR contact: queued in the outbox with its PDF, and
delivered by the dispatcher through a real SMTP server on loopback."""
from __future__ import annotations

import io

from django.contrib.messages import get_messages
from django.urls import reverse
from pypdf import PdfReader

from assignments.models import Contact, ContactRole, EmailStatus
from surveys.models import OutboxEmail
from surveys.services.dispatch import outbox_dispatch

EMAIL = "customerpack:email"


def _post(client, world, contact, **extra):
    return client.post(reverse(EMAIL), {"organisation": world.parent.pk, "year": 2025, "tertial": "2",
                                        "contact": contact.pk, **extra})


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_pack_goes_to_the_hr_contact_with_the_pdf_attached(client, world, coordinator, smtp_server):
    client.force_login(coordinator)
    response = _post(client, world, world.hr)
    assert response.status_code == 302
    assert "ligger i utkorgen till Hanna HR (hanna.hr@stadshus.example.se)" in _messages(response)[0]
    queued = OutboxEmail.objects.get()
    assert queued.to == "hanna.hr@stadshus.example.se"
    assert queued.attachment_name == "kundrapport-stadshus-ab-2025-T2.pdf"

    assert outbox_dispatch().outbox_sent == 1
    assert smtp_server.collector.wait_for(1)
    (rcpt, _raw), = smtp_server.collector.received
    assert rcpt == ["hanna.hr@stadshus.example.se"]
    message = smtp_server.collector.messages[0]
    subject = "Rapport från SF Rekrytering till Stadshus AB, T2 2025 (januari–augusti)"
    assert queued.subject == message["Subject"].strip() == subject
    assert "Hej Hanna HR," in message.get_body(("plain",)).get_content()
    attachments = list(message.iter_attachments())
    assert [a.get_filename() for a in attachments] == ["kundrapport-stadshus-ab-2025-T2.pdf"]
    assert attachments[0].get_content_type() == "application/pdf"
    pdf = PdfReader(io.BytesIO(attachments[0].get_content()))
    assert "Rekryteringsstöd till Stadshus AB" in pdf.pages[0].extract_text()
    assert OutboxEmail.objects.get().status == "sent"


def test_a_second_click_the_same_day_queues_nothing_more(client, world, coordinator):
    client.force_login(coordinator)
    _post(client, world, world.hr)
    response = _post(client, world, world.hr)
    assert "är redan skickad till Hanna HR i dag" in _messages(response)[-1]
    assert OutboxEmail.objects.count() == 1


def test_only_the_organisations_own_working_hr_contacts_can_get_it(client, world, coordinator):
    client.force_login(coordinator)
    elsewhere = Contact.objects.create(organisation=world.other, name="Olle Annan", role=ContactRole.HR,
                                       email="olle@annan.example.se")
    bounced = Contact.objects.create(organisation=world.parent, name="Berit Studs", role=ContactRole.HR,
                                     email="berit@stadshus.example.se", email_status=EmailStatus.BOUNCED)
    manager_contact = Contact.objects.create(organisation=world.parent, name="Chef Chefsson",
                                             email="chef@stadshus.example.se")
    for contact in (elsewhere, bounced):
        response = _post(client, world, contact)
        assert "är inte HR-kontakt hos Stadshus AB med en fungerande e-postadress" in _messages(response)[-1]
    response = _post(client, world, manager_contact)
    assert "Välj en HR-kontakt med e-postadress i listan." in _messages(response)[-1]
    response = _post(client, world, world.hr, year="tjugo")
    assert "Skriv året med fyra siffror" in _messages(response)[-1]
    assert not OutboxEmail.objects.exists()


def test_managers_and_consultants_cannot_send_it(client, world, manager, consultant_user):
    for user in (manager, consultant_user):
        client.force_login(user)
        assert _post(client, world, world.hr).status_code == 403
    assert not OutboxEmail.objects.exists()


def test_the_send_address_answers_only_post(client, world, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse(EMAIL)).status_code == 405
