"""factory_boy factories shared by every app's tests."""
import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth.models import Group, User

from assignments import models as m
from assignments.roles import GROUP_NAMES


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@rekrytering.example.se")
    password = factory.django.Password("pw-test-12345")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            self.groups.add(Group.objects.get(name=GROUP_NAMES[role]))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Förvaltning {n}")
    kind = m.OrganisationKind.ADMINISTRATION


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Contact

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Chef {n}")
    email = factory.Sequence(lambda n: f"chef{n}@forvaltning.example.se")


class ConsultantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Consultant

    name = factory.Sequence(lambda n: f"Konsult {n}")
    email = factory.Sequence(lambda n: f"konsult{n}@rekrytering.example.se")
    unit = factory.LazyFunction(lambda: m.Unit.objects.get(name="Enhet 1"))
    fte = Decimal("1.00")


def package(code: str) -> m.Package:
    return m.Package.objects.get(code=code)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Assignment

    reference = factory.Sequence(lambda n: f"2025-{n + 1:04d}")
    organisation = factory.SubFactory(OrganisationFactory)
    contact = factory.SubFactory(ContactFactory, organisation=factory.SelfAttribute("..organisation"))
    sector = m.Sector.OTHER
    role_title = "Förskollärare"
    role_level = m.RoleLevel.STAFF
    lead_consultant = factory.SubFactory(ConsultantFactory)
    package = factory.LazyFunction(lambda: package("STORA"))
    ordered_on = dt.date(2025, 3, 1)


class HireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Hire

    assignment = factory.SubFactory(AssignmentFactory)
    name = factory.Sequence(lambda n: f"Kandidat {n}")
    email = factory.Sequence(lambda n: f"kandidat{n}@example.se")
    start_date = dt.date(2025, 6, 1)
