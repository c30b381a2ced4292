"""Type-ahead reads: customers, hiring managers and consultants whose names match typed text.

The register's search rule (assignments/search.py): every typed word must occur somewhere in the
name, in any order, ignoring case and accents. Punctuation is not part of a word, so the label a
form shows for a hiring manager, "Nina Norrmalm (Norrmalms stadsdelsförvaltning)", finds her again.
The same functions serve the suggestion endpoints (with JavaScript) and the form fields that
resolve a typed name on the server (without it).
"""
from __future__ import annotations

import re

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.lookups import Contains, StartsWith

from .models import Consultant, Contact, Organisation
from .search import MAX_WORDS, Folded, fold

LIMIT = 20  # suggestions shown at once; more matches ask for more letters


def typed_words(text: str) -> list[str]:
    """Folded words of the typed text, punctuation dropped, duplicates removed, at most MAX_WORDS."""
    seen: list[str] = []
    for word in re.findall(r"\w+", fold(text or "")):
        if word not in seen:
            seen.append(word)
    return seen[:MAX_WORDS]


def _matching(queryset: QuerySet, text: str, columns: tuple[str, ...]) -> QuerySet:
    """Rows where each word occurs in one of `columns`; names starting with the first word first."""
    words = typed_words(text)
    if not words:
        return queryset.none()
    for word in words:
        any_column = Q()
        for column in columns:
            any_column |= Q(Contains(Folded(F(column)), word))
        queryset = queryset.filter(any_column)
    starts = Case(When(StartsWith(Folded(F(columns[0])), words[0]), then=Value(0)), default=Value(1),
                  output_field=IntegerField())
    return queryset.annotate(typeahead_rank=starts).order_by("typeahead_rank", columns[0], "pk")


def organisations_matching(text: str, *, queryset: QuerySet | None = None) -> QuerySet:
    base = Organisation.objects.filter(active=True) if queryset is None else queryset
    return _matching(base, text, ("name",))


def contacts_matching(text: str, *, organisation=None, queryset: QuerySet | None = None) -> QuerySet:
    """Hiring managers by their own or their organisation's name; only `organisation`'s when given."""
    base = Contact.objects.filter(active=True) if queryset is None else queryset
    if organisation is not None:
        base = base.filter(organisation=organisation)
    return _matching(base.select_related("organisation"), text, ("name", "organisation__name"))


def consultants_matching(text: str, *, queryset: QuerySet | None = None) -> QuerySet:
    base = Consultant.objects.filter(active=True) if queryset is None else queryset
    return _matching(base, text, ("name",))
