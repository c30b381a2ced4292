"""A person's data request: the register extract (registerutdrag) and erasure, by e-mail or full name.

`subject_find(term)` finds everything stored about a person, in two kinds:
- records: the rows that ARE the person (a contact, a hire, a consultant, a user, an order's
  orderer, an invitation's or an e-mail's address), matched exactly (case-insensitive) on their
  e-mail or name fields, history rows included;
- mentions: any other text column of any table (history, free-text answers, notes, e-mail texts,
  the admin's log) that contains the e-mail or the name.
`subject_erase(term)` anonymises the records (names become "Anonymiserad", e-mails and phones are
emptied; a consultant's unique e-mail and a user's username get a placeholder; a user is made
inactive without a usable password) and cuts the term out of every mention. The register's own
history of who changed what stays (a user row is kept, anonymised), the person's name in it does
not. Requests are recorded (`DataRequest`) with who asked and the counts, never the term.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models, transaction

from .models import DataRequest
from .rules import OUTBOX_ERASED

ANONYMOUS = "Anonymiserad"
CUT = "[borttaget]"

# label: (fields matched against an e-mail, fields matched against a name, {field: erased value})
# An erased value may be a callable of the row's pk (unique columns).
PERSON_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], dict]] = {
    "assignments.Contact": (("email",), ("name",), {"name": ANONYMOUS, "email": "", "phone": ""}),
    "assignments.HistoricalContact": (("email",), ("name",), {"name": ANONYMOUS, "email": "", "phone": ""}),
    "assignments.Hire": (("email",), ("name",), {"name": ANONYMOUS, "email": ""}),
    "assignments.HistoricalHire": ((), ("name",), {"name": ANONYMOUS}),
    "assignments.Consultant": (("email",), ("name",),
                               {"name": ANONYMOUS, "email": lambda pk: f"anonymiserad-{pk}@invalid.invalid"}),
    "assignments.HistoricalConsultant": (("email",), ("name",),
                                         {"name": ANONYMOUS, "email": lambda pk: f"anonymiserad-{pk}@invalid.invalid"}),
    "orders.Order": (("email",), ("contact_name",), {"contact_name": ANONYMOUS, "email": "", "phone": ""}),
    "orders.HistoricalOrder": (("email",), ("contact_name",), {"contact_name": ANONYMOUS, "email": "", "phone": ""}),
    "orders.OrderMessage": (("sent_to",), (), {"sent_to": ""}),
    "surveys.Invitation": (("email",), (), {"email": ""}),
    "surveys.OutboxEmail": (("to",), (), OUTBOX_ERASED),
    "surveys.LocalMail": (("to",), (), {"to": "", "subject": "", "text": "", "html": ""}),
}
TEXT_FIELDS = (models.CharField, models.TextField)
SKIPPED_APPS = {"sessions", "contenttypes", "django_celery_beat", "retention"}


class SubjectError(ValueError):
    """A search term that cannot name one person (Swedish message)."""


def term_check(term: str) -> str:
    term = " ".join((term or "").split())
    if "@" in term:
        if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", term):
            raise SubjectError("Det ser inte ut som en e-postadress.")
        return term
    if len(term.split()) < 2 or len(term) < 5:
        raise SubjectError("Ange en e-postadress eller hela namnet (för- och efternamn).")
    return term


def _user_model_fields():
    user_model = get_user_model()
    return user_model, {"username": lambda pk: f"anonymiserad-{pk}", "first_name": "", "last_name": "",
                        "email": "", "is_active": False}


@dataclass
class Row:
    table: str
    pk: object
    fields: dict


@dataclass
class Findings:
    term: str
    records: list[Row] = field(default_factory=list)
    mentions: list[Row] = field(default_factory=list)

    def to_json(self) -> dict:
        as_dicts = lambda rows: [{"table": r.table, "id": r.pk, "fields": r.fields} for r in rows]  # noqa: E731
        return {"term": self.term, "records": as_dicts(self.records), "mentions": as_dicts(self.mentions)}


def _value(value):
    return value if isinstance(value, str | int | float | bool | type(None)) else str(value)


def _person_querysets(term: str):
    is_email = "@" in term
    for label, (email_fields, name_fields, erase) in PERSON_FIELDS.items():
        model = apps.get_model(label)
        matched = email_fields if is_email else name_fields
        if not matched:
            continue
        q = models.Q()
        for name in matched:
            q |= models.Q(**{f"{name}__iexact": term})
        yield label, model, model.objects.filter(q), erase
    user_model, erase = _user_model_fields()
    if is_email:
        q = models.Q(email__iexact=term)
    else:
        first, _, last = term.partition(" ")
        q = models.Q(first_name__iexact=first, last_name__iexact=last)
    yield user_model._meta.label, user_model, user_model.objects.filter(q), erase


def _text_columns():
    for model in apps.get_models():
        if model._meta.app_label in SKIPPED_APPS or not model._meta.managed:
            continue
        columns = [f.name for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS) and not f.choices]
        if columns:
            yield model, columns


def subject_find(term: str) -> Findings:
    term = term_check(term)
    found = Findings(term=term)
    seen: set[tuple[str, object]] = set()
    for label, model, rows, _erase in _person_querysets(term):
        for row in rows:
            data = {f.name: _value(getattr(row, f.attname)) for f in model._meta.concrete_fields
                    if f.name not in ("password",)}
            found.records.append(Row(label, row.pk, data))
            seen.add((label, row.pk))
    for model, columns in _text_columns():
        q = models.Q()
        for name in columns:
            q |= models.Q(**{f"{name}__icontains": term})
        for row in model.objects.filter(q).only("pk", *columns):
            if (model._meta.label, row.pk) in seen:
                continue
            texts = {name: getattr(row, name) for name in columns if term.lower() in (getattr(row, name) or "").lower()}
            found.mentions.append(Row(model._meta.label, row.pk, texts))
    return found


def subject_extract(term: str, *, by) -> Findings:
    found = subject_find(term)
    DataRequest.objects.create(kind=DataRequest.Kind.EXTRACT, requested_by=by,
                               counts={"records": len(found.records), "mentions": len(found.mentions)})
    return found


@transaction.atomic
def subject_erase(term: str, *, by) -> dict[str, int]:
    """Anonymise the person's records and cut the term out of every mention; returns the counts."""
    term = term_check(term)
    counts = {"records": 0, "mentions": 0}
    for _label, model, rows, erase in _person_querysets(term):
        for pk in list(rows.values_list("pk", flat=True)):
            values = {name: value(pk) if callable(value) else value for name, value in erase.items()}
            counts["records"] += model.objects.filter(pk=pk).update(**values)
            if model is get_user_model():
                user = model.objects.get(pk=pk)
                user.set_unusable_password()
                user.save(update_fields=["password"])
    pattern = re.compile(re.escape(term), re.IGNORECASE)
    for model, columns in _text_columns():
        q = models.Q()
        for name in columns:
            q |= models.Q(**{f"{name}__icontains": term})
        for row in model.objects.filter(q).only("pk", *columns):
            changed = {name: pattern.sub(CUT, getattr(row, name)) for name in columns
                       if getattr(row, name) and pattern.search(getattr(row, name))}
            if changed:
                model.objects.filter(pk=row.pk).update(**changed)
                counts["mentions"] += 1
    DataRequest.objects.create(kind=DataRequest.Kind.ERASURE, requested_by=by, counts=counts)
    return counts


def extract_pdf(found: Findings) -> bytes:
    from pathlib import Path

    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.template.loader import render_to_string
    from django.utils import timezone, translation
    from weasyprint import CSS, HTML  # heavy import, only when a PDF is made

    with translation.override("sv"):
        html = render_to_string("retention/extract_pdf.html", {"found": found, "made": timezone.localtime()})
    stylesheet = finders.find("css/invoice-pdf.css") or str(Path(settings.BASE_DIR) / "static" / "css/invoice-pdf.css")
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=[CSS(filename=stylesheet)])
