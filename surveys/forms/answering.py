"""The answer form as plain data for the template: one entry per question, with its options."""
from __future__ import annotations

from django.utils.translation import gettext as _

from surveys import languages
from surveys.models import Question, QuestionType
from surveys.services.answering import NOT_APPLICABLE, SCALE_RANGES

SCALE_HINTS = {
    QuestionType.SCALE_1_10: lambda: _("1 = lägst, 10 = högst"),
    QuestionType.SCALE_0_10: lambda: _("0 = inte alls sannolikt, 10 = mycket sannolikt"),
}


def is_statement(question: Question) -> bool:
    """Statements completing the version's stem start in lower case ("väl planerad rekrytering")."""
    return bool(question.text) and question.text[0].islower()


def question_numbers(questions: list[Question]) -> dict[str, str]:
    """The number each question shows: 1, 2, 3 … for the questions everyone answers, and the number
    of the question it depends on plus a letter ("10 a") for a conditional one, so that hiding a
    conditional question leaves no gap in the numbering."""
    numbers: dict[str, str] = {}
    letters: dict[str, int] = {}
    n = 0
    for question in questions:
        parent = (question.condition or {}).get("key")
        if parent in numbers:
            letters[parent] = letters.get(parent, 0) + 1
            numbers[question.key] = f"{numbers[parent]} {'abcdefghij'[min(letters[parent], 10) - 1]}"
        else:
            n += 1
            numbers[question.key] = str(n)
    return numbers


def form_fields(questions: list[Question], *, values=None, errors=None, stem: str = "",
                language: str = languages.SWEDISH) -> list[dict]:
    """The form's fields with the questions' texts and choice labels in `language` (Swedish where
    not written); `stem` is already in that language. The values stay the Swedish ones."""
    values = values or {}
    errors = errors or {}
    numbers = question_numbers(questions)
    total = sum(1 for number in numbers.values() if number.isdigit())
    by_key = {q.key: q for q in questions}
    fields = []
    for question in questions:
        n = numbers[question.key]
        key = question.key
        value = (values.get(key) or "").strip() if hasattr(values, "get") else ""
        field = {
            "question": question, "text": languages.translated(question, "text", language),
            "key": key, "number": n, "total": total, "value": value,
            "error": errors.get(key), "id": f"q-{key}",
            "stem": stem if is_statement(question) else "", "is_text": False, "hint": "",
            "options": [], "condition_key": "", "condition_equals": "", "condition_hint": "",
        }
        options: list[tuple[str, str]] = []
        if question.qtype in SCALE_RANGES:
            low, high = SCALE_RANGES[question.qtype]
            options = [(str(i), str(i)) for i in range(low, high + 1)]
            field["hint"] = SCALE_HINTS[question.qtype]()
            field["scale"] = True
        elif question.qtype == QuestionType.YES_NO:
            options = [("ja", _("Ja")), ("nej", _("Nej"))]
        elif question.qtype == QuestionType.CHOICE:
            options = list(zip(question.choices or [], languages.choice_labels(question, language), strict=True))
        else:
            field["is_text"] = True
        if question.allow_not_applicable and question.qtype in SCALE_RANGES:
            options.append((NOT_APPLICABLE, _("Ej aktuellt")))
        field["options"] = [
            {"value": v, "label": label, "id": f"q-{key}-{v}", "checked": value.lower() == v.lower()}
            for v, label in options
        ]
        field["anchor"] = field["options"][0]["id"] if field["options"] else field["id"]
        condition = question.condition or {}
        if condition.get("key") in by_key:
            equals = str(condition.get("equals", ""))
            field["condition_key"] = condition["key"]
            field["condition_equals"] = equals
            field["condition_hint"] = _("Besvara bara om du svarade %(answer)s på fråga %(number)s.") % {
                "answer": {"ja": _("Ja"), "nej": _("Nej")}.get(equals.lower(), equals),
                "number": numbers[condition["key"]],
            }
        field["stem_first"] = bool(field["stem"]) and not (fields and fields[-1]["stem"])
        field["describedby"] = " ".join(
            part for part, present in (
                (f"{field['id']}-hint", field["hint"]), (f"{field['id']}-condition", field["condition_hint"]),
                (f"{field['id']}-error", field["error"]),
            ) if present
        )
        fields.append(field)
    return fields


def error_list(fields: list[dict]) -> list[dict]:
    return [{"anchor": f["anchor"], "number": f["number"], "message": f["error"]} for f in fields if f["error"]]
