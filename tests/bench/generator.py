"""The one data generator of the benchmarks: years of a department's register and surveys.

`populate(rng, assignments=10_000, responses=30_000)` bulk-inserts 25 consultants with budgets,
organisations and contacts, `assignments` assignments spread evenly over the ten years (`years`) up to
`last_year` (a quarter of the last year's still open, a few older ones lingering), a package
line for each and extra hours for some, co-consultants for a fifth, a status change for each,
customer invitations for the closed ones, and `responses` survey responses (customer,
candidate, six-month and training) with their answers. Every response's origin is set by
`surveys.models.response_origin`, as the answer pages and the import set it (a candidate
response has no assignment and the first day of its month). Answers are written with COPY
on PostgreSQL: the ORM would take minutes. Each assignment's invoiced total is set by the billing
service (`billing_totals_refresh`), as the billing pages keep it.

`populate_afresh(rng, assignments=...)` empties the database first (a benchmark that compares two
sizes in one run), puts the reference data of the seed migrations back, populates, builds the
monthly survey summary as the answer services keep it after their commits, and vacuums.

The same generator serves every bench that compares pages or sizes, so that their figures
are measured on the same kind of data (issue 12, part 7).
"""
from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import connection
from django.utils import timezone

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
    Package,
    Status,
    StatusChange,
    Unit,
)
from assignments.services import billing_totals_refresh
from surveys.models import Answer, Invitation, Response, SurveyVersion, response_origin

CONSULTANTS = 25
LAST_YEAR = 2025
QUESTION_KEYS = {
    "customer": ["planning", "ad_support", "selection_support", "interview_support", "reference_support",
                 "test_feedback", "competency_based", "cooperation", "overall_satisfaction", "nps",
                 "returning_customer"],
    "candidate": ["info_interviewers", "info_competency_based", "ad_clear", "info_matched_job",
                  "interview_fair_picture", "time_efficient", "info_sufficient", "non_discriminatory",
                  "consultant_contact", "took_tests", "overall"],
    "six_month": ["match", "use_again"],
    "training": ["overall", "content", "delivery"],
}
YES_NO = {"returning_customer", "info_interviewers", "info_competency_based", "ad_clear", "info_matched_job",
          "interview_fair_picture", "time_efficient", "info_sufficient", "non_discriminatory",
          "consultant_contact", "took_tests", "use_again"}
KINDS = ["customer"] * 12 + ["candidate"] * 10 + ["six_month"] * 4 + ["training"] * 4


def years_up_to(last_year: int = LAST_YEAR, count: int = 10) -> list[int]:
    return list(range(last_year - count + 1, last_year + 1))


def populate(rng: random.Random, *, assignments: int = 10_000, responses: int = 30_000,
             last_year: int = LAST_YEAR, years: int = 10) -> dict:
    """Insert the data over `years` years; return what the benches refer to (consultants, organisations, years)."""
    years = years_up_to(last_year, years)
    units = list(Unit.objects.order_by("name"))
    consultants = Consultant.objects.bulk_create([
        Consultant(name=f"Bänkkonsult {i:02d}", email=f"bench{i}@rekrytering.example.se", unit=units[i % len(units)],
                   fte=Decimal("1.00") if i % 4 else Decimal("0.75"), manager_qualified=i % 3 == 0)
        for i in range(CONSULTANTS)
    ])
    ConsultantBudget.objects.bulk_create([
        ConsultantBudget(consultant=c, year=y, amount_sek=Decimal(rng.randrange(800, 1200) * 1000))
        for c in consultants for y in [*years, last_year + 1]
    ])
    organisations = Organisation.objects.bulk_create([
        Organisation(name=f"Bänkförvaltning {i}", kind=rng.choice(["stadsdelsforvaltning", "fackforvaltning", "bolag"]))
        for i in range(max(80, assignments // 125))
    ])
    contacts = Contact.objects.bulk_create([
        Contact(organisation=rng.choice(organisations), name=f"Chef {i}", email=f"benchchef{i}@example.se")
        for i in range(max(800, assignments // 12))
    ])
    packages = list(Package.objects.all())
    rows = []
    for i in range(assignments):
        year = years[i % len(years)]
        ordered = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(330))
        contact = rng.choice(contacts)
        if rng.random() < (0.25 if year == last_year else 0.01):
            status, closed = rng.choice(WORKING_STATUSES), None
        else:
            status = rng.choices([*CLOSED_STATUSES, Status.CANCELLED], weights=[80, 12, 8])[0]
            closed = ordered + dt.timedelta(days=rng.randrange(20, 120))
        rows.append(Assignment(
            reference=f"B{year}-{i:06d}", organisation_id=contact.organisation_id, contact=contact,
            lead_consultant=rng.choice(consultants), package=rng.choice(packages), ordered_on=ordered,
            role_title="Förskollärare", sector=rng.choice(["forskola", "skola", "aldreomsorg", "ovrigt"]),
            role_level=rng.choice(["medarbetare", "medarbetare", "chef"]), status=status, closed_on=closed,
            status_changed_on=closed or ordered, hours=Decimal(rng.randrange(5, 45)),
            personal_letter=rng.random() < 0.1, screening=rng.random() < 0.2,
        ))
    created = Assignment.objects.bulk_create(rows, batch_size=2000)
    lines = []
    for a in created:
        lines.append(BillingLine(assignment=a, kind=BillingKind.PACKAGE, description="paket",
                                 quantity=Decimal("1"), unit_price=Decimal("27000")))
        if rng.random() < 0.4:
            lines.append(BillingLine(assignment=a, kind=BillingKind.EXTRA_HOURS, description="Extra timmar",
                                     quantity=Decimal(rng.randrange(1, 8)), unit_price=Decimal("870")))
    BillingLine.objects.bulk_create(lines, batch_size=5000)
    billing_totals_refresh(assignment_ids=[a.pk for a in created])
    through = Assignment.co_consultants.through
    through.objects.bulk_create(
        [through(assignment_id=a.pk, consultant=rng.choice(consultants)) for a in created if rng.random() < 0.2],
        batch_size=5000,
    )
    StatusChange.objects.bulk_create([
        StatusChange(assignment=a, from_status="registered", to_status="start_meeting",
                     changed_on=a.ordered_on + dt.timedelta(days=rng.randrange(2, 15))) for a in created
    ], batch_size=5000)
    versions = {kind: SurveyVersion.objects.get_or_create(kind=kind, year=years[0], defaults={"title": kind})[0]
                for kind in QUESTION_KEYS}
    last_day = dt.date(last_year, 12, 31)
    stored = []
    for i in range(responses):
        a = created[i % len(created)]
        kind = KINDS[i % len(KINDS)]
        day = min((a.closed_on or a.ordered_on) + dt.timedelta(days=rng.randrange(1, 30)), last_day)
        origin = response_origin(kind=kind, on=day, assignment=a if kind != "training" else None)
        if kind == "training":  # a course for the assignment's customer, given by its consultant
            origin.update(organisation_id=a.organisation_id, consultant_id=a.lead_consultant_id)
        stored.append(Response(kind=kind, version=versions[kind], source="import",
                               comment="Mycket bra stöd genom hela processen." if i % 9 == 0 else "", **origin))
    stored = Response.objects.bulk_create(stored, batch_size=5000)
    answers = []
    for response in stored:
        for key in QUESTION_KEYS[response.kind]:
            if key in YES_NO:
                value = int(rng.random() < 0.9)
            elif key == "nps":
                value = rng.randint(5, 10)
            else:
                value = rng.randint(6, 10)
            answers.append((response.pk, key, value))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor, cursor.cursor.copy(
            f"COPY {Answer._meta.db_table} (response_id, question_key, value_number, value_text, not_applicable) "
            "FROM STDIN"
        ) as copy:
            for row in answers:
                copy.write_row((*row, "", False))
    else:
        Answer.objects.bulk_create([Answer(response_id=r, question_key=k, value_number=v) for r, k, v in answers],
                                   batch_size=5000)
    now = timezone.now()
    Invitation.objects.bulk_create([
        Invitation(kind="customer", assignment=a, status=rng.choice(["answered", "answered", "expired"]),
                   due_at=now, sent_at=timezone.make_aware(dt.datetime.combine(a.closed_on, dt.time(8))))
        for a in created if a.closed_on
    ], batch_size=5000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"consultants": consultants, "organisations": organisations, "years": years}


def populate_afresh(rng: random.Random, *, assignments: int = 10_000, responses: int | None = None,
                    years: int | None = None) -> dict:
    """An empty database (as the migrations left it: tests/conftest.py's snapshot copied back), then `populate` with
    `responses` (default three per assignment) over `years` (default one per thousand assignments: a
    register grows by its history, at the department's yearly volume), the survey summary of every
    month, and VACUUM ANALYZE (a database in use is vacuumed by autovacuum; a bulk load not yet).
    Needs a transactional test."""
    from reporting.survey_months import survey_months_rebuild
    from tests.conftest import reference_data_restore

    reference_data_restore(connection)  # every table emptied, the migrations' rows copied back
    made = populate(rng, assignments=assignments, responses=3 * assignments if responses is None else responses,
                    years=max(1, assignments // 1000) if years is None else years)
    survey_months_rebuild(months=Response.objects.dates("submitted_on", "month"))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return made
