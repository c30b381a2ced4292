import cProfile
import io
import pstats
import random
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from assignments.roles import MANAGER
from tests.bench.test_dashboard_bench import _populate
from tests.factories import UserFactory


@pytest.mark.bench
@pytest.mark.django_db
def test_prof(settings):
    _populate(random.Random(7))
    manager = UserFactory(username="benchchef", roles=[MANAGER])
    c = Client()
    c.force_login(manager)
    for url in ["/rapporter/kommentarer/?year=2025&tertial=2"]:
        c.get(url)
        settings.DEBUG = True
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            c.get(url)
            total = time.perf_counter() - t0
        settings.DEBUG = False
        qs = sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))
        print(f"\n{url} TOTAL {total*1000:.1f} ms; sql {sum(float(q['time']) for q in qs)*1000:.1f} ms in {len(qs)}")
        for q in qs[:25]:
            print(f"{float(q['time'])*1000:7.1f} ms  {q['sql'][:160]}")
        pr = cProfile.Profile()
        pr.enable()
        for _ in range(10):
            c.get(url)
        pr.disable()
        s = io.StringIO()
        pstats.Stats(pr, stream=s).sort_stats("cumulative").print_stats(90)
        print(s.getvalue()[:20000])
