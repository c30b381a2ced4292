"""Benchmark: the goal chain page /mal/2025/ at 10,000 and at 50,000 assignments on PostgreSQL.

The data come from the one generator (tests/bench/generator.py: `populate(rng, assignments=N,
responses=3*N)`, ten years up to 2025) with the monthly survey summary rebuilt as after the
services' commits; the plan is the seeded 2025 plan (every kind of indicator). Each size is
loaded in a savepoint and rolled back before the next. For each size it prints the median server
time of /mal/2025/ and of the trivial logged-in page (tests/bench/urls.py), the pages taking
turns in the same run, their ratio and the page's query count.

Asserts: the page takes at most 10x the trivial page at 10,000 assignments; its query count is
the same at 10,000 and at 50,000; and its median at 50,000 is at most 1.5x its median at 10,000.
Run with `pytest -m bench tests/bench/test_goals_bench.py -s` (DATABASE_URL on PostgreSQL).
"""
import random
import time

import pytest
from django.db import connection, transaction
from django.test import Client

from assignments.models import Assignment
from recruitment.roles import MANAGER
from reporting.survey_months import survey_months_rebuild
from surveys.models import Response
from tests.bench.generator import populate
from tests.bench.timing import interleaved_medians
from tests.factories import UserFactory

SIZES = (10_000, 50_000)
ROUNDS = 40
PAGE = "/mal/2025/?tertial=T2"
MAX_RATIO = 10
MAX_GROWTH = 1.5


def _queries(client: Client, url: str) -> int:
    seen = []
    with connection.execute_wrapper(lambda execute, sql, *args: seen.append(sql) or execute(sql, *args)):
        assert client.get(url).status_code == 200
    return len(seen)


def _measure(client: Client, size: int) -> dict:
    rng = random.Random(20251204 + size)
    started = time.perf_counter()
    populate(rng, assignments=size, responses=3 * size)
    survey_months_rebuild(months=Response.objects.dates("submitted_on", "month"))
    setup = time.perf_counter() - started
    queries = _queries(client, PAGE)
    timings = interleaved_medians({"trivial": (client, "/bench/trivial/"), "goals": (client, PAGE)}, rounds=ROUNDS)
    trivial, goals = timings["trivial"].wall_ms, timings["goals"].wall_ms
    print(f"\n[bench goals] {connection.vendor}; {Assignment.objects.count()} assignments, "
          f"{Response.objects.count()} responses (set-up {setup:.0f} s); {ROUNDS} rounds each\n"
          f"  trivial logged-in page median: {trivial:.2f} ms\n"
          f"  {PAGE} median: {goals:.2f} ms (ratio {goals / trivial:.2f}x, target <= {MAX_RATIO}x); "
          f"{queries} queries")
    return {"trivial": trivial, "goals": goals, "queries": queries}


@pytest.mark.bench
@pytest.mark.urls("tests.bench.urls")
@pytest.mark.django_db
def test_the_goal_chain_against_a_trivial_page_at_10000_and_50000_assignments():
    if connection.vendor != "postgresql":
        pytest.skip("the bench runs on PostgreSQL")
    client = Client()
    client.force_login(UserFactory(username="bench-chef", roles=[MANAGER]))
    results = {}
    for size in SIZES:
        savepoint = transaction.savepoint()
        try:
            results[size] = _measure(client, size)
        finally:
            transaction.savepoint_rollback(savepoint)
    small, large = results[SIZES[0]], results[SIZES[1]]
    growth = large["goals"] / small["goals"]
    print(f"  {SIZES[1]} vs {SIZES[0]} assignments: {growth:.2f}x the time (target <= {MAX_GROWTH}x), "
          f"queries {small['queries']} and {large['queries']}")
    assert small["goals"] / small["trivial"] <= MAX_RATIO
    assert small["queries"] == large["queries"]
    assert growth <= MAX_GROWTH
