"""recruitment.compiled: a report query is built and compiled once per key, and every call reads the data anew."""
import datetime as dt

import pytest
from django.db.models import Count, F, Min, Q, Sum, Value

from assignments.models import Assignment
from recruitment import compiled
from tests.factories import AssignmentFactory

pytestmark = pytest.mark.django_db


def _query(built: list):
    def build():
        built.append(1)
        return (Assignment.objects.order_by().annotate(one=Value(1)).values("one")
                .annotate(n=Count("id", filter=Q(ordered_on__year=2025)), screened=Sum("screened_candidates")))
    return build


def test_a_compiled_query_is_built_once_per_key_and_reads_the_rows_of_each_call():
    compiled.clear()
    AssignmentFactory(ordered_on=dt.date(2025, 3, 1), screened_candidates=4)
    AssignmentFactory(ordered_on=dt.date(2024, 3, 1), screened_candidates=3)
    built = []
    assert compiled.values_rows(("test", 2025), _query(built)) == [{"one": 1, "n": 1, "screened": 7}]
    AssignmentFactory(ordered_on=dt.date(2025, 9, 1), screened_candidates=10)
    assert compiled.values_rows(("test", 2025), _query(built)) == [{"one": 1, "n": 2, "screened": 17}]
    assert len(built) == 1  # the second call ran the kept SQL
    compiled.values_rows(("test", 2024), _query(built))
    assert len(built) == 2  # another key, another query


def test_a_compiled_grouped_query_gives_the_same_rows_as_the_queryset_converters_included():
    compiled.clear()
    AssignmentFactory(ordered_on=dt.date(2025, 3, 1))
    AssignmentFactory(ordered_on=dt.date(2025, 3, 9))
    AssignmentFactory(ordered_on=dt.date(2024, 5, 2))

    def build():
        return Assignment.objects.values("ordered_on__year").order_by("ordered_on__year").annotate(
            n=Count("id"), first=Min("ordered_on"))

    assert compiled.values_rows("grouped", build) == list(build()) == [
        {"ordered_on__year": 2024, "n": 1, "first": dt.date(2024, 5, 2)},
        {"ordered_on__year": 2025, "n": 2, "first": dt.date(2025, 3, 1)},
    ]


def test_compiled_tuples_come_in_the_fields_order_as_the_queryset_gives_them():
    compiled.clear()
    AssignmentFactory(ordered_on=dt.date(2025, 3, 1), screened_candidates=4)
    AssignmentFactory(ordered_on=dt.date(2024, 5, 2), screened_candidates=3)

    def build():
        return (Assignment.objects.annotate(twice=F("screened_candidates") * 2).order_by("ordered_on")
                .values_list("twice", "ordered_on", "screened_candidates"))

    def single():
        return Assignment.objects.order_by("ordered_on").values_list("ordered_on")

    assert compiled.values_tuples("tuples", build) == list(build()) == [
        (6, dt.date(2024, 5, 2), 3), (8, dt.date(2025, 3, 1), 4)]
    assert compiled.values_tuples("single", single) == list(single()) == [(dt.date(2024, 5, 2),),
                                                                          (dt.date(2025, 3, 1),)]


def test_model_instances_built_from_compiled_rows_equal_what_the_queryset_builds():
    """A page reads model instances through a compiled query: model_fields selects their columns, instance
    builds them (None where an outer join found nothing), as select_related would have."""
    from assignments.models import Consultant, Unit
    from tests.factories import ConsultantFactory

    compiled.clear()
    ConsultantFactory(name="Med enhet", unit=Unit.objects.order_by("name").first())
    ConsultantFactory(name="Utan enhet", unit=None)

    def build():
        return Consultant.objects.order_by("name").values(*compiled.model_fields(Consultant),
                                                          *compiled.model_fields(Unit, "unit__"))

    rows = compiled.values_rows("people", build)
    expected = list(Consultant.objects.select_related("unit").order_by("name"))
    built = [compiled.instance(Consultant, row) for row in rows]
    assert built == expected
    for mine, theirs in zip(built, expected, strict=True):
        assert {f.attname: getattr(mine, f.attname) for f in Consultant._meta.concrete_fields} == {
            f.attname: getattr(theirs, f.attname) for f in Consultant._meta.concrete_fields}
        assert not mine._state.adding and mine._state.db == "default"
    units = [compiled.instance(Unit, row, "unit__") for row in rows]
    assert units == [expected[0].unit, None] and units[0].name == expected[0].unit.name


def test_compiled_model_rows_are_the_querysets_instances_with_their_joins_and_annotations():
    """model_rows runs a kept SQL and builds the instances as the queryset would: select_related objects cached
    (no query when read), annotations set, a slice kept; each call reads the data anew."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    compiled.clear()
    AssignmentFactory(ordered_on=dt.date(2025, 3, 1), screened_candidates=4)
    AssignmentFactory(ordered_on=dt.date(2024, 3, 1), screened_candidates=3)
    built = []

    def build():
        built.append(1)
        return (Assignment.objects.select_related("organisation", "package").annotate(twice=Sum("screened_candidates"))
                .order_by("ordered_on")[:5])

    rows = compiled.model_rows("rows", build)
    assert rows == list(build())
    assert [a.twice for a in rows] == [3, 4]
    with CaptureQueriesContext(connection) as queries:
        assert [a.organisation.name for a in rows] == [a.organisation.name for a in build()][:2]
        assert all(a.package.code for a in rows)
    assert len(queries) == 1  # only the queryset's own; the compiled rows read their joins without a query
    AssignmentFactory(ordered_on=dt.date(2023, 1, 1), screened_candidates=1)
    assert [a.twice for a in compiled.model_rows("rows", build)] == [1, 3, 4]
    assert len(built) == 3  # compiled once; the other two were the comparisons above
