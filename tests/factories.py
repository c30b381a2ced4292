"""factory_boy factories shared by every app's tests."""
import datetime as dt
import uuid
from decimal import Decimal

import factory
from django.contrib.auth.models import Group, User
from django.utils import timezone

from assignments import models as m
from recruitment.roles import GROUP_NAMES
from surveys.models import Answer, Invitation, InvitationStatus, Response, SurveyVersion, response_origin


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


class SurveyVersionFactory(factory.django.DjangoModelFactory):
    """The version of a kind for a year: the seeded one when there is one (one version per kind and year)."""

    class Meta:
        model = SurveyVersion
        django_get_or_create = ("kind", "year")

    kind = "customer"
    year = 2025
    title = factory.LazyAttribute(lambda o: f"{o.kind} {o.year}")


class InvitationFactory(factory.django.DjangoModelFactory):
    """A scheduled invitation due now, made without the scheduling rules; a candidate one has no contact.

    `InvitationFactory(sent=True)` is one as the dispatcher leaves it after sending (sent a day ago, its
    link open for 30 days); give it a token with `surveys.tokens.issue` before saving (`.build()`).
    """

    class Meta:
        model = Invitation

    kind = "customer"
    status = InvitationStatus.SCHEDULED
    assignment = factory.SubFactory(AssignmentFactory)
    contact = factory.LazyAttribute(lambda o: None if o.kind == "candidate" else o.assignment.contact)
    due_at = factory.LazyFunction(timezone.now)
    # a candidate invitation is a round of its own unless given one
    candidate_round = factory.LazyAttribute(lambda o: uuid.uuid4() if o.kind == "candidate" else None)

    class Params:
        sent = factory.Trait(
            status=InvitationStatus.SENT,
            due_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1)),
            sent_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1)),
            expires_at=factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30)),
            # a candidate link answerable at once: its round (of its own) is open
            round_opened_at=factory.LazyAttribute(lambda o: o.sent_at if o.kind == "candidate" else None),
        )


def answers_store(response: Response, answers: dict, not_applicable=()) -> None:
    """Answers {key: number | "ja" | "nej" | text}; keys in `not_applicable` stored as N/A."""
    rows = [
        Answer(response=response, question_key=key,
               value_number=1 if value == "ja" else 0 if value == "nej" else value if isinstance(value, int) else None,
               value_text=value if isinstance(value, str) and value not in ("ja", "nej") else "")
        for key, value in answers.items()
    ]
    rows += [Answer(response=response, question_key=key, not_applicable=True) for key in not_applicable]
    Answer.objects.bulk_create(rows)


class ResponseFactory(factory.django.DjangoModelFactory):
    """A submitted response, stored as the answer pages store one (`surveys.models.response_origin`).

    A candidate response keeps no assignment and the first day of its month, whatever is passed;
    `consultant`, when given (even None), replaces the copied consultant. `answers` and
    `not_applicable` as in answers_store.
    """

    class Meta:
        model = Response

    kind = "candidate"
    assignment = factory.SubFactory(AssignmentFactory)
    training_session = None
    submitted_on = dt.date(2025, 5, 14)
    version = factory.SubFactory("tests.factories.SurveyVersionFactory", kind=factory.SelfAttribute("..kind"),
                                 year=factory.SelfAttribute("..submitted_on.year"))

    @classmethod
    def _create(cls, model_class, *args, answers=None, not_applicable=(), **kwargs):
        origin = response_origin(kind=kwargs["kind"], on=kwargs.pop("submitted_on"),
                                 assignment=kwargs.pop("assignment"), training_session=kwargs.pop("training_session"))
        if "consultant" in kwargs:  # given, even None: instead of the copied one
            origin.pop("consultant_id")
        response = model_class.objects.create(**origin, **kwargs)
        answers_store(response, answers or {}, not_applicable)
        return response


class AnswerFactory(factory.django.DjangoModelFactory):
    """One answer to a response (a scale answer of 8 unless told); `answers=` on ResponseFactory makes many."""

    class Meta:
        model = Answer

    response = factory.SubFactory(ResponseFactory)
    question_key = "overall"
    value_number = 8
