"""The yearly follow-up lists, each rule on hand-made data (followup/selectors.py)."""
import datetime as dt

import pytest

from assignments.models import ContactRole, Organisation, Status
from followup.models import ContactKind, CustomerContact
from followup.selectors import (
    first_time_customers,
    hr_heads_without_contact,
    organisations_without_order,
    recruited_managers,
    years_before,
)
from tests.factories import (
    AssignmentFactory,
    ConsultantFactory,
    ContactFactory,
    HireFactory,
    OrganisationFactory,
    package,
)

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 12, 4)


def log(organisation, held_on, *contacts):
    entry = CustomerContact.objects.create(organisation=organisation, held_on=held_on, kind=ContactKind.MEETING)
    entry.staff.add(ConsultantFactory())
    entry.contacts.add(*contacts)
    return entry


def test_years_before_keeps_the_day_and_moves_a_leap_day_to_the_28th():
    assert years_before(dt.date(2026, 12, 4), 1) == dt.date(2025, 12, 4)
    assert years_before(dt.date(2028, 2, 29), 1) == dt.date(2027, 2, 28)


def test_an_hr_head_is_listed_until_taking_part_in_a_contact_logged_this_year():
    org = OrganisationFactory(name="Kulturförvaltningen")
    met = ContactFactory(organisation=org, name="Anna HR-chef", role=ContactRole.HR_HEAD)
    last_year = ContactFactory(organisation=org, name="Bo HR-chef", role=ContactRole.HR_HEAD)
    never = ContactFactory(organisation=org, name="Cia HR-chef", role=ContactRole.HR_HEAD)
    absent = ContactFactory(organisation=org, name="Dan HR-chef", role=ContactRole.HR_HEAD)
    ContactFactory(organisation=org, name="Eva HR", role=ContactRole.HR)  # HR, not the head: never listed
    ContactFactory(organisation=org, name="Fia gammal", role=ContactRole.HR_HEAD, active=False)
    ContactFactory(organisation=OrganisationFactory(active=False), role=ContactRole.HR_HEAD)
    log(org, dt.date(2026, 1, 1), met)  # the first day of the year counts
    log(org, dt.date(2025, 12, 31), last_year)  # the last day of last year does not
    log(org, dt.date(2026, 5, 5))  # a contact with the organisation where Dan did not take part
    rows = {c.name: c.last_contact for c in hr_heads_without_contact(year=2026)}
    assert rows == {"Bo HR-chef": dt.date(2025, 12, 31), "Cia HR-chef": None, "Dan HR-chef": None}
    assert absent.name in rows and met.name not in rows and never.name in rows
    # for the year before, Anna had not been met and Bo had
    assert {c.name for c in hr_heads_without_contact(year=2025)} == {"Anna HR-chef", "Cia HR-chef", "Dan HR-chef"}


def test_an_organisation_without_an_order_after_the_same_day_last_year_is_listed():
    recent = OrganisationFactory(name="A nyss")
    boundary_in = OrganisationFactory(name="B dagen efter")
    boundary_out = OrganisationFactory(name="C samma dag i fjol")
    never = OrganisationFactory(name="D aldrig")
    OrganisationFactory(name="E inaktiv", active=False)
    AssignmentFactory(organisation=recent, ordered_on=dt.date(2026, 11, 1))
    AssignmentFactory(organisation=recent, ordered_on=dt.date(2020, 1, 1))
    AssignmentFactory(organisation=boundary_in, ordered_on=dt.date(2025, 12, 5))
    AssignmentFactory(organisation=boundary_out, ordered_on=dt.date(2025, 12, 4))
    AssignmentFactory(organisation=boundary_out, ordered_on=dt.date(2024, 3, 1), status=Status.CANCELLED,
                      lead_consultant=None)
    mine = {recent.pk, boundary_in.pk, boundary_out.pk, never.pk} | {o.pk for o in Organisation.objects.filter(
        name="E inaktiv")}  # the migrations seed the city's organisations; only these are looked at
    rows = [(o.name, o.last_ordered) for o in organisations_without_order(on=DAY) if o.pk in mine]
    # never ordered first, then the longest since the last order
    assert rows == [("D aldrig", None), ("C samma dag i fjol", dt.date(2025, 12, 4))]
    assert never.name == rows[0][0] and boundary_in.name not in dict(rows)


def test_managers_hired_through_a_manager_package_in_two_years_and_whether_they_ordered_since():
    chef = package("CHEF")
    assert chef.manager_package
    org = OrganisationFactory(name="Stadsdel Norr")
    closed = {"package": chef, "organisation": org, "status": Status.CLOSED_HIRED}
    a1 = AssignmentFactory(reference="2025-0001", closed_on=dt.date(2025, 3, 1), **closed)
    ordered = HireFactory(assignment=a1, name="  Lena Lind ", email="")
    a2 = AssignmentFactory(reference="2025-0002", closed_on=dt.date(2025, 6, 1), **closed)
    not_ordered = HireFactory(assignment=a2, name="Per Persson", email="")
    by_mail = HireFactory(assignment=AssignmentFactory(reference="2024-0003", closed_on=dt.date(2024, 12, 4), **closed),
                          name="Sara Svensson", email="sara.s@stockholm.se")
    # before the window (closed the day before two years back), and a staff package: never listed
    HireFactory(assignment=AssignmentFactory(closed_on=dt.date(2024, 12, 3), **closed), name="För gammal")
    HireFactory(assignment=AssignmentFactory(organisation=org, closed_on=dt.date(2026, 1, 1),
                                             status=Status.CLOSED_HIRED), name="Medarbetare")
    # no closing day: the start date decides
    by_start = HireFactory(assignment=AssignmentFactory(closed_on=None, **{**closed, "status": Status.REFERENCES}),
                           name="Ola Start", start_date=dt.date(2026, 2, 1))
    # Lena (name, other case) ordered twice after being recruited, once before; Sara under another name
    lena = ContactFactory(organisation=OrganisationFactory(), name="lena lind")
    AssignmentFactory(reference="2025-0100", contact=lena, organisation=lena.organisation,
                      ordered_on=dt.date(2025, 2, 1))
    AssignmentFactory(reference="2025-0200", contact=lena, organisation=lena.organisation,
                      ordered_on=dt.date(2025, 9, 1))
    AssignmentFactory(reference="2026-0300", contact=lena, organisation=lena.organisation,
                      ordered_on=dt.date(2026, 4, 1))
    sara = ContactFactory(organisation=org, name="Sara Andersson", email="Sara.S@stockholm.se")
    AssignmentFactory(reference="2025-0400", contact=sara, organisation=org, ordered_on=dt.date(2025, 1, 10))
    # Per's namesake ordered only on his own recruitment day (not after it)
    per = ContactFactory(organisation=org, name="Per Persson", email="per.p@stockholm.se")
    AssignmentFactory(reference="2025-0500", contact=per, organisation=org, ordered_on=dt.date(2025, 6, 1))

    rows = {h.name.strip(): (h.recruited_on, h.later_orders, h.first_later_reference, h.first_later_on)
            for h in recruited_managers(on=DAY)}
    assert rows == {
        "Lena Lind": (dt.date(2025, 3, 1), 2, "2025-0200", dt.date(2025, 9, 1)),
        "Per Persson": (dt.date(2025, 6, 1), 0, None, None),
        "Sara Svensson": (dt.date(2024, 12, 4), 1, "2025-0400", dt.date(2025, 1, 10)),
        "Ola Start": (dt.date(2026, 2, 1), 0, None, None),
    }
    assert {ordered.pk, not_ordered.pk, by_mail.pk, by_start.pk} == {h.pk for h in recruited_managers(on=DAY)}


def test_first_time_customers_follow_the_reporting_rule_first_assignment_ever_in_the_year():
    new_org = OrganisationFactory(name="Ny kund")
    old_org = OrganisationFactory(name="Gammal kund")
    new_manager = ContactFactory(organisation=old_org, name="Ny chef")
    AssignmentFactory(organisation=new_org, contact=ContactFactory(organisation=new_org, name="Nyas chef"),
                      ordered_on=dt.date(2026, 2, 1))
    AssignmentFactory(organisation=new_org, contact=None, ordered_on=dt.date(2026, 8, 1))
    AssignmentFactory(organisation=old_org, contact=ContactFactory(organisation=old_org, name="Gammal chef"),
                      ordered_on=dt.date(2025, 12, 31))
    AssignmentFactory(organisation=old_org, contact=new_manager, ordered_on=dt.date(2026, 1, 1))
    found = first_time_customers(year=2026)
    assert [(o.name, o.first_ordered) for o in found["organisations"]] == [("Ny kund", dt.date(2026, 2, 1))]
    assert [(c.name, c.first_ordered) for c in found["hiring_managers"]] == [
        ("Ny chef", dt.date(2026, 1, 1)), ("Nyas chef", dt.date(2026, 2, 1))]
    assert [o.name for o in first_time_customers(year=2025)["organisations"]] == ["Gammal kund"]
