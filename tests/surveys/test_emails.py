"""The e-mails: text and HTML parts, the personal link, one-click unsubscribe, the local mailbox."""
import pytest
from django.core import mail
from django.urls import reverse

from assignments.models import EmailStatus
from surveys import tokens
from surveys.models import Invitation, InvitationStatus, LocalMail, SurveyKind
from surveys.services import dispatch
from tests.factories import AssignmentFactory, ConsultantFactory, ContactFactory, HireFactory

from .helpers import due_candidate_invitation, due_invitation

S = InvitationStatus
pytestmark = pytest.mark.django_db


def sent_invitation(**kwargs):
    inv = due_invitation(**kwargs)
    dispatch.outbox_dispatch()
    inv.refresh_from_db()
    return inv, tokens.token_for(inv.token_salt)


class TestMessage:
    def test_it_has_text_and_html_parts_the_link_and_the_unsubscribe_headers(self, smtp_server):
        consultant = ConsultantFactory(name="Karin Konsult")
        contact = ContactFactory(name="Anna Chef", email="anna.chef@forvaltning.example.se")
        a = AssignmentFactory(lead_consultant=consultant, contact=contact, organisation=contact.organisation,
                              role_title="Biträdande rektor")
        inv, token = sent_invitation(assignment=a)
        (message,) = smtp_server.collector.messages
        assert message["To"].strip() == "anna.chef@forvaltning.example.se"
        assert message["Subject"].strip() == "Hur tyckte du att rekryteringen av Biträdande rektor gick?"
        link = f"https://rekrytering.example.se/s/{token}/"
        assert message["List-Unsubscribe"].strip() == f"<https://rekrytering.example.se/s/avregistrera/{token}/>"
        assert message["List-Unsubscribe-Post"].strip() == "List-Unsubscribe=One-Click"
        text = message.get_body(preferencelist=("plain",)).get_content()
        html = message.get_body(preferencelist=("html",)).get_content()
        for part in (text, html):
            assert link in part
            assert "Karin Konsult" in part and "Biträdande rektor" in part and "Anna Chef" in part
        assert f'<a href="{link}">' in html
        assert len(token) >= 43  # 256 bits, url-safe base64

    def test_the_candidate_mail_names_the_role_and_consultant_but_not_the_customer(self):
        hire = HireFactory(assignment=AssignmentFactory(role_title="Undersköterska"))
        inv = due_candidate_invitation(hire=hire)
        dispatch.outbox_dispatch()
        (message,) = mail.outbox
        assert message.to == [hire.email]
        assert "Undersköterska" in message.subject
        assert hire.assignment.lead_consultant.name in message.body
        assert hire.assignment.organisation.name not in message.body
        assert "anonym" in message.body
        inv.refresh_from_db()
        assert tokens.token_for(inv.token_salt) in message.body

    def test_the_six_month_mail_asks_about_the_match(self):
        due_invitation(kind=SurveyKind.SIX_MONTH)
        dispatch.outbox_dispatch()
        assert "matchar" in mail.outbox[0].subject


class TestUnsubscribe:
    def test_one_click_post_marks_the_contact_and_cancels_its_pending_invitations(self, client):
        inv, token = sent_invitation()
        pending = due_invitation(assignment=inv.assignment, kind=SurveyKind.SIX_MONTH, contact=inv.contact)
        Invitation.objects.filter(pk=pending.pk).update(due_at=inv.sent_at.replace(year=inv.sent_at.year + 1))
        response = client.post(reverse("public_surveys:unsubscribe", kwargs={"token": token}),
                               {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
        inv.contact.refresh_from_db()
        pending.refresh_from_db()
        assert inv.contact.email_status == EmailStatus.UNSUBSCRIBED
        assert pending.status == S.CANCELLED

    def test_get_only_shows_a_confirm_button(self, client):
        inv, token = sent_invitation()
        url = reverse("public_surveys:unsubscribe", kwargs={"token": token})
        response = client.get(url)
        assert response.status_code == 200
        assert "Avregistrera mig" in response.content.decode()
        inv.contact.refresh_from_db()
        assert inv.contact.email_status == EmailStatus.OK

    def test_the_one_click_post_needs_no_csrf_token(self):
        from django.test import Client

        inv, token = sent_invitation()
        Client(enforce_csrf_checks=True).post(f"/s/avregistrera/{token}/", {"List-Unsubscribe": "One-Click"})
        inv.contact.refresh_from_db()
        assert inv.contact.email_status == EmailStatus.UNSUBSCRIBED

    def test_an_unknown_token_gets_the_same_page_and_changes_nothing(self, client):
        inv, token = sent_invitation()
        response = client.post(reverse("public_surveys:unsubscribe", kwargs={"token": "x" * 43}))
        assert response.status_code == 200
        assert "Klart" in response.content.decode()
        inv.contact.refresh_from_db()
        assert inv.contact.email_status == EmailStatus.OK

    def test_a_candidate_who_unsubscribes_loses_the_address_and_gets_no_reminder(self, client, settings):
        inv = due_candidate_invitation()
        dispatch.outbox_dispatch()
        inv.refresh_from_db()
        client.post(f"/s/avregistrera/{tokens.token_for(inv.token_salt)}/")
        inv.refresh_from_db()
        # the address goes at once; the link, out in an open round, ends with the round's
        assert (inv.status, inv.email, inv.hire.email, inv.hire.candidate_survey_done) == (S.SENT, "", "", True)
        assert inv.pk not in dispatch._due_reminder_ids(inv.sent_at.replace(year=inv.sent_at.year + 1), 10)


class TestLocalMailbox:
    @pytest.fixture(autouse=True)
    def _mailbox(self, settings):
        settings.EMAIL_BACKEND = "surveys.mail.backend.EmailBackend"

    def test_it_stores_every_message_with_text_html_and_headers(self):
        inv, token = sent_invitation()
        stored = LocalMail.objects.get()
        assert stored.to == inv.contact.email
        assert f"/s/{token}/" in stored.text and f"/s/{token}/" in stored.html
        assert stored.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    def test_candidate_addresses_are_never_stored(self):
        hire = HireFactory(email="hemlig.kandidat@example.se")
        due_candidate_invitation(hire=hire)
        dispatch.outbox_dispatch()
        stored = LocalMail.objects.get()
        assert "hemlig.kandidat" not in stored.to
        assert not LocalMail.objects.filter(text__icontains="hemlig.kandidat").exists()
        assert not LocalMail.objects.filter(html__icontains="hemlig.kandidat").exists()

    def test_candidate_links_are_never_stored_so_stored_reminders_tell_no_one_apart(self):
        inv = due_candidate_invitation()
        dispatch.outbox_dispatch()
        inv.refresh_from_db()
        token = tokens.token_for(inv.token_salt)
        stored = LocalMail.objects.get()
        assert token not in stored.text and token not in stored.html and token not in str(stored.headers)
        assert "[länken sparas inte]" in stored.text
