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

import json
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone

from recruitment.pdfs import template_pdf

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
        columns = [f.name for f in model._meta.concrete_fields
                   if (isinstance(f, TEXT_FIELDS) and not f.choices) or isinstance(f, models.JSONField)]
        if columns:
            yield model, columns


def _as_text(value) -> str:
    """A text column's value, or a JSON column's value as its JSON text (what icontains searched)."""
    if value is None or isinstance(value, str):
        return value or ""
    return json.dumps(value, ensure_ascii=False)


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
            texts = {name: getattr(row, name) for name in columns
                     if term.lower() in _as_text(getattr(row, name)).lower()}
            found.mentions.append(Row(model._meta.label, row.pk, texts))
    return found


def subject_extract(term: str, *, by) -> Findings:
    found = subject_find(term)
    DataRequest.objects.create(kind=DataRequest.Kind.EXTRACT, requested_by=by,
                               counts={"records": len(found.records), "mentions": len(found.mentions)})
    return found


def _history_of(model, pks: list) -> tuple[type[models.Model], models.QuerySet] | None:
    """The history rows of the given rows of a model with a change history (django-simple-history)."""
    label = f"{model._meta.app_label}.Historical{model.__name__}"
    if label not in PERSON_FIELDS or not pks:
        return None
    history = apps.get_model(label)
    return history, history.objects.filter(id__in=pks)


def _cut(value, pattern: re.Pattern):
    """The value with the pattern cut out of every string in it (a JSON value's strings too)."""
    if isinstance(value, str):
        return pattern.sub(CUT, value)
    if isinstance(value, list):
        return [_cut(v, pattern) for v in value]
    if isinstance(value, dict):
        return {_cut(k, pattern): _cut(v, pattern) for k, v in value.items()}
    return value


def _erase_one(term: str, counts: dict[str, int], *, addresses_only: bool = False) -> set[str]:
    """Anonymise the records of one term and cut it out of every mention; returns the e-mail addresses the
    records held (so that an erasure by name also erases the person's addresses elsewhere, e.g. the outbox).
    `addresses_only`: only the records that are an address and nothing more (an e-mail in the outbox, an
    invitation), never another person's record that shares the address (a shared HR mailbox)."""
    emails: set[str] = set()
    for label, model, rows, erase in _person_querysets(term):
        if addresses_only and (label not in PERSON_FIELDS or PERSON_FIELDS[label][1]):
            continue
        pks = list(rows.values_list("pk", flat=True))
        email_fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.EmailField)]
        for values in rows.values(*email_fields) if email_fields else []:
            emails.update(v for v in values.values() if v)
        for pk in pks:
            values = {name: value(pk) if callable(value) else value for name, value in erase.items()}
            counts["records"] += model.objects.filter(pk=pk).update(**values)
            if model is get_user_model():
                user = model.objects.get(pk=pk)
                user.set_unusable_password()
                user.save(update_fields=["password"])
        history = _history_of(model, pks)
        if history is not None:  # the rows' own history, whatever it matched on (a hire's history has no e-mail)
            history_model, history_rows = history
            _email, _name, erase_history = PERSON_FIELDS[history_model._meta.label]
            for history_pk in list(history_rows.values_list("pk", flat=True)):
                values = {name: value(history_pk) if callable(value) else value
                          for name, value in erase_history.items()}
                counts["records"] += history_model.objects.filter(pk=history_pk).update(**values)
    pattern = re.compile(re.escape(term), re.IGNORECASE)
    for model, columns in _text_columns():
        if addresses_only:  # another person's address field holding a shared address stays theirs
            columns = [c for c in columns if not isinstance(model._meta.get_field(c), models.EmailField)]
            if not columns:
                continue
        q = models.Q()
        for name in columns:
            q |= models.Q(**{f"{name}__icontains": term})
        for row in model.objects.filter(q).only("pk", *columns):
            changed = {name: _cut(getattr(row, name), pattern) for name in columns
                       if getattr(row, name) and pattern.search(_as_text(getattr(row, name)))}
            if changed:
                model.objects.filter(pk=row.pk).update(**changed)
                counts["mentions"] += 1
    return {e for e in emails if e.lower() != term.lower() and "@invalid.invalid" not in e}


@transaction.atomic
def subject_erase(term: str, *, by) -> dict[str, int]:
    """Anonymise the person's records and cut the term out of every mention; returns the counts. An erasure
    by name erases the e-mail addresses the person's records held as well."""
    term = term_check(term)
    counts = {"records": 0, "mentions": 0}
    for email in sorted(_erase_one(term, counts)):
        _erase_one(email, counts, addresses_only=True)
    DataRequest.objects.create(kind=DataRequest.Kind.ERASURE, requested_by=by, counts=counts)
    return counts


def extract_pdf(found: Findings) -> bytes:
    return template_pdf("retention/extract_pdf.html", {"found": found, "made": timezone.localtime()},
                        stylesheet="css/invoice-pdf.css")
