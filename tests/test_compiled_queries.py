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
