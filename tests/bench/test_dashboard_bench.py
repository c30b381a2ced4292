"""Benchmark: the department dashboard's pages and the PDF over ten years of data on PostgreSQL.

The data of tests/bench/generator.py: 10,000 assignments and 30,000 survey responses
(2016-2025), the monthly survey summary built as the services keep it, each assignment's plan
derived from its order date (timeline.services.plans_derive). Prints each dashboard
page's median server time against the project's trivial logged-in page (tests/bench/urls.py:
base.html, nothing of its own), every page taking turns in the same run with templates rendered
as in a server (tests/bench/timing.py), and the overview also without the indexes and statistics
of the perf migration (interleaved with the trivial page, in a rolled-back transaction); then the
time to render the tertial PDF; then, afresh with fifty years at the same yearly volume (50,000
assignments and 150,000 responses: the register grows by its history), the overview against the
trivial page again.

Asserts: the query counts of tests/reporting/test_dashboard.py (at both sizes); every page at
most 8x the trivial page at 10,000 assignments; the overview's ratio at 50,000 within 1.5x of its
ratio at 10,000; the PDF under 15 s. Run with `pytest -m bench tests/bench/test_dashboard_bench.py -s`
(DATABASE_URL on PostgreSQL).
"""
import random
import time

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client

from assignments.models import Assignment
from recruitment.roles import MANAGER
from reporting.pdf import render_tertial_pdf
from surveys.models import Answer, Response
from tests.bench.generator import LAST_YEAR, populate_afresh
from tests.bench.timing import interleaved_medians
from tests.factories import UserFactory
from tests.reporting.test_dashboard import PAGE_QUERIES, YEAR_CHECK
from timeline.services import plans_derive

SIZES = (10_000, 50_000)
LIMIT = 8.0  # x the trivial page, every page, at 10,000 assignments
GROWTH_LIMIT = 1.5  # the overview's ratio at 50,000 / at 10,000
PERIOD = f"year={LAST_YEAR}&tertial=2"
# What reporting migration 0003 adds for speed, undone (in a rolled-back transaction) to compare.
PERF_UNDO = ["DROP INDEX surveys_answer_perf_cover", "DROP INDEX surveys_response_perf_cover",
             "DROP STATISTICS surveys_response_perf_year"]


def url_of(page: str) -> str:
    return f"{page}{'&' if '?' in page else '?'}{PERIOD}"


def setup(size: int, django_assert_num_queries) -> Client:
    """The data afresh at `size` assignments, a manager logged in, every page's query count checked."""
    t0 = time.perf_counter()
    populate_afresh(random.Random(7), assignments=size)
    derived = plans_derive()  # every assignment's plan laid from its order date, as after the import
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE timeline_plan, timeline_planstep")
    print(f"\ndashboard bench: {Assignment.objects.count()} assignments ({derived} derived plans), "
          f"{Response.objects.count()} responses, {Answer.objects.count()} answers loaded, summarised and "
          f"vacuumed in {time.perf_counter() - t0:.1f} s")
    client = Client()
    client.force_login(UserFactory(username="benchchef", roles=[MANAGER]))
    for page, queries in PAGE_QUERIES.items():
        with django_assert_num_queries(queries + YEAR_CHECK.get(page, 0), info=page):  # T2: the year's check
            assert client.get(url_of(page)).status_code == 200
    return client


@pytest.mark.bench
@pytest.mark.urls("tests.bench.urls")
@pytest.mark.django_db(transaction=True)  # autocommit (VACUUM), and each size starts from an empty database
def test_dashboard_and_pdf_over_ten_years(django_assert_num_queries, settings, tmp_path):
    cache.clear()
    if connection.vendor != "postgresql":
        pytest.skip("the benchmark runs on PostgreSQL")
    settings.MEDIA_ROOT = tmp_path
    client = setup(SIZES[0], django_assert_num_queries)
    overview = url_of("/rapporter/")
    with transaction.atomic():  # the same data without the perf migration's indexes and statistics
        with connection.cursor() as cursor:
            for sql in PERF_UNDO:
                cursor.execute(sql)
            cursor.execute("ANALYZE")
        before = interleaved_medians({"trivial": (client, "/bench/trivial/"), "overview": (client, overview)},
                                     rounds=9, warm=1)
        transaction.set_rollback(True)
    anonymous = Client()
    urls = {"trivial": "/bench/trivial/", "bare": "/bench/bare/", "login": "/konto/logga-in/",
            **{page: url_of(page) for page in PAGE_QUERIES}}
    timings = interleaved_medians({name: (anonymous if name == "login" else client, url) for name, url in urls.items()},
                                  rounds=15, warm=1)
    medians = {name: t.wall_ms for name, t in timings.items()}
    trivial = medians["trivial"]
    print(f"trivial logged-in page (base.html) median: {trivial:.1f} ms; for reference: bare 'ok' "
          f"{medians['bare']:.1f} ms, log-in form {medians['login']:.1f} ms")
    without = before["overview"].wall_ms
    print(f"department overview {LAST_YEAR} T2 without the perf indexes: {without:.1f} ms "
          f"= {without / before['trivial'].wall_ms:.1f}x the trivial page measured beside it")
    ratios = {page: medians[page] / trivial for page in PAGE_QUERIES}
    for page in PAGE_QUERIES:
        queries = PAGE_QUERIES[page] + YEAR_CHECK.get(page, 0)
        print(f"department {page} {LAST_YEAR} T2 ({queries} queries): {medians[page]:.1f} ms "
              f"= {ratios[page]:.1f}x the trivial page (target <= {LIMIT}x), "
              f"{medians[page] / medians['bare']:.1f}x bare")
    t0 = time.perf_counter()
    pdf = render_tertial_pdf(year=LAST_YEAR, tertial=2)
    pdf_seconds = time.perf_counter() - t0  # includes loading WeasyPrint and its fonts, once per process
    t0 = time.perf_counter()
    render_tertial_pdf(year=LAST_YEAR, tertial=2)
    pdf_again = time.perf_counter() - t0
    print(f"tertial PDF {LAST_YEAR} T2: {pdf_seconds:.2f} s first in the process, {pdf_again:.2f} s again, "
          f"{len(pdf) // 1024} kB")

    client = setup(SIZES[1], django_assert_num_queries)  # the same query counts at five times the data
    large = interleaved_medians({"trivial": (client, "/bench/trivial/"), "overview": (client, overview)}, rounds=15)
    growth = (large["overview"].wall_ms / large["trivial"].wall_ms) / ratios["/rapporter/"]
    print(f"department overview at {SIZES[1]} assignments: {large['overview'].wall_ms:.1f} ms = "
          f"{large['overview'].wall_ms / large['trivial'].wall_ms:.1f}x the trivial page "
          f"({ratios['/rapporter/']:.1f}x at {SIZES[0]}; growth {growth:.2f}, limit {GROWTH_LIMIT})")

    assert pdf.startswith(b"%PDF")
    assert pdf_seconds < 15
    assert all(ratio <= LIMIT for ratio in ratios.values()), ratios
    assert growth <= GROWTH_LIMIT
