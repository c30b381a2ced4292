"""Report queries compiled once per process: `values_rows(key, build)`.

A report query with dozens of filtered aggregates (one per indicator and period) costs Django
more to resolve and compile than PostgreSQL needs to run it; its SQL depends only on what the
caller names in `key` (the periods' dates, the scope's ids, the indicators' parameters), never
on the data. So the queryset is built and compiled the first time a key is seen, and afterwards
only its SQL is run, the rows going through the same compiler (the ORM's converters: dates,
decimals) as a queryset's would. The cache holds the last `MAX_ENTRIES` keys. A page that needs model
instances selects their columns (`model_fields`) and builds them from the rows (`instance`), or, for a
queryset of instances with select_related, asks `model_rows`, which builds them as the queryset would.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from operator import itemgetter

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.db.models.query import ModelIterable, get_related_populators

MAX_ENTRIES = 256

_compiled: OrderedDict = OrderedDict()
_lock = threading.Lock()
_MISSING = object()


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


def _entry(full_key: tuple, compile_: Callable[[], object]):
    """The compiled entry kept under `full_key`, compiled (and kept, the least recently used dropped) on first
    use. An entry may be None: a query Django found can match nothing (EmptyResultSet), kept as such."""
    with _lock:
        entry = _compiled.get(full_key, _MISSING)
        if entry is not _MISSING:
            _compiled.move_to_end(full_key)
    if entry is _MISSING:
        entry = compile_()
        with _lock:
            _compiled[full_key] = entry
            while len(_compiled) > MAX_ENTRIES:
                _compiled.popitem(last=False)
    return entry


def _run(connection, compiler, sql: str, params: tuple):
    """The rows of a kept SQL, converted by its compiler as the queryset would, in select order."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        results = [cursor.fetchall()]
    return compiler.results_iter(results=results)


def _results(key: Hashable, build: Callable[[], QuerySet], using: str):
    """(the compiled entry, the converted rows in select order), or (None, []) for a query that matches nothing."""
    connection = connections[using]
    entry = _entry((using, connection.vendor, key), lambda: _compile(build, using))
    if entry is None:  # a filter that can match nothing (Django raised EmptyResultSet)
        return None, []
    compiler, sql, params = entry[:3]
    return entry, _run(connection, compiler, sql, params)


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


def _compile_models(build: Callable[[], QuerySet], using: str):
    queryset = build()
    if queryset._prefetch_related_lookups or queryset._iterable_class is not ModelIterable:
        raise ValueError("model_rows() takes a queryset of model instances without prefetch_related")
    compiler = queryset.query.get_compiler(using)
    try:
        sql, params = compiler.as_sql()  # also fills the compiler's select, klass_info and annotation_col_map
    except EmptyResultSet:
        return None
    klass_info, select = compiler.klass_info, compiler.select
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    init_list = [column[0].target.attname for column in select[start:end]]
    return (compiler, sql, tuple(params), klass_info["model"], init_list, (start, end),
            get_related_populators(klass_info, select, using), dict(compiler.annotation_col_map or {}))


def model_rows(key: Hashable, build: Callable[[], QuerySet], *, using: str = DEFAULT_DB_ALIAS) -> list:
    """list(build()) for a queryset of model instances (select_related and annotations as the queryset
    builds them; no prefetch_related), compiled once per `key`, which must determine its SQL entirely."""
    connection = connections[using]
    entry = _entry((using, connection.vendor, "models", key), lambda: _compile_models(build, using))
    if entry is None:
        return []
    compiler, sql, params, model, init_list, (start, end), populators, annotations = entry
    objects = []
    for row in _run(connection, compiler, sql, params):  # as ModelIterable builds them
        obj = model.from_db(using, init_list, row[start:end])
        for populator in populators:
            populator.populate(row, obj)
        for name, position in annotations.items():
            setattr(obj, name, row[position])
        objects.append(obj)
    return objects


def model_fields(model, prefix: str = "") -> list[str]:
    """The values() names of a model's stored columns, through `prefix` for a joined model ("unit__"):
    a values_rows query that selects them gives rows that `instance` turns back into models."""
    return [f"{prefix}{f.attname}" for f in model._meta.concrete_fields]


def instance(model, row: dict, prefix: str = ""):
    """The `model` instance a queryset (or select_related, for a `prefix`) would have built from a row holding
    model_fields(model, prefix); None where an outer join found no row."""
    names = [f.attname for f in model._meta.concrete_fields]
    if row[prefix + model._meta.pk.attname] is None:
        return None
    return model.from_db(DEFAULT_DB_ALIAS, names, [row[prefix + name] for name in names])


def clear() -> None:
    """Forget every compiled query (tests)."""
    with _lock:
        _compiled.clear()
