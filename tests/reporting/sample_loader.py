"""Load the shared sample register and survey history straight into the models.

A test helper standing in for `import_assignments` / `import_responses` (built
elsewhere): plain csv reading, bulk inserts, answers stored per the survey
contract (yes = 1, no = 0, an empty cell = no Answer row).
"""
from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

from assignments.models import Assignment, BillingLine, Consultant, Contact, Organisation, Package, Unit
from assignments.services import billing_totals_refresh
from surveys.models import Answer, Response, SurveyVersion, response_origin

SAMPLES = Path(__file__).resolve().parents[1] / "data"

KINDS = {"fackförvaltning": "fackforvaltning", "stadsdelsförvaltning": "stadsdelsforvaltning", "bolag": "bolag"}
KEYS = {
    "customer": ["planning", "ad_support", "selection_support", "interview_support", "reference_support",
                 "test_feedback", "competency_based", "cooperation", "treatment", "overall_satisfaction", "nps",
                 "returning_customer"],
    "candidate": ["info_interviewers", "info_competency_based", "ad_clear", "info_matched_job",
                  "interview_fair_picture", "time_efficient", "info_sufficient", "non_discriminatory",
                  "consultant_contact", "took_tests", "test_info", "overall"],
    "six_month": ["match", "use_again"],
    "training": ["overall", "content", "delivery"],
}


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _yes(text: str) -> bool:
    return text.strip().lower() == "ja"


def load_assignments(path: Path = SAMPLES / "assignments.csv") -> dict[str, Assignment]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    unit = Unit.objects.get(name="Enhet 1")
    organisations = {}
    for row in rows:
        if row["organisation"] not in organisations:
            organisations[row["organisation"]], _ = Organisation.objects.get_or_create(
                name=row["organisation"], defaults={"kind": KINDS[row["organisation_kind"]]}
            )
    contacts, consultants = {}, {}
    for row in rows:
        email = row["contact_email"].lower()
        if email not in contacts:
            contacts[email], _ = Contact.objects.get_or_create(
                email=email, defaults={"name": row["contact_name"], "organisation": organisations[row["organisation"]]}
            )
        if row["consultant"] not in consultants:
            consultants[row["consultant"]], _ = Consultant.objects.get_or_create(
                email=row["consultant"], defaults={"name": row["consultant"].split("@")[0], "unit": unit}
            )
    packages = {p.code: p for p in Package.objects.all()}
    assignments = Assignment.objects.bulk_create([
        Assignment(
            reference=row["reference"], ordered_on=_date(row["ordered_on"]),
            organisation=organisations[row["organisation"]], contact=contacts[row["contact_email"].lower()],
            lead_consultant=consultants[row["consultant"]], package=packages[row["package"]],
            role_title=row["role_title"], role_level=row["role_level"], sector=row["sector"], status=row["status"],
            closed_on=_date(row["closed_on"]), hours=Decimal(row["hours"]) if row["hours"] else None,
            applicants=int(row["applicants"]) if row["applicants"] else None,
            personal_letter=_yes(row["personal_letter"]), screening=_yes(row["screening"]),
            search_used=_yes(row["search"]),
        )
        for row in rows
    ])
    BillingLine.objects.bulk_create([
        BillingLine(assignment=a, kind="package", description=a.package.name, quantity=Decimal("1"),
                    unit_price=Decimal(row["price_sek"]))
        for a, row in zip(assignments, rows, strict=True) if row["price_sek"]
    ])
    billing_totals_refresh(assignment_ids=[a.pk for a in assignments])
    return {a.reference: a for a in assignments}


def _version(kind: str, year: int, cache: dict) -> SurveyVersion:
    """The version in force for the year: the latest one from that year or before, else the earliest."""
    if kind not in cache:
        cache[kind] = list(SurveyVersion.objects.filter(kind=kind).order_by("year"))
        if not cache[kind]:
            cache[kind] = [SurveyVersion.objects.create(kind=kind, year=2020, title=f"{kind} 2020")]
    versions = cache[kind]
    earlier = [v for v in versions if v.year <= year]
    return earlier[-1] if earlier else versions[0]


def load_responses(assignments: dict[str, Assignment], path: Path = SAMPLES / "responses.csv") -> int:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    cache: dict = {}
    responses = []
    for row in rows:
        kind, submitted_on = row["survey"], _date(row["submitted_on"])
        assignment = assignments.get(row["assignment"]) if row["assignment"] else None
        responses.append(Response(
            kind=kind, version=_version(kind, submitted_on.year, cache), source="import", comment=row["comment"],
            **response_origin(kind=kind, on=submitted_on, assignment=assignment),
        ))
    responses = Response.objects.bulk_create(responses)
    answers = []
    for response, row in zip(responses, rows, strict=True):
        for key in KEYS[row["survey"]]:
            text = row[key].strip().lower()
            if not text:
                continue
            value = 1 if text == "ja" else 0 if text == "nej" else int(text)
            answers.append(Answer(response=response, question_key=key, value_number=value))
    Answer.objects.bulk_create(answers)
    return len(responses)


def load_samples() -> None:
    load_responses(load_assignments())
