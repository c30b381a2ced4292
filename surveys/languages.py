"""The languages a respondent reads a survey in: Swedish, English and easy-to-read Swedish.

The texts of a version (title, intro, stem) and of its questions (text, choice labels) are stored
in Swedish, with one column per other language beside each (`title_en`, `title_easy`, ...): a
blank column means "not written" and the Swedish text is shown instead. Columns rather than one
JSON of translations: there are two fixed other languages, the staff editor edits them as plain
fields, the answer page's one query reads them as plain columns, and a missing translation is
simply blank.

The page chrome (buttons, errors, the thank-you and stale-link pages) and the e-mails follow the
gettext catalogue of the Django language `chrome_language` gives: English for English, Swedish
for both kinds of Swedish.

The language is never stored with an answer: a response or answer row is the same whatever
language it was given in (a candidate's language would single them out).
"""
from __future__ import annotations

from assignments.models import Language

SWEDISH, ENGLISH, EASY_SWEDISH = Language.SV.value, Language.EN.value, Language.SV_EASY.value
LANGUAGES = (SWEDISH, ENGLISH, EASY_SWEDISH)
# Each language's name in that language, and its `lang` attribute, for the switch on the form.
NAMES = {SWEDISH: "Svenska", ENGLISH: "English", EASY_SWEDISH: "Lättläst svenska"}
HTML_LANG = {SWEDISH: "sv", ENGLISH: "en", EASY_SWEDISH: "sv"}
_SUFFIX = {ENGLISH: "_en", EASY_SWEDISH: "_easy"}


def language_or_none(value) -> str | None:
    """`value` if it names a respondent language, else None."""
    return value if isinstance(value, str) and value in LANGUAGES else None


def chrome_language(language: str) -> str:
    """The Django language whose catalogue renders the page chrome and e-mails for `language`."""
    return ENGLISH if language == ENGLISH else SWEDISH


def translated(obj, field: str, language: str) -> str:
    """`obj.<field>` in `language`: its translation column when written, else the Swedish text."""
    suffix = _SUFFIX.get(language)
    if suffix:
        text = getattr(obj, field + suffix, "") or ""
        if text.strip():
            return text
    return getattr(obj, field)


def choice_labels(question, language: str) -> list[str]:
    """The label of each of the question's choices in `language` (the Swedish choice where blank)."""
    choices = list(question.choices or [])
    suffix = _SUFFIX.get(language)
    labels = list(getattr(question, "choices" + suffix, None) or []) if suffix else []
    return [labels[i] if i < len(labels) and str(labels[i]).strip() else choice
            for i, choice in enumerate(choices)]


def written_in(version, questions, language: str) -> bool:
    """Whether the department has written any of the version's texts in `language`."""
    suffix = _SUFFIX.get(language)
    if suffix is None:
        return True
    if any((getattr(version, field + suffix) or "").strip() for field in ("title", "intro", "stem")):
        return True
    return any((getattr(q, "text" + suffix) or "").strip() for q in questions)


def languages_offered(version, questions) -> list[str]:
    """The languages the form's switch offers: Swedish, and the others the version is written in."""
    return [language for language in LANGUAGES if written_in(version, questions, language)]
