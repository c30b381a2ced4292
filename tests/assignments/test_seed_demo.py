"""`manage.py seed_demo`: demo log-ins that work, the city's customers, consultants, three years of work."""
import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Sum
from django.utils import timezone

from assignments.demo.seed import DEMO_PASSWORD
from assignments.models import (
    Assignment,
    BillingLine,
    Consultant,
    ConsultantBudget,
    Hire,
    Organisation,
    Project,
    StatusChange,
    Unit,
)
from recruitment.roles import CONSULTANT, COORDINATOR, MANAGER, has_role, user_consultant
from tests.conftest import data_for_the_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """One demo for the module's tests, which only read it (each test's own writes roll back); the
    command's printed output. Tests that need an empty register are in test_seed_demo_guards.py."""
    with data_for_the_module(django_db_blocker):
        out = io.StringIO()
        call_command("seed_demo", "--per-year", "150", stdout=out)
        yield out.getvalue()


def test_it_prints_where_to_go_and_how_each_role_logs_in(seeded, client):
    assert "http://127.0.0.1:8000" in seeded
    for username, role in (("koordinator", COORDINATOR), ("konsult", CONSULTANT), ("chef", MANAGER)):
        assert f"användarnamn {username}" in seeded
        assert client.login(username=username, password=DEMO_PASSWORD)
        from django.contrib.auth.models import User

        assert has_role(User.objects.get(username=username), role)
    assert DEMO_PASSWORD in seeded


def test_the_demo_consultant_has_assignments_of_their_own(seeded):
    from django.contrib.auth.models import User

    consultant = user_consultant(User.objects.get(username="konsult"))
    mine = Assignment.objects.for_consultant(consultant)
    assert mine.count() > 10 and mine.open().exists()


def test_it_creates_the_citys_districts_administrations_and_companies_under_their_parent(seeded):
    districts = Organisation.objects.filter(kind="stadsdelsforvaltning")
    assert districts.count() == 13
    assert districts.filter(name="Skärholmens stadsdelsförvaltning").exists()
    assert Organisation.objects.filter(kind="fackforvaltning", name="Utbildningsförvaltningen").exists()
    parent = Organisation.objects.get(name="Stockholms Stadshus AB")
    assert set(parent.subsidiaries.values_list("name", flat=True)) >= {"Svenska Bostäder", "Familjebostäder",
                                                                      "Stockholm Vatten och Avfall"}
    assert not Organisation.objects.annotate(n=Count("contacts")).filter(n=0).exclude(pk=parent.pk).exists()


def test_it_creates_25_consultants_in_two_units_with_managers_and_budgets(seeded):
    assert Consultant.objects.count() == 25
    assert set(Consultant.objects.values_list("unit__name", flat=True)) == {"Enhet 1", "Enhet 2"}
    assert not Unit.objects.filter(manager__isnull=True).exists()
    this_year = timezone.localdate().year
    assert set(ConsultantBudget.objects.values_list("year", flat=True)) == {this_year - 2, this_year - 1, this_year}


def test_it_creates_three_years_of_assignments_with_billing_status_history_and_hires(seeded):
    years = set(Assignment.objects.values_list("ordered_on__year", flat=True))
    assert len(years) == 3
    assert not Assignment.objects.annotate(n=Count("billing_lines")).filter(n=0).exists()
    assert not Assignment.objects.annotate(n=Count("status_changes")).filter(n=0).exists()
    assert StatusChange.objects.count() > 3 * Assignment.objects.count()
    hired = Assignment.objects.filter(status="closed_hired")
    assert not hired.annotate(n=Count("hires")).filter(n=0).exists()
    assert Hire.objects.filter(start_date__isnull=False).count() == Hire.objects.count()
    assert Assignment.objects.open().exists() and Assignment.objects.filter(status="cancelled").exists()
    assert BillingLine.objects.filter(kind="extra_hours").exists()
    assert Assignment.history.count() == Assignment.objects.count()
    # each assignment's invoiced total is the sum of its lines
    sums = dict(Assignment.objects.annotate(s=Sum("billing_lines__amount")).values_list("pk", "s"))
    assert dict(Assignment.objects.values_list("pk", "invoiced_total")) == sums


def test_it_includes_a_volume_project_with_many_hires(seeded):
    project = Project.objects.annotate(hires=Count("assignments__hires")).order_by("-hires").first()
    assert project.lead is not None
    assert project.assignments.count() >= 10 and project.hires >= 70


def test_if_empty_leaves_an_existing_register_alone_but_still_prints_the_log_ins(seeded):
    before = (Assignment.objects.count(), Hire.objects.count(), Organisation.objects.count())
    out = io.StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert "redan data" in out.getvalue() and "användarnamn konsult" in out.getvalue()
    assert before == (Assignment.objects.count(), Hire.objects.count(), Organisation.objects.count())
    with pytest.raises(CommandError, match="redan uppdrag"):
        call_command("seed_demo", stdout=io.StringIO())
