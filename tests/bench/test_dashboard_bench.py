"""Benchmark: the department dashboard's pages and the PDF over ten years of data on PostgreSQL.

10,000 assignments and 30,000 survey responses (2016-2025), bulk-inserted. Prints each
dashboard page's median server time against the project's trivial logged-in page
(tests/bench/urls.py: base.html, nothing of its own), the pages taking turns in the same
run (the overview also with the year before, and without the indexes and statistics of
the perf migration), and the time to render the tertial PDF. Asserts only the query
counts of tests/reporting/test_dashboard.py and the PDF's 15 s. Run with
`pytest -m bench tests/bench/test_dashboard_bench.py -s` (DATABASE_URL on PostgreSQL).
"""
import datetime as dt
import random
import time
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from assignments.models import (
    Assignment,
    BillingLine,
    Consultant,
    ConsultantBudget,
    Contact,
    Organisation,
    Package,
    StatusChange,
    Unit,
)
from recruitment.roles import MANAGER
from reporting.pdf import render_tertial_pdf
from reporting.survey_months import survey_months_rebuild
from surveys.models import Answer, Invitation, Response, SurveyVersion
from tests.bench.timing import interleaved_medians
from tests.factories import UserFactory
from tests.reporting.test_dashboard import PAGE_QUERIES

ASSIGNMENTS = 10_000
RESPONSES = 30_000
YEARS = list(range(2016, 2026))
KEYS = {
    "customer": ["planning", "ad_support", "selection_support", "interview_support", "reference_support",
                 "test_feedback", "competency_based", "cooperation", "overall_satisfaction", "nps",
                 "returning_customer"],
    "candidate": ["info_interviewers", "ad_clear", "time_efficient", "non_discriminatory", "consultant_contact",
                  "took_tests", "overall"],
    "six_month": ["match", "use_again"],
    "training": ["overall", "content", "delivery"],
}
# What reporting migration 0003 adds for speed, undone (in a rolled-back transaction) to compare.
PERF_UNDO = ["DROP INDEX surveys_answer_perf_cover", "DROP INDEX surveys_response_perf_cover",
             "DROP STATISTICS surveys_response_perf_year"]
YES_NO = {"returning_customer", "info_interviewers", "ad_clear", "time_efficient", "non_discriminatory",
          "consultant_contact", "took_tests", "use_again"}


def _populate(rng: random.Random) -> None:
    units = list(Unit.objects.all())
    consultants = Consultant.objects.bulk_create([
        Consultant(name=f"Bänkkonsult {i:02d}", email=f"bench{i}@rekrytering.example.se", unit=units[i % len(units)])
        for i in range(25)
    ])
    ConsultantBudget.objects.bulk_create([ConsultantBudget(consultant=c, year=y, amount_sek=Decimal("900000"))
                                          for c in consultants for y in YEARS])
    organisations = Organisation.objects.bulk_create([
        Organisation(name=f"Bänkförvaltning {i}", kind=rng.choice(["stadsdelsforvaltning", "fackforvaltning", "bolag"]))
        for i in range(80)
    ])
    contacts = Contact.objects.bulk_create([
        Contact(organisation=rng.choice(organisations), name=f"Chef {i}", email=f"benchchef{i}@example.se")
        for i in range(800)
    ])
    packages = list(Package.objects.all())
    rows = []
    for i in range(ASSIGNMENTS):
        year = YEARS[i % len(YEARS)]
        ordered = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        contact = rng.choice(contacts)
        closed = rng.random() < 0.9
        rows.append(Assignment(
            reference=f"B{year}-{i:05d}", organisation_id=contact.organisation_id, contact=contact,
            lead_consultant=rng.choice(consultants), package=rng.choice(packages), ordered_on=ordered,
            role_title="Förskollärare", sector=rng.choice(["forskola", "skola", "aldreomsorg", "ovrigt"]),
            role_level=rng.choice(["medarbetare", "chef"]), status="closed_hired" if closed else "selection",
            closed_on=ordered + dt.timedelta(days=rng.randrange(20, 120)) if closed else None,
            personal_letter=rng.random() < 0.1, screening=rng.random() < 0.2,
        ))
    assignments = Assignment.objects.bulk_create(rows, batch_size=2000)
    BillingLine.objects.bulk_create([BillingLine(assignment=a, kind="package", description="paket",
                                                 unit_price=Decimal("27000")) for a in assignments], batch_size=2000)
    StatusChange.objects.bulk_create([
        StatusChange(assignment=a, from_status="registered", to_status="start_meeting",
                     changed_on=a.ordered_on + dt.timedelta(days=rng.randrange(2, 15))) for a in assignments
    ], batch_size=2000)
    versions = {kind: SurveyVersion.objects.get_or_create(kind=kind, year=2016, defaults={"title": kind})[0]
                for kind in KEYS}
    kinds = ["customer"] * 12 + ["candidate"] * 10 + ["six_month"] * 4 + ["training"] * 4
    responses = []
    for i in range(RESPONSES):
        a = assignments[i % ASSIGNMENTS]
        kind = kinds[i % len(kinds)]
        day = min((a.closed_on or a.ordered_on) + dt.timedelta(days=rng.randrange(1, 30)), dt.date(2025, 12, 31))
        responses.append(Response(
            kind=kind, version=versions[kind], assignment=a if kind != "training" else None,
            consultant_id=a.lead_consultant_id if kind != "training" else None,
            package_id=a.package_id if kind != "training" else None, submitted_on=day, source="import",
            comment="Mycket bra stöd genom hela processen." if i % 9 == 0 else "",
        ))
    responses = Response.objects.bulk_create(responses, batch_size=5000)
    answers = []
    for response in responses:
        for key in KEYS[response.kind]:
            if key in YES_NO:
                value = int(rng.random() < 0.9)
            elif key == "nps":
                value = rng.randint(5, 10)
            else:
                value = rng.randint(6, 10)
            answers.append((response.pk, key, value))
    with connection.cursor() as cursor, cursor.cursor.copy(
        f"COPY {Answer._meta.db_table} (response_id, question_key, value_number, value_text, not_applicable) "
        "FROM STDIN"
    ) as copy:
        for row in answers:
            copy.write_row((*row, "", False))
    now = timezone.now()
    Invitation.objects.bulk_create([
        Invitation(kind="customer", assignment=a, status=rng.choice(["answered", "answered", "expired"]),
                   due_at=now, sent_at=timezone.make_aware(dt.datetime.combine(a.closed_on, dt.time(8))))
        for a in assignments if a.closed_on
    ], batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


@pytest.mark.bench
@pytest.mark.urls("tests.bench.urls")
@pytest.mark.django_db(transaction=True)  # autocommit, so that VACUUM can run as autovacuum would
def test_dashboard_and_pdf_over_ten_years(django_assert_num_queries, settings, tmp_path):
    cache.clear()
    if connection.vendor != "postgresql":
        pytest.skip("the benchmark runs on PostgreSQL")
    settings.MEDIA_ROOT = tmp_path
    t0 = time.perf_counter()
    _populate(random.Random(7))
    loaded = time.perf_counter() - t0
    t1 = time.perf_counter()
    # The bulk load sends no signal: build the monthly survey summary as the services keep it after
    # their commits (a reader would rebuild the stale months on its first read instead).
    survey_months_rebuild(months=Response.objects.dates("submitted_on", "month"))
    summarised = time.perf_counter() - t1
    with connection.cursor() as cursor:
        # A database in use is vacuumed by autovacuum; a bulk load is not yet (index-only scans would
        # visit the table for every row until it is).
        cursor.execute("VACUUM ANALYZE")
    print(f"\ndashboard bench: {Assignment.objects.count()} assignments, {Response.objects.count()} responses, "
          f"{Answer.objects.count()} answers loaded in {loaded:.1f} s; the survey summary of every month "
          f"built in {summarised:.2f} s")
    manager = UserFactory(username="benchchef", roles=[MANAGER])
    client = Client()
    client.force_login(manager)
    period = "year=2025&tertial=2"

    def url_of(page: str) -> str:
        return f"{page}{'&' if '?' in page else '?'}{period}"

    for page, queries in PAGE_QUERIES.items():
        with django_assert_num_queries(queries, info=page):
            assert client.get(url_of(page)).status_code == 200
    overview = url_of("/rapporter/")
    with transaction.atomic():  # the same data without the perf migration's indexes and statistics
        with connection.cursor() as cursor:
            for sql in PERF_UNDO:
                cursor.execute(sql)
            cursor.execute("ANALYZE")
        # interleaved with the trivial page, templates rendered as in a server, like the figures below
        before = interleaved_medians({"trivial": (client, "/bench/trivial/"), "overview": (client, overview)},
                                     rounds=9, warm=1)
        transaction.set_rollback(True)
    anonymous = Client()
    urls = {"trivial": "/bench/trivial/", "bare": "/bench/bare/", "login": "/konto/logga-in/",
            **{page: url_of(page) for page in PAGE_QUERIES}}
    timings = interleaved_medians({name: (anonymous if name == "login" else client, url) for name, url in urls.items()},
                                  rounds=15, warm=1)
    medians = {name: t.wall_ms / 1000 for name, t in timings.items()}
    trivial = medians["trivial"]
    print(f"trivial logged-in page (base.html) median: {trivial * 1000:.1f} ms; for reference: bare 'ok' "
          f"{medians['bare'] * 1000:.1f} ms, log-in form {medians['login'] * 1000:.1f} ms")
    without = before["overview"].wall_ms
    print(f"department overview 2025 T2, built fresh, without the perf indexes: {without:.1f} ms "
          f"= {without / before['trivial'].wall_ms:.1f}x the trivial page measured beside it")
    for page in PAGE_QUERIES:
        median = medians[page]
        print(f"department {page} 2025 T2, built fresh ({PAGE_QUERIES[page]} queries): {median * 1000:.1f} ms "
              f"= {median / trivial:.1f}x the trivial page (target <= 8x), {median / medians['bare']:.1f}x bare")
    t0 = time.perf_counter()
    pdf = render_tertial_pdf(year=2025, tertial=2)
    pdf_seconds = time.perf_counter() - t0  # includes loading WeasyPrint and its fonts, once per process
    t0 = time.perf_counter()
    render_tertial_pdf(year=2025, tertial=2)
    pdf_again = time.perf_counter() - t0
    print(f"tertial PDF 2025 T2: {pdf_seconds:.2f} s first in the process, {pdf_again:.2f} s again, "
          f"{len(pdf) // 1024} kB")
    assert pdf.startswith(b"%PDF")
    assert pdf_seconds < 15
