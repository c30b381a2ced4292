"""Issue 10 point 9: a scale answer is a whole number on the scale written in plain digits, nothing float-parsed.

`inf` used to give a 500 (OverflowError, logging the still-valid link), `nan` a raw English Python
message and `1e1` was stored as 10. Every such value now re-renders the form with the Swedish
message, stores nothing and leaves the link usable.
"""
import pytest
from django.urls import reverse

from surveys.models import InvitationStatus, Question, QuestionType, Response
from surveys.services.answering import parse_value

from .helpers import invitation_with_token
from .test_answering import customer_data

MESSAGE = "Välj ett värde från 1 till 10."
NOT_SCALE_INTEGERS = [
    "inf", "-inf", "Infinity", "nan", "NaN", "1e1", "10.0", "10,0", "7.5", "0x10", "0b1", "٣", "５", "²",
    "+5", "-1", "0", "11", "1_0", "5 5", "1000000000000000000000", "9" * 5000,
]


@pytest.mark.django_db
@pytest.mark.parametrize("value", NOT_SCALE_INTEGERS)
def test_the_answer_page_refuses_anything_but_a_scale_integer_in_swedish_and_keeps_the_link(
        client, value):
    invitation, token = invitation_with_token()
    url = reverse("public_surveys:answer", args=[token])
    page = client.post(url, customer_data(planning=value))
    html = page.content.decode()
    assert page.status_code == 200
    assert f"Fråga 1: {MESSAGE}" in html
    assert "float" not in html and "convert" not in html
    assert not Response.objects.exists()
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.SENT
    assert client.post(url, customer_data(planning="7")).status_code == 302  # the link still works
    assert Response.objects.get().answers.get(question_key="planning").value_number == 7


@pytest.mark.parametrize("raw,number", [("7", 7), (" 7 ", 7), ("\t10\n", 10), ("1", 1), ("07", 7)])
def test_plain_digits_with_surrounding_whitespace_are_accepted(raw, number):
    question = Question(key="planning", qtype=QuestionType.SCALE_1_10)
    assert parse_value(question, raw).number == number


@pytest.mark.parametrize("raw", ["", "   ", None])
def test_an_empty_scale_answer_is_unanswered(raw):
    assert parse_value(Question(key="planning", qtype=QuestionType.SCALE_1_10), raw) is None


@pytest.mark.parametrize("value", NOT_SCALE_INTEGERS[:12])
def test_the_history_import_refuses_the_same_values(value):
    question = Question(key="nps", qtype=QuestionType.SCALE_0_10)
    with pytest.raises(ValueError, match="Välj ett värde från 0 till 10."):
        parse_value(question, value)
