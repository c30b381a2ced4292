"""`manage.py seed_demo` on a register of its own: around records already there, and under production settings."""
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from assignments.models import Assignment, Consultant, Hire, Organisation

pytestmark = pytest.mark.django_db


def test_it_fills_in_around_customers_and_consultants_already_registered():
    from tests.factories import ConsultantFactory, OrganisationFactory

    OrganisationFactory(name="Bromma stadsdelsförvaltning", kind="stadsdelsforvaltning")
    ConsultantFactory(name="Karin Konsult", email="karin.konsult@rekrytering.example.se")

    call_command("seed_demo", "--if-empty", "--per-year", "30", stdout=io.StringIO())

    assert Organisation.objects.filter(name="Bromma stadsdelsförvaltning").count() == 1
    assert Consultant.objects.count() == 25
    assert Assignment.objects.filter(organisation__name="Bromma stadsdelsförvaltning").exists()


@override_settings(IS_PRODUCTION=True)
def test_under_production_settings_it_refuses_without_the_explicit_flag_and_writes_nothing():
    from django.contrib.auth.models import User

    def counts():
        return [m.objects.count() for m in (User, Assignment, Organisation, Consultant, Hire)]

    before = counts()
    with pytest.raises(CommandError, match="produktionsinställningar.*--i-know-this-is-production"):
        call_command("seed_demo", "--per-year", "30", stdout=io.StringIO())
    assert counts() == before
    assert not User.objects.filter(username="koordinator").exists()


@override_settings(IS_PRODUCTION=True)
def test_under_production_settings_it_runs_when_told_it_is_production():
    call_command("seed_demo", "--per-year", "30", "--i-know-this-is-production", stdout=io.StringIO())
    assert Assignment.objects.exists()
