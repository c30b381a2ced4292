"""Surveys in Swedish, English and easy-to-read Swedish (issue 17, "Languages").

The respondent switches language on the form; the e-mail goes out in the contact's language and
its link opens the form in it; answers count the same whatever the language, and nothing stores
the language an answer was given in.
"""
from __future__ import annotations

import re

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from assignments.models import Contact, Language, Status
from reporting.selectors import kpi_report
from surveys import tokens
from surveys.languages import choice_labels, languages_offered, translated
from surveys.models import Answer, Invitation, Question, Response, SpentToken, SurveyKind, SurveyVersion
from surveys.selectors.answering import version_for
from surveys.services import dispatch, scheduling
from tests.factories import AssignmentFactory, ContactFactory, HireFactory, OrganisationFactory, package

from .catalogue import english_catalogue  # noqa: F401 - the fixture, used by name
from .helpers import close, due_invitation, invitation_with_token
from .test_answering import candidate_data, customer_data

pytestmark = pytest.mark.django_db


def url(token, language=None):
    return reverse("public_surveys:answer", args=[token]) + (f"?lang={language}" if language else "")


def html_lang(page: str) -> str:
    return re.search(r'<html lang="([^"]+)"', page).group(1)


def candidate_links(count: int) -> dict[str, str]:
    """An assignment closed with `count` hires whose candidate surveys went out; {e-mail: token}."""
    assignment = AssignmentFactory(status=Status.REFERENCES, package=package("STORA"))
    for i in range(count):
        HireFactory(assignment=assignment, name=f"Kandidat {i}", email=f"kandidat{i}@example.se", start_date=None)
    close(assignment)
    scheduling.invitations_schedule_for_closing(assignment_id=assignment.pk)
    dispatch.outbox_dispatch()
    links = {inv.email: tokens.token_for(inv.token_salt)
             for inv in Invitation.objects.filter(assignment=assignment, kind=SurveyKind.CANDIDATE)}
    assert len(links) == count
    return links


class TestSeededTranslations:
    def test_every_seeded_version_is_written_in_english_and_the_candidate_survey_in_easy_swedish(self):
        for version in SurveyVersion.objects.prefetch_related("questions"):
            assert version.title_en and version.intro_en and bool(version.stem_en) == bool(version.stem)
            assert all(q.text_en for q in version.questions.all()), version
        candidate = SurveyVersion.objects.get(kind="candidate", year=2025)
        assert candidate.title_easy and candidate.intro_easy
        assert all(q.text_easy for q in candidate.questions.all())
        # the customer survey has no easy Swedish, so its form does not offer it
        customer = SurveyVersion.objects.get(kind="customer", year=2025)
        assert languages_offered(customer, list(customer.questions.all())) == ["sv", "en"]
        assert languages_offered(candidate, list(candidate.questions.all())) == ["sv", "en", "sv-easy"]

    def test_statements_stay_statements_in_english(self):
        """The customer statements complete the stem: lower case in every language."""
        version = SurveyVersion.objects.get(kind="customer", year=2025)
        assert version.questions.get(key="planning").text_en == "a well-planned recruitment"
        assert version.stem_en.endswith(":")

    def test_a_blank_translation_falls_back_to_swedish(self):
        question = Question(text="Svensk fråga?", text_en="", text_easy="  ", choices=["Annons", "Kollega"],
                            choices_en=["Advert", ""], choices_easy=[])
        assert translated(question, "text", "en") == "Svensk fråga?"
        assert translated(question, "text", "sv-easy") == "Svensk fråga?"
        assert choice_labels(question, "en") == ["Advert", "Kollega"]
        assert choice_labels(question, "sv-easy") == ["Annons", "Kollega"]


class TestTheSwitch:
    def test_each_language_shows_its_texts_with_the_right_lang_attribute(self, client):
        links = candidate_links(1)
        (token,) = links.values()
        swedish = client.get(url(token)).content.decode()
        assert html_lang(swedish) == "sv"
        assert "<h1>Kandidatenkät" in swedish
        assert "Fick du information om vilka du skulle träffa vid intervjun?" in swedish

        english = client.get(url(token, "en")).content.decode()
        assert html_lang(english) == "en"
        assert "<h1>Candidate survey" in english
        assert "Congratulations on your new job!" in english
        assert "Were you told whom you would meet at the interview?" in english
        assert "Fick du information om vilka" not in english

        easy = client.get(url(token, "sv-easy")).content.decode()
        assert html_lang(easy) == "sv"
        assert "<h1>Enkät om din rekrytering" in easy
        assert "Fick du veta vilka du skulle träffa på intervjun?" in easy
        assert "Fick du information om vilka" not in easy

    def test_the_switch_links_name_each_language_in_it_and_mark_the_current_one(self, client):
        (token,) = candidate_links(1).values()
        page = client.get(url(token, "en")).content.decode()
        nav = re.search(r'<nav class="survey-languages".*?</nav>', page, re.S).group(0)
        assert 'aria-label="Språk"' in nav or 'aria-label="' in nav
        assert re.search(r'<a [^>]*href="\?lang=sv" lang="sv" hreflang="sv"[^>]*>Svenska</a>', nav)
        assert re.search(r'<a [^>]*href="\?lang=en" lang="en" hreflang="en"[^>]*aria-current="true">English</a>',
                         nav)
        assert re.search(r'<a [^>]*href="\?lang=sv-easy" lang="sv"[^>]*>Lättläst svenska</a>', nav)
        # the form posts back in the chosen language
        assert 'action="?lang=en"' in page

    def test_a_version_without_easy_swedish_offers_only_swedish_and_english(self, client):
        _inv, token = invitation_with_token()
        page = client.get(url(token)).content.decode()
        assert ">English</a>" in page and "Lättläst svenska" not in page

    def test_a_blank_translation_shows_the_swedish_text(self, client):
        _inv, token = invitation_with_token()
        version = version_for("customer", timezone.localdate().year)
        version.questions.filter(key="cooperation").update(text_en="")
        SurveyVersion.objects.filter(pk=version.pk).update(intro_en="")
        page = client.get(url(token, "en")).content.decode()
        assert "bra samarbete" in page  # not written in English: the Swedish
        assert "a well-planned recruitment" in page  # written: the English
        assert "Tack för att du tar dig tid" in page  # the intro falls back too

    def test_the_choice_is_remembered_for_this_survey_only(self, client):
        (token,) = candidate_links(1).values()
        response = client.get(url(token, "en"))
        cookie = response.cookies["sfr_enkatsprak"]
        assert cookie.value == "en" and cookie["path"] == url(token) and cookie["httponly"]
        again = client.get(url(token)).content.decode()  # the plain link from the e-mail
        assert html_lang(again) == "en" and "Candidate survey" in again

    def test_an_unknown_language_and_the_browsers_language_are_ignored(self, client):
        (token,) = candidate_links(1).values()
        page = client.get(url(token, "fi"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert html_lang(page) == "sv" and "<h1>Kandidatenkät" in page

    def test_switching_mid_form_keeps_the_typed_answers_and_stores_nothing(self, client):
        (token,) = candidate_links(1).values()
        typed = {"info_interviewers": "ja", "ad_clear": "nej", "comment": "Bra process", "_lang": "en"}
        page = client.post(url(token), typed)
        html = page.content.decode()
        assert page.status_code == 200 and html_lang(html) == "en"
        assert "Were you told whom you would meet at the interview?" in html
        assert re.search(r'name="info_interviewers" id="q-info_interviewers-ja" value="ja"[^>]* checked', html)
        assert re.search(r'name="ad_clear" id="q-ad_clear-nej" value="nej"[^>]* checked', html)
        assert ">Bra process</textarea>" in html
        assert 'class="field-error"' not in html  # a switch is not a submission: no errors shown
        assert 'action="?lang=en"' in html
        assert page.cookies["sfr_enkatsprak"].value == "en"
        assert not Response.objects.exists() and not SpentToken.objects.exists()
        # back to Swedish from a form that posts to ?lang=en, in a browser without the cookie
        client.cookies.clear()
        back = client.post(url(token, "en"), {"ad_clear": "nej", "_lang": "sv"})
        assert back.cookies["sfr_enkatsprak"].value == "sv" and html_lang(back.content.decode()) == "sv"
        assert 'action="?lang=sv"' in back.content.decode()
        # the link still works, now in English
        assert client.post(url(token, "en"), candidate_data()).status_code == 302

    @pytest.mark.usefixtures("english_catalogue")
    def test_the_answer_is_stored_and_the_thank_you_page_follows_the_language(self, client):
        (token,) = candidate_links(1).values()
        response = client.post(url(token, "en"), candidate_data())
        assert response.status_code == 302 and response.url == reverse("public_surveys:thanks") + "?lang=en"
        thanks = client.get(response.url).content.decode()
        assert html_lang(thanks) == "en" and "Thank you for your answer" in thanks
        assert Response.objects.filter(kind="candidate").count() == 1

    @pytest.mark.usefixtures("english_catalogue")
    def test_the_chrome_and_the_errors_follow_the_language(self, client):
        _inv, token = invitation_with_token()
        page = client.get(url(token, "en")).content.decode()
        assert "Send answer" in page and ">Yes</label>" in page and ">Ja</label>" not in page
        errors = client.post(url(token, "en"), customer_data(planning="")).content.decode()
        assert "Please answer the question." in errors and "Svara på frågan." not in errors
        easy = client.get(url(token, "sv-easy")).content.decode()  # easy Swedish: the Swedish chrome
        assert "Skicka svar" in easy and html_lang(easy) == "sv"

    @pytest.mark.usefixtures("english_catalogue")
    def test_the_stale_link_page_in_english(self, client):
        page = client.get(url("ingen-sadan-lank", "en"))
        html = page.content.decode()
        assert page.status_code == 410 and html_lang(html) == "en"
        assert "This link can no longer be used" in html and "Länken går inte längre" not in html
        # an answered link opened from an English e-mail
        _inv, token = invitation_with_token()
        assert client.post(url(token, "en"), customer_data()).status_code == 302
        used = client.get(url(token, "en"))
        assert used.status_code == 410 and "This link can no longer be used" in used.content.decode()
        # the same link remembers English (its cookie); another browser gets Swedish
        assert "This link can no longer be used" in client.get(url(token)).content.decode()
        client.cookies.clear()
        assert "Länken går inte längre att använda" in client.get(url(token)).content.decode()

    def test_the_staff_preview_shows_each_language(self, client, coordinator):
        client.force_login(coordinator)
        version = SurveyVersion.objects.get(kind="six_month", year=2025)
        preview = reverse("surveys:version_preview", args=[version.pk])
        assert "How well does your new employee match" in client.get(preview + "?lang=en").content.decode()
        assert "Hur bra passar din nya medarbetare" in client.get(preview + "?lang=sv-easy").content.decode()
        kept = client.post(preview, {"match": "7", "_lang": "en"}).content.decode()
        assert re.search(r'value="7"[^>]* checked', kept) and "How well does" in kept


class TestTheEmail:
    @pytest.mark.usefixtures("english_catalogue")
    def test_an_english_contact_gets_the_invitation_in_english_with_an_english_link(self):
        contact = ContactFactory(name="Alex Manager", language=Language.EN)
        assignment = AssignmentFactory(contact=contact, organisation=contact.organisation, role_title="Controller",
                                       status=Status.CLOSED_NOT_HIRED)
        inv = due_invitation(assignment=assignment, contact=contact)
        dispatch.outbox_dispatch()
        (message,) = mail.outbox
        assert message.subject == "How did the recruitment of Controller go?"
        token = tokens.token_for(Invitation.objects.get(pk=inv.pk).token_salt)
        assert message.body.startswith("Hello Alex Manager!")
        assert "Answer the survey:" in message.body and "Svara på enkäten" not in message.body
        assert f"/s/{token}/?lang=en" in message.body
        html = message.alternatives[0][0]
        assert f'/s/{token}/?lang=en"' in html and "Hello Alex Manager!" in html and '<html lang="en">' in html
        assert message.extra_headers["List-Unsubscribe"].endswith(f"/s/avregistrera/{token}/?lang=en>")

    @pytest.mark.usefixtures("english_catalogue")
    def test_an_easy_swedish_contact_gets_the_swedish_mail_and_a_link_to_easy_swedish(self):
        contact = ContactFactory(name="Lisa Chef", language=Language.SV_EASY)
        assignment = AssignmentFactory(contact=contact, organisation=contact.organisation, role_title="Kock",
                                       status=Status.CLOSED_NOT_HIRED)
        inv = due_invitation(assignment=assignment, contact=contact, kind=SurveyKind.SIX_MONTH)
        dispatch.outbox_dispatch()
        (message,) = mail.outbox
        token = tokens.token_for(Invitation.objects.get(pk=inv.pk).token_salt)
        assert message.body.startswith("Hej Lisa Chef!")
        assert f"/s/{token}/?lang=sv-easy" in message.body

    @pytest.mark.usefixtures("english_catalogue")
    def test_a_swedish_contact_gets_the_swedish_mail_and_the_plain_link(self):
        contact = ContactFactory(name="Sven Chef")
        assert contact.language == Language.SV
        inv = due_invitation(assignment=AssignmentFactory(contact=contact, organisation=contact.organisation,
                                                          status=Status.CLOSED_NOT_HIRED), contact=contact)
        dispatch.outbox_dispatch()
        (message,) = mail.outbox
        token = tokens.token_for(Invitation.objects.get(pk=inv.pk).token_salt)
        assert message.subject.startswith("Hur tyckte du") and f"/s/{token}/\n" in message.body

    @pytest.mark.usefixtures("english_catalogue")
    def test_a_candidates_swedish_mail_points_to_the_form_in_english(self):
        """The hire records no language: the Swedish e-mail carries a line in English with the link."""
        (token,) = candidate_links(1).values()
        (message,) = [m for m in mail.outbox if m.to == ["kandidat0@example.se"]]
        assert message.body.startswith("Hej!")
        assert "This survey is also available in English:\nhttp" in message.body
        assert message.body.count(f"/s/{token}/?lang=en") == 1 and f"/s/{token}/\n" in message.body
        html = message.alternatives[0][0]
        assert '<html lang="sv">' in html and '<p lang="en">This survey is also available in English' in html

    @pytest.mark.usefixtures("english_catalogue")
    def test_the_unsubscribe_page_follows_the_links_language(self, client):
        page = client.get(reverse("public_surveys:unsubscribe", args=["x" * 43]) + "?lang=en").content.decode()
        assert html_lang(page) == "en" and "Unsubscribe from surveys" in page
        assert 'action="/s/avregistrera/' + "x" * 43 + '/?lang=en"' in page

    def test_the_contact_form_edits_the_language(self, client, coordinator):
        client.force_login(coordinator)
        contact = ContactFactory(organisation=OrganisationFactory(name="Trafikkontoret"))
        edit = reverse("reference:contact_edit", args=[contact.pk])
        page = client.get(edit).content.decode()
        assert 'name="language"' in page and "Lättläst svenska" in page
        data = {"organisation": contact.organisation_id, "name": contact.name, "email": contact.email,
                "phone": "", "role": contact.role, "language": "en", "email_status": "ok", "active": "on"}
        assert client.post(edit, data).status_code == 302
        assert Contact.objects.get(pk=contact.pk).language == "en"


class TestAnswersCountTheSame:
    def test_no_answer_table_has_a_language_column(self):
        for model in (Response, Answer, SpentToken):
            names = {f.name for f in model._meta.get_fields()} | {
                c.name for c in connection.introspection.get_table_description(connection.cursor(),
                                                                                model._meta.db_table)}
            assert not [n for n in names if "lang" in n.lower() or "sprak" in n.lower()], model

    def test_a_candidate_answer_in_english_is_stored_exactly_like_one_in_swedish(self, client):
        links = list(candidate_links(2).values())
        assert client.post(url(links[0]), candidate_data()).status_code == 302
        english = client.get(url(links[1], "en"))  # chosen by the link and remembered by the cookie
        assert english.status_code == 200
        assert client.post(url(links[1]), candidate_data()).status_code == 302
        rows = list(Response.objects.order_by("pk").values())
        assert len(rows) == 2
        for row in rows:
            row.pop("id")
        assert rows[0] == rows[1]
        answers = [sorted((a.pop("question_key"), tuple(sorted(a.items())))
                          for a in Answer.objects.filter(response_id=pk).values(
                              "question_key", "value_number", "value_text", "not_applicable"))
                   for pk in Response.objects.order_by("pk").values_list("pk", flat=True)]
        assert answers[0] == answers[1]

    def test_english_and_easy_swedish_answers_count_with_the_swedish_ones(self, client):
        year = timezone.localdate().year
        # five candidates, the fewest whose results are shown: split by language, none would be
        languages = ["sv", "sv", "en", "en", "sv-easy"]
        for token, language in zip(candidate_links(5).values(), languages, strict=True):
            values = {"ad_clear": "nej"} if language == "sv-easy" else {}
            assert client.post(url(token, language), candidate_data(**values)).status_code == 302
        for language, planning in (("sv", "10"), ("en", "7"), ("sv-easy", "4")):
            _inv, token = invitation_with_token()
            assert client.post(url(token, language), customer_data(planning=planning)).status_code == 302
        figures = kpi_report(year=year).to_json()
        assert figures["candidate"]["responses"] == 5
        assert figures["candidate"]["questions"]["ad_clear"] == {"yes_share": 0.8, "n": 5}
        assert figures["customer"]["responses"] == 3
        assert figures["customer"]["questions"]["planning"]["n"] == 3
        assert figures["customer"]["questions"]["planning"]["mean"] == pytest.approx(7.0)


class TestTheEditor:
    def test_a_coordinator_writes_and_clears_translations_on_the_version_page(self, client, coordinator):
        client.force_login(coordinator)
        version = SurveyVersion.objects.get(kind="six_month", year=2025)
        edit = reverse("surveys:version_edit", args=[version.pk])
        page = client.get(edit).content.decode()
        assert "How well does your new employee match the job they were hired for?" in page
        assert 'name="texts-title_easy"' in page and 'lang="en"' in page
        questions = list(version.questions.order_by("order"))
        data = {"form-TOTAL_FORMS": str(len(questions)), "form-INITIAL_FORMS": str(len(questions)),
                "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000",
                "texts-title_en": "Six months on", "texts-intro_en": "", "texts-stem_en": "",
                "texts-title_easy": "", "texts-intro_easy": "Hur går det?", "texts-stem_easy": ""}
        for i, q in enumerate(questions):
            data.update({f"form-{i}-id": q.pk, f"form-{i}-text": q.text, f"form-{i}-order": q.order,
                         f"form-{i}-required": "on" if q.required else "",
                         f"form-{i}-text_en": "How good is the match?" if q.key == "match" else q.text_en,
                         f"form-{i}-text_easy": "" if q.key == "match" else q.text_easy})
        assert client.post(edit, data).status_code == 302
        version.refresh_from_db()
        assert (version.title_en, version.intro_en, version.title_easy, version.intro_easy) == (
            "Six months on", "", "", "Hur går det?")
        match = version.questions.get(key="match")
        assert (match.text_en, match.text_easy) == ("How good is the match?", "")
        # what the respondent then sees: the new English, and the Swedish where easy Swedish was cleared
        preview = reverse("surveys:version_preview", args=[version.pk])
        assert "How good is the match?" in client.get(preview + "?lang=en").content.decode()
        easy = client.get(preview + "?lang=sv-easy").content.decode()
        assert "Hur väl matchar din nya medarbetare" in easy and "<h1>Uppföljning efter sex månader" in easy

    def test_a_post_without_the_translation_fields_leaves_them_alone(self, client, coordinator):
        client.force_login(coordinator)
        version = SurveyVersion.objects.get(kind="six_month", year=2025)
        questions = list(version.questions.order_by("order"))
        data = {"form-TOTAL_FORMS": str(len(questions)), "form-INITIAL_FORMS": str(len(questions)),
                "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000"}
        for i, q in enumerate(questions):
            data.update({f"form-{i}-id": q.pk, f"form-{i}-text": q.text, f"form-{i}-order": q.order})
        before = SurveyVersion.objects.filter(pk=version.pk).values("title_en", "intro_easy").get()
        assert client.post(reverse("surveys:version_edit", args=[version.pk]), data).status_code == 302
        assert SurveyVersion.objects.filter(pk=version.pk).values("title_en", "intro_easy").get() == before
        assert version.questions.get(key="match").text_en.startswith("How well does")

    def test_copying_a_version_copies_its_translations(self):
        from surveys.services.versions import version_copy

        old = SurveyVersion.objects.get(kind="candidate", year=2025)
        new = version_copy(version=old, year=2027)
        assert (new.title_en, new.intro_easy) == (old.title_en, old.intro_easy)
        assert [(q.key, q.text_en, q.text_easy) for q in new.questions.order_by("order")] == [
            (q.key, q.text_en, q.text_easy) for q in old.questions.order_by("order")]
