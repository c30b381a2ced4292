"""The answer page says which recruitment a customer or six-month survey is about, never anything on a
candidate's page, and numbers its questions without gaps when a conditional question is hidden."""
import re

import pytest

from surveys.forms.answering import question_numbers
from surveys.models import Question
from tests.factories import AssignmentFactory, ConsultantFactory, OrganisationFactory, package

from .helpers import invitation_with_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def assignment():
    return AssignmentFactory(role_title="Enhetschef hemtjänst", organisation=OrganisationFactory(name="Farsta sdf"),
                             lead_consultant=ConsultantFactory(name="Karin Ödmark"), package=package("STORA"))


@pytest.mark.parametrize("kind", ["customer", "six_month"])
def test_a_managers_survey_names_the_role_the_workplace_and_the_consultant(client, assignment, kind):
    _invitation, token = invitation_with_token(assignment=assignment, kind=kind)
    body = client.get(f"/s/{token}/").content.decode()
    for text in ("Enhetschef hemtjänst", "Farsta sdf", "Karin Ödmark"):
        assert text in body
    # the same after a refused answer
    again = client.post(f"/s/{token}/", {"nps": "inf"}).content.decode()
    assert "Enhetschef hemtjänst" in again and "Karin Ödmark" in again


def test_a_candidates_survey_says_nothing_about_the_recruitment(client, assignment):
    _invitation, token = invitation_with_token(assignment=assignment, kind="candidate")
    body = client.get(f"/s/{token}/").content.decode()
    assert "Enhetschef hemtjänst" not in body and "Farsta sdf" not in body
    assert "Enkäten gäller rekryteringen av" not in body


def test_a_conditional_question_takes_a_letter_so_hiding_it_leaves_no_gap():
    questions = [Question(key="a"), Question(key="tests", condition={}), Question(key="info",
                 condition={"key": "tests", "equals": "ja"}), Question(key="overall")]
    assert question_numbers(questions) == {"a": "1", "tests": "2", "info": "2 a", "overall": "3"}


def test_the_candidate_form_numbers_its_questions_without_gaps(client, assignment):
    _invitation, token = invitation_with_token(assignment=assignment, kind="candidate")
    body = client.get(f"/s/{token}/").content.decode()
    numbers = re.findall(r"Fråga (\d+) av (\d+)", body)
    whole = [int(n) for n, _total in numbers]
    assert whole == sorted(set(whole)) and whole == list(range(1, len(whole) + 1))
    assert {int(total) for _n, total in numbers} == {len(whole)}
