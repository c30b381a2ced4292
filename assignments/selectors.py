"""Reads for the register's pages: each returns a queryset or plain data with its joins done once."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connections
from django.db.models import (
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from recruitment.compiled import model_rows

from .models import FINAL_STATUSES, Assignment, BillingKind, BillingLine, Consultant, Hire, Organisation, Package
from .search import InSubquery


def consultant_assignments_q(consultant) -> Q:
    """Lead or co-consultant, without a join that would duplicate rows or multiply sums.

    The co-assignments are read first (`InSubquery`), so that PostgreSQL combines the lead
    consultant's index with the primary key's (one bitmap scan); `pk IN (subquery)` beside an
    OR is checked row by row over the whole register.
    """
    co = Assignment.co_consultants.through.objects.filter(consultant=consultant).order_by().values("assignment_id")
    return Q(lead_consultant=consultant) | Q(InSubquery("pk", co))


def assignment_list() -> QuerySet[Assignment]:
    """The list page's rows before filters, sort and page.

    The invoiced amount is the assignment's own column, kept equal to the sum of the billing lines
    by the billing services: sorting by it reads an index instead of summing the lines of every
    assignment, and counting the filtered rows needs no join.
    """
    return Assignment.objects.all()


def assignment_list_rows(page: QuerySet[Assignment]) -> list[dict]:
    """One page of the list as flat dicts with only the columns it shows.

    Plain values rather than model instances: building 200 instances (with the joined
    customer, consultant and package) cost more than the rest of the page.
    """
    return list(page.values(*LIST_FIELDS, **_list_expressions()))


LIST_FIELDS = ("reference", "ordered_on", "role_title", "status")


def _list_expressions() -> dict:
    return {"invoiced": F("invoiced_total"), "organisation_name": F("organisation__name"),
            "consultant_name": F("lead_consultant__name"), "package_code": F("package__code"),
            "package_name": F("package__name")}


def assignment_list_ids(filtered: QuerySet[Assignment]) -> list[int]:
    """The ids of every row the filtered list selects, in the list's order.

    For a free-text search: the list's count is then the length of this list and its page the
    ids at the page's place, so the search runs once per request; counting and then reading a
    page ran it twice (each time folding the names of every matching customer and contact).
    """
    return list(filtered.values_list("pk", flat=True))


def assignment_list_rows_by_id(ids: list[int]) -> list[dict]:
    """The list's rows (as `assignment_list_rows`) of the assignments `ids`, in that order."""
    if not ids:
        return []
    place = {pk: i for i, pk in enumerate(ids)}
    found = list(Assignment.objects.filter(pk__in=ids).values("pk", *LIST_FIELDS, **_list_expressions()))
    found.sort(key=lambda row: place[row["pk"]])
    for row in found:
        del row["pk"]
    return found


def _billed(kind: str, value):
    # the lines that bill today: a line a credit has cancelled no longer counts
    lines = (BillingLine.objects.filter(assignment=OuterRef("pk"), kind=kind, credited_by__isnull=True)
             .order_by().values("assignment"))
    return Subquery(lines.annotate(total=Sum(value)).values("total")[:1])


def assignment_export() -> QuerySet[Assignment]:
    """Every column the exports write: the import's, with the package line's amount and the add-ons."""
    return (
        Assignment.objects.select_related("organisation", "contact", "lead_consultant", "package", "project")
        .annotate(invoiced=F("invoiced_total"),
                  package_amount=_billed(BillingKind.PACKAGE, F("quantity") * F("unit_price")),
                  extra_hours_billed=_billed(BillingKind.EXTRA_HOURS, "quantity"),
                  references_billed=_billed(BillingKind.REFERENCES, "quantity"))
    )


# Swedish alphabetical order: ... x y z å ä ö (code points would put ä before å).
SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}"})


def swedish_key(text: str) -> str:
    return text.casefold().translate(SWEDISH_ORDER)


def _filter_choices_query() -> QuerySet:
    text = CharField()

    def rows(model, kind, label, sort):
        return model.objects.order_by().annotate(
            choice_kind=Value(kind, output_field=text), choice_label=label, choice_sort=sort
        ).values_list("choice_kind", "pk", "choice_label", "choice_sort")

    return rows(Consultant, "consultant", F("name"), F("name")).union(
        rows(Organisation, "organisation", F("name"), F("name")),
        rows(Package, "package", F("name"), F("name")),
        all=True,
    )


# The union's SQL has no parameters that vary, so the ORM compiles it once per database
# (compiling took five times as long as running it); the rows are read on every request.
_filter_choices_sql: dict[str, tuple[str, tuple]] = {}


def filter_choices() -> dict[str, list[tuple[int, str]]]:
    """Consultants, customers and packages for the list's filters, read in one query."""
    connection = connections[Assignment.objects.db]
    compiled = _filter_choices_sql.get(connection.alias)
    if compiled is None:
        query = _filter_choices_query().query
        compiled = _filter_choices_sql[connection.alias] = query.get_compiler(connection=connection).as_sql()
    with connection.cursor() as cursor:
        cursor.execute(*compiled)
        found = cursor.fetchall()
    choices: dict[str, list] = {"consultant": [], "organisation": [], "package": []}
    for kind, pk, label, sort in found:
        choices[kind].append((swedish_key(sort), pk, label))
    return {kind: [(pk, label) for _key, pk, label in sorted(rows)] for kind, rows in choices.items()}


def assignment_detail(*, reference: str) -> Assignment:
    return get_object_or_404(
        Assignment.objects.select_related(
            "organisation", "contact", "lead_consultant", "package", "project", "redo_of"
        ).prefetch_related("co_consultants", "redos").annotate(invoiced=F("invoiced_total")),
        reference=reference,
    )


def hire_count_expression():
    hires = Hire.objects.filter(assignment=OuterRef("pk")).order_by().values("assignment").annotate(
        n=Count("pk")).values("n")
    return Coalesce(Subquery(hires, output_field=IntegerField()), Value(0))


def my_open_assignments(*, consultant: Consultant) -> list[Assignment]:
    """The open assignments a consultant leads or co-works, with customer, package and hire count, oldest
    order first (compiled once per consultant: recruitment/compiled.py)."""
    return model_rows(("assignments.my_open", consultant.pk), lambda: (
        Assignment.objects.open().filter(consultant_assignments_q(consultant))
        .select_related("organisation", "package").annotate(hire_count=hire_count_expression())
        .order_by("ordered_on", "reference")
    ))


def my_recently_closed(*, consultant: Consultant, days: int = 90, limit: int = 25) -> list[Assignment]:
    """The assignments a consultant led or co-worked closed in the last `days` days, the latest first
    (compiled once per consultant and day)."""
    from .services import today

    since = today() - dt.timedelta(days=days)
    return model_rows(("assignments.my_recently_closed", consultant.pk, since, limit), lambda: (
        Assignment.objects.filter(status__in=FINAL_STATUSES, closed_on__gte=since)
        .filter(consultant_assignments_q(consultant))
        .select_related("organisation", "package").annotate(hire_count=hire_count_expression())
        .order_by("-closed_on", "-reference")[:limit]
    ))


# --- change history -------------------------------------------------------------

HIDDEN_FIELDS = {"id", "version", "created_at", "updated_at", "amount", "assignment"}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: dt.datetime
    who: str
    subject: str
    action: str  # in Swedish, agreeing with the subject: "Uppdraget skapat", "Tillsättning: … skapad"
    changes: list[FieldChange] = field(default_factory=list)
    kind: str = "~"  # simple_history's history_type: + created, ~ changed, - deleted


def _who(record) -> str:
    user = record.history_user
    if user is None:
        return _("Systemet")
    return user.get_full_name() or user.username


def _tracked_fields(model):
    """The model's fields that its history records (not those it excludes, e.g. a hire's e-mail)."""
    recorded = {f.name for f in model.history.model._meta.concrete_fields}
    return [f for f in model._meta.concrete_fields if f.name not in HIDDEN_FIELDS and f.name in recorded]


def _related_names(model, records) -> dict:
    """{(model field name, pk): str} for every foreign key value seen in the records, one query per model."""
    names: dict = {}
    for f in _tracked_fields(model):
        if not f.is_relation:
            continue
        ids = {getattr(r, f.attname) for r in records} - {None}
        if ids:
            for pk, obj in f.related_model._default_manager.in_bulk(ids).items():
                names[(f.name, pk)] = str(obj) if not isinstance(obj, Assignment) else obj.reference
    return names


def _display(f, value, names) -> str:
    if value is None or value == "":
        return "—"
    if f.is_relation:
        return names.get((f.name, value), str(value))
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal | float | int):
        return number_format(value, use_l10n=True, force_grouping=True)  # Swedish: 12,5 and 24 500,00
    return str(value)


ACTIONS = {
    # Swedish participles agree with the subject's gender: "Uppdraget skapat", "Tillsättningen skapad".
    "common": {"+": _("Skapad"), "~": _("Ändrad"), "-": _("Borttagen")},
    "neuter": {"+": _("Skapat"), "~": _("Ändrat"), "-": _("Borttaget")},
}


def _action(record, gender: str) -> str:
    return ACTIONS[gender][record.history_type]


def _entries(model, records, subject, extra=None, gender: str = "common") -> list[HistoryEntry]:
    """Pair each record with the previous one of the same object and list what differs."""
    names = _related_names(model, records)
    fields = _tracked_fields(model)
    previous: dict = {}
    last_entry: dict = {}
    entries: list[HistoryEntry] = []
    for record in records:
        before = previous.get(record.id)
        entry = HistoryEntry(record.history_date, _who(record), subject(record), _action(record, gender),
                             kind=record.history_type)
        if before is not None and record.history_type == "~":
            for f in fields:
                old, new = getattr(before, f.attname), getattr(record, f.attname)
                if old != new:
                    entry.changes.append(
                        FieldChange(str(f.verbose_name).capitalize(), _display(f, old, names), _display(f, new, names))
                    )
            if extra:
                entry.changes.extend(extra(before, record))
        previous[record.id] = record
        last = last_entry.get(record.id)
        if record.history_type == "~" and last is not None and _same_save(last, entry):
            _merge(last, entry)  # one save can write several records (fields, then co-consultants)
        elif entry.changes or record.history_type != "~":
            entries.append(entry)
            last_entry[record.id] = entry
    return [e for e in entries if e.changes or e.kind != "~"]


def _same_save(a: HistoryEntry, b: HistoryEntry) -> bool:
    return a.who == b.who and abs((b.when - a.when).total_seconds()) < 2


def _merge(into: HistoryEntry, entry: HistoryEntry) -> None:
    """Fold a later entry's changes into an earlier one: first old value, last new value per field."""
    if into.kind == "+":
        return  # what was set right after creation belongs to the creation
    for change in entry.changes:
        same = next((c for c in into.changes if c.label == change.label), None)
        if same is None:
            into.changes.append(change)
        else:
            same.new = change.new
    into.changes = [c for c in into.changes if c.old != c.new]


def assignment_history(*, assignment: Assignment) -> list[HistoryEntry]:
    """Who changed what and when, for the assignment, its billing lines and its hires; newest first."""
    records = list(
        assignment.history.select_related("history_user")
        .prefetch_related("historicalassignment_co_consultants_set").order_by("history_date", "history_id")
    )
    co_ids = {t.consultant_id for r in records for t in r.historicalassignment_co_consultants_set.all()}
    consultants = Consultant.objects.in_bulk(co_ids)
    label = str(Assignment._meta.get_field("co_consultants").verbose_name).capitalize()

    def co_names(record):
        rows = record.historicalassignment_co_consultants_set.all()
        return sorted(str(consultants.get(t.consultant_id, "")) for t in rows)

    def co_change(before, record):
        old, new = co_names(before), co_names(record)
        if old == new:
            return []
        return [FieldChange(label, ", ".join(old) or "—", ", ".join(new) or "—")]

    entries = _entries(Assignment, records, lambda r: _("Uppdraget"), co_change, gender="neuter")
    lines = list(
        BillingLine.history.filter(assignment_id=assignment.pk).select_related("history_user")
        .order_by("history_date", "history_id")
    )
    entries += _entries(BillingLine, lines, lambda r: _("Debiteringsrad: %(d)s") % {"d": r.description})
    hires = list(
        Hire.history.filter(assignment_id=assignment.pk).select_related("history_user")
        .order_by("history_date", "history_id")
    )
    entries += _entries(Hire, hires, lambda r: _("Tillsättning: %(n)s") % {"n": r.name})
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries
