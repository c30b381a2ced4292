"""Tabs submitting the same link at the same moment store exactly one response (PostgreSQL)."""
import threading
from unittest import mock

import pytest
from django.db import connection

from surveys.models import Answer, Invitation, InvitationStatus, Response, SpentToken
from surveys.services.answering import LinkUnavailable, response_submit
from tests.factories import HireFactory

from .helpers import invitation_with_token
from .test_answering import candidate_data, customer_data


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locking needs PostgreSQL")
def test_two_threads_submitting_one_token_store_one_response():
    invitation, token = invitation_with_token()
    outcomes = _submit_at_once(token, lambda n: customer_data(planning=n))
    assert sorted(outcomes) == ["refused", "refused", "refused", "stored"]
    assert Response.objects.count() == 1
    assert Answer.objects.filter(question_key="planning").count() == 1
    assert Invitation.objects.get(pk=invitation.pk).status == InvitationStatus.ANSWERED


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locking needs PostgreSQL")
def test_threads_submitting_one_candidate_link_store_one_response_and_spend_it_once():
    hire = HireFactory()
    invitation, token = invitation_with_token(assignment=hire.assignment, kind="candidate", hire=hire,
                                              email=hire.email)
    outcomes = _submit_at_once(token, lambda n: candidate_data(overall=n))
    assert sorted(outcomes) == ["refused", "refused", "refused", "stored"]
    assert Response.objects.count() == 1
    assert Answer.objects.filter(question_key="overall").count() == 1
    assert SpentToken.objects.count() == 1
    assert Invitation.objects.get(pk=invitation.pk).status == InvitationStatus.SENT  # the invitation is not told


def _submit_at_once(token, data_for) -> list[str]:
    """Four threads submit the link at the same moment; their outcomes ("stored" or "refused")."""
    barrier = threading.Barrier(4)
    outcomes = []

    def submit(planning):
        from django.db import connection as thread_connection
        try:
            barrier.wait()
            response_submit(token=token, data=data_for(planning))
            outcomes.append("stored")
        except LinkUnavailable:
            outcomes.append("refused")
        finally:
            thread_connection.close()

    with mock.patch("surveys.notify.low_score_flagged"):
        threads = [threading.Thread(target=submit, args=(str(n),)) for n in (7, 8, 9, 10)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    return outcomes
