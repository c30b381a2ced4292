"""Benchmark of the load view with 10,000 assignments across 25 consultants.

Run on PostgreSQL:
    DATABASE_URL=postgres://... .venv/bin/python -m pytest -m bench tests/bench/test_load_bench.py -s

Prints the median server time of the load view and of a trivial logged-in page
(the same base layout, no data) measured in the same run, and their ratio
(target: at most 5x). It prints rather than asserts timings, so a slow shared
machine cannot make it flaky; it does assert the query count stays fixed.
"""
import datetime as dt
import random
import time
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from assignments.models import (
    CLOSED_STATUSES,
    WORKING_STATUSES,
    Assignment,
    BillingKind,
    BillingLine,
    Consultant,
    ConsultantBudget,
    Contact,
    Organisation,
    OrganisationKind,
    Package,
    Status,
    Unit,
)
from recruitment.roles import COORDINATOR
from tests.bench.timing import interleaved_medians
from tests.factories import UserFactory

N_ASSIGNMENTS = 10_000
N_CONSULTANTS = 25
ROUNDS = 60
YEAR = 2026


def _populate(rng: random.Random) -> None:
    units = list(Unit.objects.order_by("name"))
    consultants = Consultant.objects.bulk_create(
        Consultant(name=f"Konsult {i:02d}", email=f"bench{i}@rekrytering.example.se", unit=units[i % len(units)],
                   fte=Decimal("1.00") if i % 4 else Decimal("0.75"), manager_qualified=i % 3 == 0)
        for i in range(N_CONSULTANTS)
    )
    ConsultantBudget.objects.bulk_create(
        ConsultantBudget(consultant=c, year=year, amount_sek=Decimal(rng.randrange(800, 1200) * 1000))
        for c in consultants for year in (YEAR - 1, YEAR)
    )
    orgs = Organisation.objects.bulk_create(
        Organisation(name=f"Bench-förvaltning {i}", kind=OrganisationKind.ADMINISTRATION) for i in range(120)
    )
    contacts = Contact.objects.bulk_create(
        Contact(organisation=o, name=f"Chef {o.pk}-{j}", email=f"chef{o.pk}.{j}@bench.example.se")
        for o in orgs for j in range(3)
    )
    packages = list(Package.objects.filter(code__in=["STORA", "CHEF", "LILLA", "SEARCH"]))
    assignments = []
    for i in range(N_ASSIGNMENTS):
        year = YEAR - 2 + i % 3
        ordered = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(300))
        # A quarter of this year's assignments are still open, a few older ones linger.
        if rng.random() < (0.25 if year == YEAR else 0.02):
            status, closed = rng.choice(WORKING_STATUSES), None
        else:
            status = rng.choices([*CLOSED_STATUSES, Status.CANCELLED], weights=[70, 20, 10])[0]
            closed = ordered + dt.timedelta(days=rng.randrange(20, 60))
        contact = rng.choice(contacts)
        assignments.append(Assignment(
            reference=f"{year}-{i + 1:05d}", organisation_id=contact.organisation_id, contact=contact,
            role_title="Förskollärare", lead_consultant=rng.choice(consultants), package=rng.choice(packages),
            ordered_on=ordered, status=status, closed_on=closed, status_changed_on=closed or ordered,
            hours=Decimal(rng.randrange(5, 45)),
        ))
    assignments = Assignment.objects.bulk_create(assignments, batch_size=2000)
    lines = []
    for a in assignments:
        lines.append(BillingLine(assignment=a, kind=BillingKind.PACKAGE, description=a.package.name,
                                 quantity=Decimal("1"), unit_price=Decimal("27000")))
        if rng.random() < 0.4:
            lines.append(BillingLine(assignment=a, kind=BillingKind.EXTRA_HOURS, description="Extra timmar",
                                     quantity=Decimal(rng.randrange(1, 8)), unit_price=Decimal("870")))
    BillingLine.objects.bulk_create(lines, batch_size=5000)
    through = Assignment.co_consultants.through
    through.objects.bulk_create(
        (through(assignment_id=a.pk, consultant=rng.choice(consultants)) for a in assignments if rng.random() < 0.2),
        batch_size=5000,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


@pytest.mark.bench
@pytest.mark.django_db
def test_load_view_against_a_trivial_page(client, settings):
    settings.ROOT_URLCONF = "tests.bench.urls"
    rng = random.Random(20260501)
    started = time.perf_counter()
    _populate(rng)
    setup_s = time.perf_counter() - started
    user = UserFactory(username="bench-koordinator", roles=[COORDINATOR])
    client.force_login(user)
    load_url, trivial_url = reverse("reference:load"), reverse("bench_trivial")
    params = {"ar": YEAR}
    for _ in range(3):  # warm caches, templates and connections
        client.get(load_url, params)
        client.get(trivial_url)

    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        response = client.get(load_url, params)
    assert len(response.context["rows"]) == N_CONSULTANTS
    assert len(queries) == 8  # the same as with three consultants in tests/assignments/test_load.py
    assert sum(r.open_total for r in response.context["rows"]) == Assignment.objects.open().count()

    enhet2 = Unit.objects.get(name="Enhet 2").pk
    pages = {"trivial": (client, trivial_url), "bare": (client, reverse("bench_bare")),
             "load": (client, f"{load_url}?ar={YEAR}"), "unit": (client, f"{load_url}?ar={YEAR}&unit={enhet2}")}
    medians = {name: t.wall_ms for name, t in interleaved_medians(pages, rounds=ROUNDS, warm=0).items()}
    trivial_ms, load_ms, unit_ms = medians["trivial"], medians["load"], medians["unit"]
    size = len(response.content)
    print(
        f"\n[bench load view] {connection.vendor}; {Assignment.objects.count()} assignments, "
        f"{BillingLine.objects.count()} billing lines, {N_CONSULTANTS} consultants (set-up {setup_s:.1f} s)\n"
        f"  queries per load page: {len(queries)}; page size {size // 1024} KiB; {ROUNDS} rounds each\n"
        f"  trivial logged-in page median: {trivial_ms:.2f} ms (bare 'ok' response: {medians['bare']:.2f} ms)\n"
        f"  load view median:              {load_ms:.2f} ms  (ratio {load_ms / trivial_ms:.2f}x, target <= 5x)\n"
        f"  load view, one unit, median:   {unit_ms:.2f} ms  (ratio {unit_ms / trivial_ms:.2f}x)"
    )
