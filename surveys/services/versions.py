"""Survey versions: a new year's version is a copy of an earlier one, edited before use."""
from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from surveys.models import Question, SurveyVersion

COPIED_FIELDS = ("key", "text", "qtype", "required", "order", "choices", "condition", "allow_not_applicable",
                 "requires_interviews", "requires_tests", "text_en", "text_easy", "choices_en", "choices_easy")
VERSION_TEXTS = ("title", "intro", "stem", "title_en", "intro_en", "stem_en", "title_easy", "intro_easy", "stem_easy")
# The texts of a version and of a question in the respondent's other languages (`surveys.languages`).
TRANSLATED_VERSION_TEXTS = ("title_en", "intro_en", "stem_en", "title_easy", "intro_easy", "stem_easy")
TRANSLATED_QUESTION_TEXTS = ("text_en", "text_easy")


class VersionError(Exception):
    pass


def version_copy(*, version: SurveyVersion, year: int) -> SurveyVersion:
    """A new version of the same kind from `year` on, with every question copied.

    Earlier answers keep pointing at their own version, so nothing they show changes.
    """
    if SurveyVersion.objects.filter(kind=version.kind, year=year).exists():
        raise VersionError(_("Det finns redan en version från %(year)s.") % {"year": year})
    with transaction.atomic():
        new = SurveyVersion.objects.create(kind=version.kind, year=year,
                                           **{f: getattr(version, f) for f in VERSION_TEXTS})
        Question.objects.bulk_create(
            Question(version=new, **{f: getattr(q, f) for f in COPIED_FIELDS}) for q in version.questions.all()
        )
    return new


def version_has_responses(version: SurveyVersion) -> bool:
    return version.responses.exists()


def questions_update(*, version: SurveyVersion, changes: list[dict], delete: list[int] = (),
                     add: dict | None = None) -> None:
    """Change question texts, required and order; add or remove questions only while unanswered.

    `changes`: dicts with id, text, required, order, and optionally the translations text_en and
    text_easy (blank: not written). `add`: key, text, qtype, required, order (and translations).
    """
    answered = version_has_responses(version)
    if (delete or add) and answered:
        raise VersionError(_("Versionen har svar: frågor kan inte läggas till eller tas bort. "
                             "Kopiera den till ett nytt år i stället."))
    with transaction.atomic():
        questions = {q.pk: q for q in version.questions.select_for_update()}
        for change in changes:
            question = questions.get(change["id"])
            if question is None or change["id"] in delete:
                continue
            question.text, question.required, question.order = change["text"], change["required"], change["order"]
            fields = ["text", "required", "order"]
            for name in TRANSLATED_QUESTION_TEXTS:
                if name in change:
                    setattr(question, name, (change[name] or "").strip())
                    fields.append(name)
            question.save(update_fields=fields)
        if delete:
            version.questions.filter(pk__in=delete).delete()
        if add:
            if version.questions.filter(key=add["key"]).exists():
                raise VersionError(_("Nyckeln %(key)s finns redan i versionen.") % {"key": add["key"]})
            Question.objects.create(version=version, **add)


def version_translations_update(*, version: SurveyVersion, texts: dict) -> None:
    """Write the version's title, intro and stem in English and easy-to-read Swedish (blank: not
    written, the form shows the Swedish). Allowed on an answered version: answers do not depend
    on the language they were given in."""
    fields = [name for name in TRANSLATED_VERSION_TEXTS if name in texts]
    for name in fields:
        setattr(version, name, (texts[name] or "").strip())
    if fields:
        version.save(update_fields=fields)


def version_edit(*, version: SurveyVersion, changes: list[dict], delete: list[int] = (), add: dict | None = None,
                 translations: dict | None = None) -> None:
    """The version editor's save: `questions_update` and `version_translations_update` together."""
    with transaction.atomic():
        questions_update(version=version, changes=changes, delete=delete, add=add)
        if translations:
            version_translations_update(version=version, texts=translations)
