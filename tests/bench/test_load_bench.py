"""Benchmark: the load view against the trivial logged-in page, at 10,000 and at 50,000 assignments.

The data of tests/bench/generator.py (25 active consultants, a thousand assignments a year; ten years
with 10,000 assignments, then afresh fifty years with 50,000: the register grows by its history) on
PostgreSQL. At each size the load view (all consultants, and one unit) and the
trivial logged-in page (tests/bench/urls.py) take turns (server time, templates rendered as in a
server, tests/bench/timing.py) and their medians are printed. Asserts: the load view at most 4x
the trivial page at 10,000 assignments; one row per consultant whose open counts add up to the
open assignments; the same query count at both sizes as with three consultants in
tests/assignments/test_load.py (ten, with the capacity panel); and the ratio at 50,000
within 1.5x of the ratio at 10,000.

Run: `DATABASE_URL=postgres://... pytest -m bench tests/bench/test_load_bench.py -s`.
"""
import random
import time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from assignments.models import Assignment, Unit
from recruitment.roles import COORDINATOR
from tests.bench.generator import CONSULTANTS, LAST_YEAR, populate_afresh
from tests.bench.timing import interleaved_medians
from tests.factories import UserFactory

SIZES = (10_000, 50_000)
ROUNDS = 41
QUERIES = 10  # seven of the load view, three of the capacity panel (allocation/display.py; no profiles)
LIMIT = 4.0  # x the trivial page, at 10,000 assignments
GROWTH_LIMIT = 1.5  # ratio at 50,000 / ratio at 10,000


def measure(size: int) -> dict[str, float]:
    """{page: ratio to the trivial page} at `size` assignments; checks the rows and the query count."""
    started = time.perf_counter()
    populate_afresh(random.Random(20260501), assignments=size)
    setup_s = time.perf_counter() - started
    client = Client()
    client.force_login(UserFactory(username="bench-koordinator", roles=[COORDINATOR]))
    load_url = f"{reverse('reference:load')}?ar={LAST_YEAR}"
    client.get(load_url)
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        response = client.get(load_url)
    assert len(response.context["rows"]) == CONSULTANTS
    assert len(queries) == QUERIES, queries
    assert sum(r.open_total for r in response.context["rows"]) == Assignment.objects.open().count()
    unit = Unit.objects.order_by("name").first().pk
    pages = {"trivial": (client, reverse("bench_trivial")), "bare": (client, reverse("bench_bare")),
             "load": (client, load_url), "unit": (client, f"{load_url}&unit={unit}")}
    medians = {name: t.wall_ms for name, t in interleaved_medians(pages, rounds=ROUNDS).items()}
    trivial = medians["trivial"]
    print(
        f"\n[bench load view] {connection.vendor}; {Assignment.objects.count()} assignments, {CONSULTANTS} "
        f"consultants (set-up {setup_s:.1f} s); {len(queries)} queries; page {len(response.content) // 1024} KiB\n"
        f"  trivial logged-in page median: {trivial:.2f} ms (bare 'ok' response: {medians['bare']:.2f} ms)\n"
        f"  load view median:              {medians['load']:.2f} ms  ({medians['load'] / trivial:.2f}x, "
        f"target <= {LIMIT}x at {SIZES[0]})\n"
        f"  load view, one unit, median:   {medians['unit']:.2f} ms  ({medians['unit'] / trivial:.2f}x)"
    )
    return {name: medians[name] / trivial for name in ("load", "unit")}


@pytest.mark.bench
@pytest.mark.urls("tests.bench.urls")
@pytest.mark.django_db(transaction=True)  # the two sizes each start from an empty database
def test_load_view_against_a_trivial_page_at_two_sizes():
    if connection.vendor != "postgresql":
        pytest.skip("the benchmark runs on PostgreSQL")
    small, large = (measure(size) for size in SIZES)
    for name in small:
        print(f"[bench load view] {name}: {small[name]:.2f}x at {SIZES[0]}, {large[name]:.2f}x at {SIZES[1]} "
              f"(growth {large[name] / small[name]:.2f}, limit {GROWTH_LIMIT})")
    assert small["load"] <= LIMIT and small["unit"] <= LIMIT, small
    assert all(large[name] <= GROWTH_LIMIT * small[name] for name in small), (small, large)
