"""'Mina uppdrag' (with its weekly hours grid filled in) with 10,000 assignments, against the trivial logged-in
page in the same run (target: within 4x, issue 13), and a fixed number of queries.

Run on PostgreSQL: `DATABASE_URL=postgres://... pytest -m bench -s tests/bench/test_mine_bench.py`
(`BENCH_PROFILE=1` also prints a cProfile of one request). Prints the figures and asserts the target: the page's
median server time (pages interleaved, templates rendered as in a server) within 4x the trivial page's.
"""
import cProfile
import datetime as dt
import os
import pstats
import random
import time
from dataclasses import astuple
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Concat
from django.test.utils import CaptureQueriesContext

from assignments.hours import WEEKS_SHOWN, monday_of
from assignments.models import WORKING_STATUSES, Assignment, Consultant, HoursEntry
from tests.bench.generator import populate
from tests.bench.test_register_bench import queries_and_sql_ms
from tests.bench.timing import interleaved_medians, server_rendering
from tests.factories import UserFactory
from timeline.services import plans_derive

RUNS = 21
LIMIT = 4.0  # times the trivial page
ON = dt.date(2025, 11, 14)


@pytest.mark.bench
@pytest.mark.urls("tests.bench.urls")
@pytest.mark.django_db
def test_mina_uppdrag_against_a_trivial_page(client):
    started = time.perf_counter()
    populate(random.Random(13), assignments=10_000, responses=0)
    Assignment.objects.update(reference=Concat(Value("9"), "reference"))  # the register's URLs want a digit first
    plans_derive()
    busy = (Consultant.objects.filter(email__startswith="bench", led_assignments__status__in=WORKING_STATUSES)
            .order_by("pk").first())
    busy.user = UserFactory(username="benchkonsult", roles=["consultant"])
    busy.save(update_fields=["user"])
    mine = list(Assignment.objects.filter(lead_consultant=busy, status__in=WORKING_STATUSES).values_list(
        "pk", "ordered_on"))
    weeks = [monday_of(ON) - dt.timedelta(weeks=i) for i in range(WEEKS_SHOWN)]
    HoursEntry.objects.bulk_create([HoursEntry(assignment_id=pk, consultant=busy, week=w, hours=Decimal("2.5"))
                                    for pk, ordered in mine for w in weeks if w >= monday_of(ordered)])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"\n[bench] {connection.vendor}: {Assignment.objects.count()} assignments, the consultant's open "
          f"{len(mine)}, {HoursEntry.objects.count()} hours entries, in {time.perf_counter() - started:.1f} s")
    consultant_client = client.__class__()
    consultant_client.force_login(busy.user)
    client.force_login(busy.user)
    with time_machine.travel(dt.datetime(2025, 11, 14, 10, 0), tick=True):
        pages = {"trivial": (client, "/bench/trivial/"), "mina uppdrag": (consultant_client, "/uppdrag/mina/")}
        if os.environ.get("BENCH_PROFILE"):
            profile = cProfile.Profile()
            with server_rendering():
                consultant_client.get("/uppdrag/mina/")
                profile.enable()
                consultant_client.get("/uppdrag/mina/")
                profile.disable()
            stats = pstats.Stats(profile)
            stats.sort_stats("cumulative").print_stats(r"(wt|main)/(?!.*site-packages)", 40)
            stats.sort_stats("tottime").print_stats(30)
            stats.print_callers("gettext")
            stats.print_callers(r"loader_tags.py:176")
            with CaptureQueriesContext(connection) as captured:
                consultant_client.get("/uppdrag/mina/")
            for q in captured.captured_queries:
                print(f"[sql] {float(q['time']) * 1000:.1f} ms: {q['sql'][:600]}")
        medians = interleaved_medians(pages, rounds=RUNS)
        baseline = medians["trivial"].wall_ms
        ms, cpu_ms = astuple(medians["mina uppdrag"])
        queries, sql_ms = queries_and_sql_ms(consultant_client, "/uppdrag/mina/")
        ratio = ms / baseline
        print(f"[bench] mina uppdrag: median {ms:.2f} ms (SQL {sql_ms:.1f} ms, CPU {cpu_ms:.1f} ms), {queries} "
              f"queries, ratio {ratio:.1f}x to the trivial page ({baseline:.2f} ms; target <= {LIMIT:g}x)")
    assert ratio <= LIMIT, round(ratio, 1)
