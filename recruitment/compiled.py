"""Report queries compiled once per process: `values_rows(key, build)`.

A report query with dozens of filtered aggregates (one per indicator and period) costs Django
more to resolve and compile than PostgreSQL needs to run it; its SQL depends only on what the
caller names in `key` (the periods' dates, the scope's ids, the indicators' parameters), never
on the data. So the queryset is built and compiled the first time a key is seen, and afterwards
only its SQL is run, the rows going through the same compiler (the ORM's converters: dates,
decimals) as a queryset's would. The cache holds the last `MAX_ENTRIES` keys.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from operator import itemgetter

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

MAX_ENTRIES = 256

_compiled: OrderedDict = OrderedDict()
_lock = threading.Lock()


def _names(query) -> list[str]:
    """The names of a values() row's columns, in the order ValuesIterable gives them."""
    if query.selected:
        return list(query.selected)
    return [*query.extra_select, *query.values_select, *query.annotation_select]


def _compile(build: Callable[[], QuerySet], using: str):
    queryset = build()
    query = queryset.query
    compiler = query.get_compiler(using)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    # the columns in select order, and a values_list()'s fields in its own order
    return compiler, sql, tuple(params), _names(query), tuple(queryset._fields)


def _results(key: Hashable, build: Callable[[], QuerySet], using: str):
    """(the compiled entry, the converted rows in select order), or (None, []) for a query that matches nothing."""
    connection = connections[using]
    full_key = (using, connection.vendor, key)
    with _lock:
        entry = _compiled.get(full_key)
        if entry is not None:
            _compiled.move_to_end(full_key)
    if entry is None:
        entry = _compile(build, using)
        with _lock:
            _compiled[full_key] = entry
            while len(_compiled) > MAX_ENTRIES:
                _compiled.popitem(last=False)
    if entry is None:  # a filter that can match nothing (Django raised EmptyResultSet)
        return None, []
    compiler, sql, params = entry[:3]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        results = [cursor.fetchall()]
    return entry, compiler.results_iter(results=results)


def values_rows(key: Hashable, build: Callable[[], QuerySet], *, using: str = DEFAULT_DB_ALIAS) -> list[dict]:
    """list(build()) for a values() queryset, as dicts. `key` must determine the queryset's SQL and
    parameters entirely (two querysets with one key must be the same query)."""
    entry, rows = _results(key, build, using)
    return [] if entry is None else [dict(zip(entry[3], row, strict=True)) for row in rows]


def values_tuples(key: Hashable, build: Callable[[], QuerySet], *, using: str = DEFAULT_DB_ALIAS) -> list[tuple]:
    """list(build()) for a values_list() queryset, as tuples in its fields' order (as `values_rows`)."""
    entry, rows = _results(key, build, using)
    if entry is None:
        return []
    names, fields = entry[3], entry[4]
    if not fields or list(fields) == names:
        return [tuple(row) for row in rows]
    order = itemgetter(*(names.index(name) for name in fields))
    return [order(row) for row in rows] if len(fields) > 1 else [(order(row),) for row in rows]


def clear() -> None:
    """Forget every compiled query (tests)."""
    with _lock:
        _compiled.clear()
