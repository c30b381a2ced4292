"""The manager's late-steps view and "Mina uppdrag" with 10,000 assignments and their derived plans,
against the trivial logged-in page in the same run (target: within 4x).

Run on PostgreSQL: `DATABASE_URL=postgres://... pytest -m bench -s tests/bench/test_timeline_bench.py`.
Prints the figures and asserts the target: each page's median server time (pages interleaved, templates
rendered as in a server) within 4x the trivial page's. Fixed query counts are pinned in tests/timeline.
"""
import datetime as dt
import random
import time
from dataclasses import astuple

import pytest
import time_machine
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Concat

from assignments.models import Assignment, Consultant
from tests.bench.generator import populate
from tests.bench.test_register_bench import queries_and_sql_ms
from tests.bench.timing import interleaved_medians
from tests.factories import UserFactory
from timeline.models import PlanStep
from timeline.services import plans_derive

RUNS = 21
LIMIT = 4.0  # times the trivial page


@pytest.mark.bench
@pytest.mark.urls("tests.bench.urls")
@pytest.mark.django_db
def test_late_steps_and_my_week_against_a_trivial_page(client, manager):
    started = time.perf_counter()
    populate(random.Random(13), assignments=10_000, responses=0)
    # the generator's references start with "B"; the register's URLs want a digit first
    Assignment.objects.update(reference=Concat(Value("9"), "reference"))
    derived = plans_derive()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"\n[bench] {connection.vendor}: {Assignment.objects.count()} assignments, {derived} derived plans, "
          f"{PlanStep.objects.count()} plan steps in {time.perf_counter() - started:.1f} s")
    busy = Consultant.objects.filter(email__startswith="bench").order_by("pk").first()
    busy.user = UserFactory(username="benchkonsult", roles=["consultant"])
    busy.save(update_fields=["user"])
    consultant_client = client.__class__()
    consultant_client.force_login(busy.user)
    client.force_login(manager)
    with time_machine.travel(dt.datetime(2025, 11, 14, 10, 0), tick=True):
        pages = {"trivial": (client, "/bench/trivial/"), "late steps (department)": (client, "/tidplan/forsenade/"),
                 "late and soon, one unit": (client, "/tidplan/forsenade/?soon=on&unit=1"),
                 "mina uppdrag": (consultant_client, "/uppdrag/mina/")}
        rows = client.get("/tidplan/forsenade/").context["total"]
        print(f"[bench] the department's late steps on 2025-11-14: {rows} rows")
        medians = interleaved_medians(pages, rounds=RUNS)
        baseline = medians["trivial"].wall_ms
        ratios = {}
        for name in list(pages)[1:]:
            ms, cpu_ms = astuple(medians[name])
            queries, sql_ms = queries_and_sql_ms(pages[name][0], pages[name][1])
            print(f"[bench] {name}: median {ms:.2f} ms (SQL {sql_ms:.1f} ms, CPU {cpu_ms:.1f} ms), {queries} "
                  f"queries, ratio {ms / baseline:.1f}x to the trivial page ({baseline:.2f} ms; target <= {LIMIT:g}x)")
            ratios[name] = ms / baseline
    assert all(ratio <= LIMIT for ratio in ratios.values()), {name: round(r, 1) for name, r in ratios.items()}
