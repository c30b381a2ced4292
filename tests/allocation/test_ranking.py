"""The proposal's rules one by one: wish, qualification, an unavailable consultant, capacity, experience,
development goals; and recording the choice."""
import datetime as dt
from decimal import Decimal

import pytest

from allocation.models import AllocationDecision
from allocation.ranking import consultants_ranked
from allocation.services import allocation_record
from assignments.models import RoleLevel, Sector
from tests.factories import AssignmentFactory, ConsultantFactory, OrganisationFactory, package
from timeline.workdays import Calendar

from .helpers import goal, leave, plan, profile

ON = dt.date(2026, 5, 4)
pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory(name="Kungsholmens stadsdelsförvaltning", kind="stadsdelsforvaltning")


@pytest.fixture
def anna():
    return ConsultantFactory(name="Anna Andersson", email="anna@rekrytering.example.se", manager_qualified=True)


@pytest.fixture
def bo():
    return ConsultantFactory(name="Bo Berg", email="bo@rekrytering.example.se")


@pytest.fixture
def assignment(org, anna):
    """A staff recruitment in elderly care, Lilla paketet (12 h, no tests), planned over two weeks."""
    a = AssignmentFactory(reference="2026-0100", organisation=org, sector=Sector.ELDERLY, lead_consultant=anna,
                          package=package("LILLA"), role_level=RoleLevel.STAFF, ordered_on=ON)
    plan(a, ON, dt.date(2026, 5, 15))
    return a


def ranked(assignment, **kwargs):
    proposal = consultants_ranked(assignment, on=ON, calendar=Calendar(), **kwargs)
    return proposal, {p.consultant.email: p for p in proposal}


def order(proposal, *emails):
    """The given consultants' order in the proposal (others left out)."""
    return [p.consultant.email for p in proposal if p.consultant.email in emails]


def test_equal_consultants_are_ranked_by_free_hours_then_name(assignment, anna, bo):
    proposal, by = ranked(assignment)
    assert order(proposal, anna.email, bo.email) == [anna.email, bo.email]
    assert by[anna.email].excluded is None
    # two weeks at 28 h less Ascension Day (5.6 h); the assignment itself is not counted against its lead
    assert by[anna.email].free_hours == Decimal("50.4")
    assert [p.rank for p in proposal] == list(range(1, len(proposal) + 1))


def test_the_customers_wish_comes_first(assignment, anna, bo):
    proposal, by = ranked(assignment, wished=bo)
    assert proposal[0].consultant == bo
    assert "Kundens önskemål." in by[bo.email].reasons


def test_a_wish_for_an_unqualified_consultant_is_not_followed(assignment, anna, bo):
    assignment.role_level = RoleLevel.MANAGER
    assignment.save()
    proposal, by = ranked(assignment, wished=bo)
    assert proposal[0].consultant == anna
    assert by[bo.email].excluded == "Inte kvalificerad för chefsrekryteringar."
    assert "Kunden önskade den här konsulten, men hen uppfyller inte kraven." in by[bo.email].reasons
    assert order(proposal, anna.email, bo.email) == [anna.email, bo.email]


def test_manager_roles_go_only_to_qualified_consultants(assignment, anna, bo):
    assignment.role_level = RoleLevel.MANAGER
    assignment.save()
    _, by = ranked(assignment)
    assert by[anna.email].excluded is None
    assert by[bo.email].excluded == "Inte kvalificerad för chefsrekryteringar."
    # a higher-manager role also needs the level in the consultant's profile
    assignment.role_level = RoleLevel.SENIOR_MANAGER
    assignment.save()
    _, by = ranked(assignment)
    assert by[anna.email].excluded == "Rekryterar inte till högre chefer enligt sin profil."
    profile(anna, role_levels=[RoleLevel.MANAGER, RoleLevel.SENIOR_MANAGER])
    _, by = ranked(assignment)
    assert by[anna.email].excluded is None
    assert "Rekryterar till nivån Högre chef." in by[anna.email].reasons


def test_a_package_with_tests_puts_certified_consultants_first(assignment, anna, bo):
    assignment.package = package("STORA")
    assignment.save()
    profile(bo, test_certified=True)
    proposal, by = ranked(assignment)
    assert order(proposal, anna.email, bo.email) == [bo.email, anna.email]
    assert "Saknar testcertifiering (paketet innehåller tester)." in by[anna.email].reasons
    assert "Testcertifierad (paketet innehåller tester)." in by[bo.email].reasons


def test_an_unavailable_consultant_is_excluded_with_the_reason(assignment, anna, bo):
    leave(profile(anna), dt.date(2026, 5, 1), dt.date(2026, 5, 8))        # away at the start meeting
    inactive = ConsultantFactory(name="Ada Slutat", email="ada@rekrytering.example.se", active=False)
    proposal, by = ranked(assignment, wished=inactive)
    assert by[anna.email].excluded == "Ledig under tidplanens veckor (2026-05-04–2026-05-08)."
    assert by["ada@rekrytering.example.se"].excluded == "Inte aktiv."
    assert proposal[0].consultant != inactive
    assert order(proposal, bo.email, anna.email) == [bo.email, anna.email]
    # a single day off in the middle of the timeline does not exclude anyone
    leave(profile(bo), dt.date(2026, 5, 12), dt.date(2026, 5, 12))
    _, by = ranked(assignment)
    assert by[bo.email].excluded is None


def test_free_capacity_in_the_timelines_weeks_comes_before_experience(assignment, org, anna, bo):
    for _ in range(3):                                                     # Bo knows this customer ...
        AssignmentFactory(organisation=org, lead_consultant=bo, status="closed_hired")
    for _ in range(3):                                                     # ... but is fully booked
        busy = AssignmentFactory(lead_consultant=bo, package=package("STORA"))
        plan(busy, ON, dt.date(2026, 5, 15))
    proposal, by = ranked(assignment)
    assert order(proposal, anna.email, bo.email) == [anna.email, bo.email]
    assert by[bo.email].free_hours == Decimal("-33.6")                     # 50.4 - 3 x 28
    assert by[bo.email].reasons == [
        "För lite ledig tid: -33,6 lediga timmar under tidplanens veckor (v. 19–20); "
        "uppdraget behöver cirka 12,0 timmar.",
        "Erfarenhet: 3 avslutade uppdrag för den här kunden och 0 inom Äldreomsorg."]
    assert by[anna.email].reasons == [
        "50,4 lediga timmar under tidplanens veckor (v. 19–20); uppdraget behöver cirka 12,0 timmar."]


def test_experience_with_the_organisation_and_sector_ranks_higher(assignment, org, anna, bo):
    AssignmentFactory(organisation=org, lead_consultant=bo, status="closed_hired", sector=Sector.ELDERLY)
    AssignmentFactory(organisation=org, lead_consultant=bo, status="closed_not_hired")
    AssignmentFactory(organisation=org, lead_consultant=bo)                # open: not yet experience
    proposal, by = ranked(assignment)
    assert order(proposal, anna.email, bo.email) == [bo.email, anna.email]
    assert "Erfarenhet: 2 avslutade uppdrag för den här kunden och 1 inom Äldreomsorg." in by[bo.email].reasons


def test_a_development_goal_the_assignment_serves_ranks_higher(assignment, anna, bo):
    goal(profile(bo), "Fler rekryteringar inom äldreomsorgen", sector=Sector.ELDERLY)
    goal(profile(anna), "Första chefsrekryteringen med mentor", role_level=RoleLevel.MANAGER)   # not served
    proposal, by = ranked(assignment)
    assert order(proposal, anna.email, bo.email) == [bo.email, anna.email]
    assert "Uppdraget passar utvecklingsmålet ”Fler rekryteringar inom äldreomsorgen”." in by[bo.email].reasons
    assert not any("utvecklingsmålet" in r for r in by[anna.email].reasons)


def test_a_goal_for_a_manager_recruitment_suggests_taking_part_as_co_consultant(assignment, anna, bo):
    assignment.role_level = RoleLevel.MANAGER
    assignment.save()
    goal(profile(bo), "Första chefsrekryteringen med mentor", role_level=RoleLevel.MANAGER)
    _, by = ranked(assignment)
    assert by[bo.email].excluded == "Inte kvalificerad för chefsrekryteringar."
    assert ("Uppdraget passar utvecklingsmålet ”Första chefsrekryteringen med mentor”. Kan delta som medkonsult."
            in by[bo.email].reasons)


def test_recording_a_choice_says_whether_it_followed_the_proposal(assignment, anna, bo, django_user_model):
    user = django_user_model.objects.create(username="k")
    proposal, _ = ranked(assignment)
    followed = allocation_record(assignment=assignment, consultant=proposal[0].consultant, by=user, proposal=proposal)
    other = allocation_record(assignment=assignment, consultant=bo, by=user, proposal=proposal)
    assert followed.followed_proposal and followed.chosen_rank == 1 and followed.decided_by == user
    assert not other.followed_proposal and other.proposed == proposal[0].consultant
    assert other.chosen_rank == next(p.rank for p in proposal if p.consultant == bo)
    assert AllocationDecision.objects.get(pk=other.pk).proposal[0]["consultant"] == proposal[0].consultant.email
