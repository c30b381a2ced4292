"""The English the survey-language tests expect, read from the project's own catalogue (locale/en).

The fixture checks that the catalogue gives each of these entries the English the tests look for on the
pages and in the e-mails, so a page that shows them has used the real catalogue.
"""
from __future__ import annotations

import pytest
from django.utils import translation

ENGLISH = {
    "Länken går inte längre att använda": "This link can no longer be used",
    "Skicka svar": "Send answer",
    "Tack för ditt svar": "Thank you for your answer",
    "Svara på frågan.": "Please answer the question.",
    "Ja": "Yes",
    "Nej": "No",
    "Hej %(name)s!": "Hello %(name)s!",
    "Svara på enkäten:": "Answer the survey:",
    "Svara på enkäten": "Answer the survey",
    "Hur tyckte du att rekryteringen av %(role)s gick?": "How did the recruitment of %(role)s go?",
    "Avregistrera dig från enkäter": "Unsubscribe from surveys",
}


@pytest.fixture
def english_catalogue():
    """The catalogue's English for `ENGLISH` (each entry checked against locale/en)."""
    with translation.override("en"):
        assert {swedish: translation.gettext(swedish) for swedish in ENGLISH} == ENGLISH
    return ENGLISH
