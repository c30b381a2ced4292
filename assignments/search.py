"""The register's free-text search: every word must match somewhere, in any order, ignoring case and accents.

A word matches the reference, the role, the customer's, the hiring manager's, the lead consultant's or
the volume project's name. Texts are compared folded: accents removed, then upper-cased (`sf_fold`; on
PostgreSQL an immutable SQL function over `unaccent`, migration 0009, which also puts a trigram index
on every searched column; since 0017 ASCII-only text skips `unaccent`, which leaves it unchanged; since
0021 in PL/pgSQL, a fifth of the time per row, and PARALLEL RESTRICTED, so a search is never planned with
parallel workers, whose start cost more than the search; on SQLite the same rule as a Python function
registered per connection).
Customers, contacts, consultants and projects are matched in their own tables first, so the
assignments need no joins and each branch of the OR has an index.
"""
from __future__ import annotations

import unicodedata

from django.db.backends.signals import connection_created
from django.db.models import BooleanField, F, Func, Q, Subquery, TextField
from django.db.models.lookups import Contains

from .models import Assignment, Consultant, Contact, Organisation, Project

FOLD_FUNCTION = "sf_fold"
MAX_WORDS = 8


def fold(text: str) -> str:
    """Accents removed, then upper case: "Åsa Öberg" -> "ASA OBERG" (the SQL function's rule)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


class Folded(Func):
    function = FOLD_FUNCTION
    output_field = TextField()


def register_sqlite_fold(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            FOLD_FUNCTION, 1, lambda value: None if value is None else fold(value), deterministic=True)


connection_created.connect(register_sqlite_fold, dispatch_uid="assignments.search.fold")


class InSubquery(Func):
    """`column IN (subquery)`; on PostgreSQL `column = ANY(ARRAY(subquery))`.

    PostgreSQL runs the ARRAY form once, first, and can then combine the column's index with
    the other conditions of an OR (one bitmap scan); `IN (subquery)` under an OR is checked
    row by row, so the whole table is scanned.
    """

    arity = 2
    output_field = BooleanField()

    def __init__(self, column: str, queryset):
        super().__init__(F(column), Subquery(queryset))

    def as_sql(self, compiler, connection, template="%(column)s IN %(subquery)s", **extra):
        column, subquery = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        subquery_sql, subquery_params = compiler.compile(subquery)  # "(SELECT ...)"
        return template % {"column": column_sql, "subquery": subquery_sql}, (*column_params, *subquery_params)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="%(column)s = ANY(ARRAY%(subquery)s)", **extra)


def words(value: str) -> list[str]:
    """The query's words, folded, duplicates dropped, at most MAX_WORDS."""
    seen: list[str] = []
    for word in fold(value).split():
        if word not in seen:
            seen.append(word)
    return seen[:MAX_WORDS]


def _contains(column: str, word: str) -> Q:
    return Q(Contains(Folded(F(column)), word))


def word_q(word: str) -> Q:
    """One folded word anywhere in the searched columns."""
    def matching(model):
        return model.objects.filter(_contains("name", word)).order_by().values("pk")

    return (
        _contains("reference", word) | _contains("role_title", word)
        | Q(InSubquery("organisation", matching(Organisation))) | Q(InSubquery("contact", matching(Contact)))
        | Q(InSubquery("lead_consultant", matching(Consultant))) | Q(InSubquery("project", matching(Project)))
    )


def _matching_ids(found: list[str]):
    """The ids of the assignments every word of `found` (folded) matches: a queryset of one column."""
    q = Q()
    for word in found:
        q &= word_q(word)
    return Assignment.objects.filter(q).order_by().values("pk")


# Stand-ins for the words in the search's SQL compiled once per database and number of words (building
# the twelve subqueries of two words with the ORM cost more than running them); letters only, as folded.
_STAND_INS = [f"SFWORDSTANDIN{chr(ord('A') + i)}" for i in range(MAX_WORDS)]
_compiled: dict[tuple[str, int, bool], tuple[str, tuple]] = {}


def _compile(found: list[str], connection, in_place: bool) -> tuple[str, tuple]:
    """The words' search as SQL in parentheses: the ids subquery, or (`in_place`) its condition alone, on
    the rows of the table `assignments_assignment` (the assignment table's name, unaliased)."""
    query = _matching_ids(found).query
    compiler = query.get_compiler(connection=connection)
    sql, params = compiler.compile(query.where) if in_place else compiler.as_sql()
    return f"({sql})", tuple(params)


def _search_sql(found: list[str], connection, in_place: bool) -> tuple[str, tuple]:
    """`_compile` of the words, from SQL compiled once per number of words with stand-ins, each call's words
    put in its parameters; the words compiled themselves if a stand-in is not found as expected."""
    key = (connection.alias, len(found), in_place)
    if key not in _compiled:
        _compiled[key] = _compile(_STAND_INS[:len(found)], connection, in_place)
    sql, params = _compiled[key]
    prep = connection.ops.prep_for_like_query
    values = {f"%{prep(stand_in)}%": f"%{prep(word)}%" for stand_in, word in zip(_STAND_INS, found, strict=False)}
    if sum(param in values for param in params) != 6 * len(found):  # six columns per word
        return _compile(found, connection, in_place)
    return sql, tuple(values.get(param, param) for param in params)


class MatchingIds(Func):
    """`pk IN (the ids every word matches)` (on PostgreSQL `= ANY(ARRAY(...))`, as `InSubquery`), the
    subquery's SQL compiled once per number of words (`_search_sql`)."""

    arity = 1
    output_field = BooleanField()

    def __init__(self, found: list[str]):
        super().__init__(F("pk"))
        self.found = list(found)

    def as_sql(self, compiler, connection, template="%(column)s IN %(subquery)s", **extra):
        column_sql, column_params = compiler.compile(self.get_source_expressions()[0])
        subquery_sql, subquery_params = _search_sql(self.found, connection, in_place=False)
        return template % {"column": column_sql, "subquery": subquery_sql}, (*column_params, *subquery_params)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="%(column)s = ANY(ARRAY%(subquery)s)", **extra)


class MatchingRows(MatchingIds):
    """The words' condition on the query's own rows (each column through its index, one bitmap scan), for a
    query that reads every matching row: at 50,000 matches the ids' detour (`MatchingIds`) looked each
    match up again by its primary key, half the time. Not for a query that stops early (a page, a
    cursor): PostgreSQL may then walk the list's order and fold every row until it has enough. Falls
    back to `MatchingIds` in a query whose assignment table has another alias (a subquery)."""

    def as_sql(self, compiler, connection, **extra):
        query = compiler.query
        if query.model is not Assignment or query.base_table != Assignment._meta.db_table:
            return super().as_sql(compiler, connection, **extra)
        return _search_sql(self.found, connection, in_place=True)

    def as_postgresql(self, compiler, connection, **extra):
        query = compiler.query
        if query.model is not Assignment or query.base_table != Assignment._meta.db_table:
            return super().as_postgresql(compiler, connection, **extra)
        return _search_sql(self.found, connection, in_place=True)


def text_q(value: str, *, in_place: bool = False) -> Q:
    """Every word of the query matches somewhere (AND of the words, OR of the columns).

    The matching assignments are found first, on their own (`MatchingIds`: each column through its
    index, one bitmap scan), and the list then keeps those ids. Written as one condition beside the
    list's order, PostgreSQL would walk the list in its order and fold every row's texts until a
    page is full: for a rare word, the whole register. A query that reads every match (the list's
    ids, in order) asks for the condition `in_place` (`MatchingRows`).
    """
    found = words(value)
    if not found:
        return Q()
    return Q(MatchingRows(found) if in_place else MatchingIds(found))
