"""Benchmark: the register list against the trivial logged-in page, at 10,000 and at 50,000 assignments.

The data of tests/bench/generator.py (25 consultants, a thousand assignments a year; ten years with
10,000 assignments and 30,000 responses, then afresh fifty years with 50,000 and 150,000: the
register grows by its history) on PostgreSQL. At each size the list pages and the
trivial logged-in page (tests/bench/urls.py) take turns (server time, templates rendered as in a
server, tests/bench/timing.py) and their medians are printed. Asserts: every list page at most
4x the trivial page at 10,000 assignments; the same fixed query count at both sizes (six, seven
with a consultant chosen); and each page's ratio at 50,000 within 1.5x of its ratio at 10,000.

Run: `DATABASE_URL=postgres://... pytest -m bench -s tests/bench/test_register_bench.py`.
"""
import random
import statistics
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from assignments.models import Assignment, Consultant
from recruitment.roles import MANAGER
from tests.bench.generator import LAST_YEAR, populate_afresh
from tests.bench.timing import interleaved_medians
from tests.factories import UserFactory

SIZES = (10_000, 50_000)
ROUNDS = 31
LIMIT = 4.0  # x the trivial page, at 10,000 assignments
GROWTH_LIMIT = 1.5  # ratio at 50,000 / ratio at 10,000


def queries_and_sql_ms(client, url: str) -> tuple[int, float]:
    """The number of queries of one request and the median SQL time of five, in ms."""
    sql = []
    for _ in range(5):
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        sql.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
    return len(queries), statistics.median(sql)


def measure(size: int) -> tuple[dict[str, float], dict[str, int]]:
    """({page: ratio to the trivial page}, {page: queries}) at `size` assignments."""
    started = time.perf_counter()
    populate_afresh(random.Random(7), assignments=size)
    print(f"\n[bench] {connection.vendor}: {Assignment.objects.count()} assignments "
          f"in {time.perf_counter() - started:.1f} s")
    client = Client()
    client.force_login(UserFactory(username="benchchef", roles=[MANAGER]))
    busy = Consultant.objects.filter(led_assignments__isnull=False).order_by("pk").first()
    pages = {
        "list, first page": "/uppdrag/",
        "list, filtered (status+year+sector)": f"/uppdrag/?status=selection&year={LAST_YEAR}&sector=skola",
        "list, free text": "/uppdrag/?q=chef+123",
        "list, consultant (lead or co)": f"/uppdrag/?consultant={busy.pk}",
        "list, sorted by invoiced, page 20": "/uppdrag/?o=-invoiced&page=20",
    }
    medians = interleaved_medians({name: (client, url) for name, url in
                                   {"trivial": "/bench/trivial/", "bare": "/bench/bare/", **pages}.items()},
                                  rounds=ROUNDS)
    trivial, bare = medians["trivial"], medians["bare"]
    print(f"[bench] trivial logged-in page: median {trivial.wall_ms:.2f} ms (Python CPU {trivial.cpu_ms:.2f} ms); "
          f"bare 'ok': {bare.wall_ms:.2f} ms; {ROUNDS} rounds, pages taking turns")
    ratios, counts = {}, {}
    for name, url in pages.items():
        timing, (queries, sql_ms) = medians[name], queries_and_sql_ms(client, url)
        ratios[name], counts[name] = timing.wall_ms / trivial.wall_ms, queries
        print(f"[bench] {size} assignments, {name}: median {timing.wall_ms:.2f} ms (SQL {sql_ms:.1f} ms, "
              f"Python CPU {timing.cpu_ms:.1f} ms), {queries} queries, {ratios[name]:.1f}x the trivial page")
    return ratios, counts


@pytest.mark.bench
@pytest.mark.urls("tests.bench.urls")
@pytest.mark.django_db(transaction=True)  # the two sizes each start from an empty database
def test_list_page_against_a_trivial_page_at_two_sizes():
    if connection.vendor != "postgresql":
        pytest.skip("the benchmark runs on PostgreSQL")
    (small, small_counts), (large, large_counts) = (measure(size) for size in SIZES)
    for name in small:
        print(f"[bench] {name}: {small[name]:.1f}x at {SIZES[0]}, {large[name]:.1f}x at {SIZES[1]} "
              f"(growth {large[name] / small[name]:.2f}, limit {GROWTH_LIMIT}); target <= {LIMIT}x")
    expected = {name: 7 if "consultant" in name else 6 for name in small}
    assert small_counts == expected and large_counts == expected, (small_counts, large_counts)
    assert all(ratio <= LIMIT for ratio in small.values()), small
    assert all(large[name] <= GROWTH_LIMIT * small[name] for name in small), (small, large)
