"""The answer page's one-query read gives exactly what the general selectors give."""
import datetime as dt

import pytest
import time_machine

from assignments.models import Package
from surveys.models import InvitationStatus, Question, SurveyVersion
from surveys.selectors.answering import answer_form_for_token, invitation_for_token, questions_for
from tests.factories import AssignmentFactory

from .helpers import invitation_with_token

FIELDS = ("pk", "key", "text", "qtype", "required", "order", "choices", "condition", "allow_not_applicable",
          "requires_interviews", "requires_tests")


def _shape(version, questions):
    return ((version.pk, version.kind, version.year, version.title, version.intro, version.stem),
            [tuple(getattr(q, f) for f in FIELDS) for q in questions])


def _expected(token):
    return _shape(*questions_for(invitation_for_token(token)))


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["customer", "candidate", "six_month"])
def test_it_gives_the_same_version_and_questions_as_the_general_selectors_for_every_package(kind):
    packages = list(Package.objects.all())
    assert packages
    for pkg in packages:
        _invitation, token = invitation_with_token(kind=kind, assignment=AssignmentFactory(package=pkg))
        assert _shape(*answer_form_for_token(token)[:2]) == _expected(token), pkg.code


@pytest.mark.django_db
@pytest.mark.parametrize("day", [dt.date(2019, 6, 1), dt.date(2021, 6, 1), dt.date(2023, 1, 1),
                                 dt.date(2024, 12, 31), dt.date(2031, 6, 1)])
def test_it_picks_the_version_in_force_like_version_for(day):
    with time_machine.travel(dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC), tick=False):
        _invitation, token = invitation_with_token(kind="customer")
        version, questions, _about = answer_form_for_token(token)
        assert _shape(version, questions) == _expected(token)
        # before the first version the earliest applies; otherwise the latest from the year or before
        assert version.year == (2020 if day.year < 2020 else max(y for y in (2020, 2023, 2025) if y <= day.year))


@pytest.mark.django_db
def test_it_reads_everything_in_one_query(django_assert_num_queries):
    _invitation, token = invitation_with_token(kind="customer")
    with django_assert_num_queries(1):
        version, questions, _about = answer_form_for_token(token)
    assert version.kind == "customer" and len(questions) >= 10


@pytest.mark.django_db
@pytest.mark.parametrize("status", [InvitationStatus.ANSWERED, InvitationStatus.EXPIRED, InvitationStatus.CANCELLED,
                                    InvitationStatus.SCHEDULED, InvitationStatus.SKIPPED])
def test_it_gives_nothing_for_a_link_that_cannot_be_answered(status):
    _invitation, token = invitation_with_token(status=status)
    assert answer_form_for_token(token) is None


@pytest.mark.django_db
def test_it_gives_nothing_for_an_expired_or_unknown_link():
    _invitation, token = invitation_with_token(expires_in_days=-1)
    assert answer_form_for_token(token) is None
    assert answer_form_for_token("x" * 43) is None
    assert answer_form_for_token("") is None and answer_form_for_token("x" * 101) is None


@pytest.mark.django_db
def test_it_gives_a_version_without_questions_as_an_empty_list():
    _invitation, token = invitation_with_token(kind="six_month")
    version = SurveyVersion.objects.get(kind="six_month", year=2025)
    Question.objects.filter(version=version).delete()
    got_version, questions, _about = answer_form_for_token(token)
    assert (got_version.pk, questions) == (version.pk, [])


@pytest.mark.django_db
def test_it_gives_nothing_when_the_kind_has_no_version():
    _invitation, token = invitation_with_token(kind="six_month")
    SurveyVersion.objects.filter(kind="six_month").delete()
    assert answer_form_for_token(token) is None
