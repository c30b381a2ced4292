"""A candidate response names no assignment and no day (issue 10: anonymity against database access).

It copies what the reports filter candidate answers by (customer, sector, package, lead consultant)
and keeps the first day of its month; the database refuses anything more. The reports give the same
figures, the history import stores candidate rows the same way, and migration 0007 unlinked the
responses stored before.
"""
import datetime as dt
import hashlib
import io

import pytest
import time_machine
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from assignments.models import OrganisationKind, Sector, Status
from reporting.selectors import kpi_report
from surveys import tokens
from surveys.models import Invitation, InvitationStatus, Response, SurveyKind, SurveyVersion
from surveys.services import dispatch, scheduling
from surveys.services.answering import CleanValue, response_submit
from surveys.services.importing import _normalised, candidate_import_digest
from tests.factories import (
    AssignmentFactory,
    ConsultantFactory,
    HireFactory,
    OrganisationFactory,
    ResponseFactory,
    package,
)

from .helpers import close
from .test_answering import candidate_data

MID_MONTH = dt.datetime(2025, 3, 17, 10, 30, tzinfo=dt.UTC)


def _surveyed(assignment, *emails):
    """{email: token} for candidate links sent to hires of `assignment` (closed here)."""
    for n, email in enumerate(emails):
        HireFactory(assignment=assignment, name=f"Kandidat {n}", email=email, start_date=None)
    close(assignment)
    scheduling.invitations_schedule_for_closing(assignment_id=assignment.pk)
    dispatch.outbox_dispatch()
    return {inv.email: tokens.token_for(inv.token_salt) for inv in Invitation.objects.filter(
        assignment=assignment, kind=SurveyKind.CANDIDATE, status=InvitationStatus.SENT)}


@pytest.mark.django_db
def test_a_candidates_answer_keeps_what_reports_need_and_neither_assignment_nor_day():
    organisation = OrganisationFactory(name="Skolbolaget", kind=OrganisationKind.COMPANY)
    assignment = AssignmentFactory(status=Status.REFERENCES, organisation=organisation, sector=Sector.SCHOOL,
                                   package=package("STORA"))
    with time_machine.travel(MID_MONTH, tick=False):
        links = _surveyed(assignment, "anna@example.se")
        response = response_submit(token=links["anna@example.se"], data=candidate_data())
    row = Response.objects.values().get(pk=response.pk)
    assert row["kind"] == SurveyKind.CANDIDATE
    assert row["assignment_id"] is None and row["invitation_id"] is None
    assert row["submitted_on"] == dt.date(2025, 3, 1)
    assert (row["organisation_id"], row["sector"], row["package_id"], row["consultant_id"]) == (
        organisation.pk, Sector.SCHOOL, assignment.package_id, assignment.lead_consultant_id)


@pytest.mark.django_db
def test_every_other_kind_keeps_its_assignment_and_day_and_gets_the_same_copies():
    assignment = AssignmentFactory(sector=Sector.LSS)
    for kind in (SurveyKind.CUSTOMER, SurveyKind.SIX_MONTH, SurveyKind.TRAINING):
        response = ResponseFactory(kind=kind, assignment=assignment, submitted_on=dt.date(2025, 3, 17))
        response.refresh_from_db()
        assert (response.assignment_id, response.submitted_on) == (assignment.pk, dt.date(2025, 3, 17))
        assert (response.organisation_id, response.sector, response.package_id, response.consultant_id) == (
            assignment.organisation_id, Sector.LSS, assignment.package_id, assignment.lead_consultant_id)


@pytest.mark.django_db
@pytest.mark.parametrize("fields", [
    {"assignment": True, "submitted_on": dt.date(2025, 3, 1)},
    {"assignment": False, "submitted_on": dt.date(2025, 3, 17)},
], ids=["linked-to-an-assignment", "dated-mid-month"])
def test_the_database_refuses_a_candidate_response_with_an_assignment_or_a_day(fields):
    assignment = AssignmentFactory()
    version = SurveyVersion.objects.get(kind=SurveyKind.CANDIDATE, year=2025)
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(kind=SurveyKind.CANDIDATE, version=version,
                                assignment=assignment if fields["assignment"] else None,
                                organisation=assignment.organisation, submitted_on=fields["submitted_on"])
    # the same row as any other kind is accepted
    Response.objects.create(kind=SurveyKind.CUSTOMER, version=version, assignment=assignment,
                            submitted_on=fields["submitted_on"])


# --- the reports ---------------------------------------------------------------------------

# (overall 1-10, ad_clear ja/nej) per answer; overall >= 8 counts as satisfied (settings.REPORT_SATISFIED_MIN)
TARGET = [(9, "ja"), (10, "ja"), (7, "nej"), (8, "ja"), (6, "nej"), (10, "ja")]
OTHER = [(3, "nej"), (4, "nej"), (5, "ja"), (2, "nej"), (9, "ja")]


def _expected(answers):
    overall = [o for o, _a in answers]
    return {"responses": len(answers), "overall_mean": sum(overall) / len(overall),
            "satisfied_share": sum(o >= 8 for o in overall) / len(overall),
            "ad_clear": sum(a == "ja" for _o, a in answers) / len(answers)}


def _shown(report):
    """The candidate figures a report shows."""
    section = report.candidate
    return {"responses": section.responses, "overall_mean": section.questions["overall"]["mean"],
            "satisfied_share": section.satisfied_share, "ad_clear": section.questions["ad_clear"]["yes_share"]}


@pytest.mark.django_db
def test_reports_filtered_by_customer_sector_package_consultant_and_kind_give_the_same_candidate_figures(settings):
    settings.REPORT_SATISFIED_MIN = 8
    lead, other_lead = ConsultantFactory(email="lead@rekrytering.example.se"), ConsultantFactory()
    target = AssignmentFactory(organisation=OrganisationFactory(name="Bolaget", kind=OrganisationKind.COMPANY),
                               sector=Sector.SCHOOL, package=package("STORA"), lead_consultant=lead)
    other = AssignmentFactory(organisation=OrganisationFactory(name="Förvaltningen",
                                                               kind=OrganisationKind.ADMINISTRATION),
                              sector=Sector.LSS, package=package("LILLA"), lead_consultant=other_lead)
    for assignment, answers in ((target, TARGET), (other, OTHER)):
        for day, (overall, ad_clear) in enumerate(answers, start=3):
            ResponseFactory(kind=SurveyKind.CANDIDATE, assignment=assignment, submitted_on=dt.date(2025, 5, day),
                            answers={"overall": overall, "ad_clear": ad_clear})
    # a customer answer on the target keeps its assignment and does not enter the candidate figures
    ResponseFactory(kind=SurveyKind.CUSTOMER, assignment=target, submitted_on=dt.date(2025, 5, 20),
                    answers={"overall_satisfaction": 2})
    assert not Response.objects.filter(kind=SurveyKind.CANDIDATE, assignment__isnull=False).exists()

    for filters in ({"organisation": "Bolaget"}, {"sector": Sector.SCHOOL}, {"package": "STORA"},
                    {"organisation_kind": OrganisationKind.COMPANY}):
        assert _shown(kpi_report(year=2025, filters=filters)) == pytest.approx(_expected(TARGET)), \
            filters
        assert _shown(kpi_report(year=2025, tertial=2, filters=filters)) == pytest.approx(
            _expected(TARGET)), filters
    assert _shown(kpi_report(year=2025, consultant="lead@rekrytering.example.se")) == pytest.approx(
        _expected(TARGET))
    assert _shown(kpi_report(year=2025, consultant=lead, filters={"sector": Sector.SCHOOL})) == \
        pytest.approx(_expected(TARGET))
    assert _shown(kpi_report(year=2025, filters={"organisation": "Förvaltningen"})) == pytest.approx(
        _expected(OTHER))
    assert _shown(kpi_report(year=2025)) == pytest.approx(_expected(TARGET + OTHER))
    # a filter that matches neither: nothing, and the rule of five still hides too few
    assert kpi_report(year=2025, filters={"sector": Sector.ELDERLY}).candidate.responses == 0
    assert kpi_report(year=2025, tertial=1, filters={"package": "STORA"}).candidate.responses == 0


# --- the history import ----------------------------------------------------------------------

HEADER = "survey,assignment,submitted_on,overall,ad_clear,comment\n"


@pytest.mark.django_db
def test_imported_candidate_history_keeps_no_assignment_and_a_second_import_adds_nothing(tmp_path):
    single = AssignmentFactory(reference="2025-0101", sector=Sector.SOCIAL)
    AssignmentFactory(reference="2025-0102", organisation=single.organisation)
    rows = ["candidate,2025-0101,2025-06-12,9,ja,Bra bemött",
            "candidate,2025-0102,2025-06-20,9,ja,Bra bemött",  # the same answer elsewhere that month: both kept
            "candidate,2025-0102,2025-06-03,4,nej,",
            "customer,2025-0101,2025-06-12,,,Snabbt"]
    path = tmp_path / "historik.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import_responses", str(path), stdout=out)
    assert "4 svar importerades (0 fanns redan)." in out.getvalue()
    candidates = Response.objects.filter(kind=SurveyKind.CANDIDATE)
    assert candidates.count() == 3
    assert set(candidates.values_list("assignment_id", "submitted_on", "organisation_id")) == {
        (None, dt.date(2025, 6, 1), single.organisation_id)}
    assert candidates.filter(sector=Sector.SOCIAL, consultant=single.lead_consultant).count() == 1
    customer = Response.objects.get(kind=SurveyKind.CUSTOMER)
    assert (customer.assignment_id, customer.submitted_on) == (single.pk, dt.date(2025, 6, 12))
    # a candidate key is made from what the row stores: not from the file's row, which would let anyone
    # recover the assignment and the day by trying each
    columns = HEADER.strip().split(",")
    from_rows = {hashlib.sha256(_normalised(dict(zip(columns, line.split(","), strict=True))).encode()).hexdigest()
                 for line in rows}
    keys = sorted(candidates.values_list("import_key", flat=True))
    assert not {key.split("#")[0] for key in keys} & from_rows
    praise = candidate_import_digest(month=dt.date(2025, 6, 1), organisation_id=single.organisation_id, values={
        "overall": CleanValue(number=9), "ad_clear": CleanValue(number=1)}, comment="Bra bemött")
    assert f"{praise}#0" in keys and f"{praise}#1" in keys
    assert customer.import_key.split("#")[0] in from_rows  # other kinds keep their keys
    out = io.StringIO()
    call_command("import_responses", str(path), stdout=out)
    assert "0 svar importerades (4 fanns redan)." in out.getvalue()
    assert Response.objects.count() == 4


# --- migration 0007 --------------------------------------------------------------------------

BEFORE = [("surveys", "0006_response_organisation_sector")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_unlinks_stored_candidate_responses_and_fills_in_every_responses_copies():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    OldResponse, OldAnswer = old.get_model("surveys", "Response"), old.get_model("surveys", "Answer")
    Assignment, Session = old.get_model("assignments", "Assignment"), old.get_model("surveys", "TrainingSession")
    Version = old.get_model("surveys", "SurveyVersion")
    assignment = Assignment.objects.get(pk=AssignmentFactory(sector=Sector.PRESCHOOL).pk)
    course_customer = OrganisationFactory(name="Kursbeställaren")
    session = Session.objects.create(organisation_id=course_customer.pk, title="Kurs", held_on=dt.date(2025, 9, 9),
                                     closes_on=dt.date(2025, 9, 23))

    def stored(kind, **fields):
        version = Version.objects.get_or_create(kind=kind, year=2025, defaults={"title": kind})[0]
        return OldResponse.objects.create(kind=kind, version=version, submitted_on=dt.date(2025, 9, 18), **fields)

    candidate = stored("candidate", assignment=assignment, consultant_id=assignment.lead_consultant_id,
                       package_id=assignment.package_id)
    imported = stored("candidate", assignment=assignment, source="import", import_key=f"{'a' * 64}#0",
                      comment="Bra")
    OldAnswer.objects.create(response=imported, question_key="overall", value_number=9)
    customer = stored("customer", assignment=assignment)
    course = stored("training", training_session=session)

    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    candidate = Response.objects.get(pk=candidate.pk)
    assert candidate.assignment_id is None and candidate.submitted_on == dt.date(2025, 9, 1)
    assert (candidate.organisation_id, candidate.sector) == (assignment.organisation_id, Sector.PRESCHOOL)
    assert (candidate.consultant_id, candidate.package_id) == (assignment.lead_consultant_id, assignment.package_id)
    customer = Response.objects.get(pk=customer.pk)
    assert (customer.assignment_id, customer.submitted_on) == (assignment.pk, dt.date(2025, 9, 18))
    assert (customer.organisation_id, customer.sector) == (assignment.organisation_id, Sector.PRESCHOOL)
    assert Response.objects.get(pk=course.pk).organisation_id == course_customer.pk
    # the imported candidate row has the key a new import of its history row gives it
    digest = candidate_import_digest(month=dt.date(2025, 9, 1), organisation_id=assignment.organisation_id,
                                     values={"overall": CleanValue(number=9)}, comment="Bra")
    assert Response.objects.get(pk=imported.pk).import_key == f"{digest}#0"
    with pytest.raises(IntegrityError), transaction.atomic():  # and the constraints hold from now on
        Response.objects.filter(pk=candidate.pk).update(assignment=assignment.pk)
