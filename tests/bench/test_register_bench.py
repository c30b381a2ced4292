"""List-page speed with 10,000 assignments, against a trivial logged-in page in the same run.

Run on PostgreSQL: `DATABASE_URL=postgres://... pytest -m bench -s tests/bench/test_register_bench.py`.
Prints figures; asserts only the fixed query count, never a time.
"""
import datetime as dt
import random
import statistics
import time
from dataclasses import astuple
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assignments.models import (
    Assignment,
    BillingKind,
    BillingLine,
    Consultant,
    Contact,
    Organisation,
    Package,
    PackagePrice,
    RoleLevel,
    Sector,
    Status,
    Unit,
)
from assignments.services import billing_totals_refresh
from tests.bench.timing import interleaved_medians

N = 10_000
RUNS = 31


def populate(n: int) -> None:
    rng = random.Random(7)
    unit = Unit.objects.get(name="Enhet 1")
    orgs = Organisation.objects.bulk_create(
        [Organisation(name=f"Förvaltning {i}", kind="fackforvaltning") for i in range(60)]
    )
    contacts = Contact.objects.bulk_create(
        [Contact(organisation=orgs[i % 60], name=f"Chef {i}", email=f"chef{i}@example.se") for i in range(300)]
    )
    consultants = Consultant.objects.bulk_create(
        [Consultant(name=f"Konsult {i:02d}", email=f"k{i}@example.se", unit=unit) for i in range(25)]
    )
    packages = list(Package.objects.filter(code__in=["STORA", "CHEF", "LILLA", "OMTAG", "SEARCH"]))
    prices = {(p.package_id, p.year): p.price_sek for p in PackagePrice.objects.all()}
    statuses = list(Status.values)
    titles = ["Förskollärare", "Lärare", "Rektor", "Socialsekreterare", "Undersköterska", "Enhetschef"]
    rows = []
    for i in range(n):
        year = 2023 + i % 4
        contact = contacts[rng.randrange(300)]
        rows.append(Assignment(
            reference=f"{year}-{i:05d}", organisation_id=contact.organisation_id, contact=contact,
            sector=rng.choice(Sector.values), role_title=rng.choice(titles), role_level=RoleLevel.STAFF,
            lead_consultant=consultants[rng.randrange(25)], package=packages[rng.randrange(len(packages))],
            ordered_on=dt.date(year, 1 + rng.randrange(12), 1 + rng.randrange(28)),
            status=rng.choice(statuses),
        ))
    Assignment.objects.bulk_create(rows, batch_size=2000)
    through = Assignment.co_consultants.through
    through.objects.bulk_create(
        [through(assignment_id=a.pk, consultant_id=consultants[(i + 3) % 25].pk) for i, a in enumerate(rows)
         if i % 5 == 0], batch_size=2000,
    )
    lines = []
    for a in rows:
        price = max((v for (pid, y), v in prices.items() if pid == a.package_id and y <= a.ordered_on.year),
                    default=Decimal("10000"))
        lines.append(BillingLine(assignment=a, kind=BillingKind.PACKAGE, description="Paket", unit_price=price))
        if a.pk % 3 == 0:
            lines.append(BillingLine(assignment=a, kind=BillingKind.EXTRA_HOURS, description="Timmar",
                                     quantity=Decimal("3"), unit_price=Decimal("870")))
    BillingLine.objects.bulk_create(lines, batch_size=4000)
    billing_totals_refresh(assignment_ids=[a.pk for a in rows])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def queries_and_sql_ms(client, url: str) -> tuple[int, float]:
    """The number of queries of one request and the median SQL time of five, in ms."""
    sql = []
    for _ in range(5):
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        sql.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
    return len(queries), statistics.median(sql)


@pytest.mark.bench
@pytest.mark.urls("tests.bench.urls")
@pytest.mark.django_db
def test_list_page_against_a_trivial_page(client, manager):
    started = time.perf_counter()
    populate(N)
    print(f"\n[bench] {connection.vendor}: created {Assignment.objects.count()} assignments, "
          f"{BillingLine.objects.count()} billing lines in {time.perf_counter() - started:.1f} s")
    client.force_login(manager)
    # a consultant with assignments, so that the consultant filter measures real rows
    busy = Consultant.objects.filter(led_assignments__isnull=False).order_by("pk").first()
    pages = {
        "list, first page": "/uppdrag/",
        "list, filtered (status+year+sector)": "/uppdrag/?status=selection&year=2025&sector=skola",
        "list, free text": "/uppdrag/?q=rektor",
        "list, consultant (lead or co)": f"/uppdrag/?consultant={busy.pk}",
        "list, sorted by invoiced, page 20": "/uppdrag/?o=-invoiced&page=20",
    }
    urls = {"trivial": "/bench/trivial/", "bare": "/bench/bare/", **pages}
    medians = interleaved_medians({name: (client, url) for name, url in urls.items()}, rounds=RUNS)
    (baseline, base_cpu), (bare, bare_cpu) = astuple(medians["trivial"]), astuple(medians["bare"])
    print(f"[bench] trivial logged-in page (base.html, tests/bench/urls.py): median {baseline:.2f} ms "
          f"(Python CPU {base_cpu:.2f} ms), {queries_and_sql_ms(client, '/bench/trivial/')[0]} queries, "
          f"{RUNS} rounds, pages taking turns")
    print(f"[bench] bare logged-in response (plain 'ok', no template): median {bare:.2f} ms "
          f"(Python CPU {bare_cpu:.2f} ms)")
    counts = {}
    for name, url in pages.items():
        (ms, cpu_ms), (queries, sql_ms) = astuple(medians[name]), queries_and_sql_ms(client, url)
        counts[name] = queries
        print(f"[bench] {name}: median {ms:.2f} ms (SQL {sql_ms:.1f} ms, Python CPU {cpu_ms:.1f} ms), "
              f"{queries} queries, ratio {ms / baseline:.1f}x to the trivial page (target <= 5x), "
              f"{ms / bare:.1f}x to the bare response")
    # Fixed counts whatever the data size (tests/assignments assert them on small data too): six, and
    # one more to look up the chosen consultant.
    assert counts == {name: 7 if "consultant" in name else 6 for name in pages}, counts
