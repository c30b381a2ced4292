"""Two tabs submitting the same link at the same moment store exactly one response (PostgreSQL)."""
import threading
from unittest import mock

import pytest
from django.db import connection

from surveys.models import Answer, Invitation, InvitationStatus, Response
from surveys.services.answering import LinkUnavailable, response_submit

from .helpers import invitation_with_token
from .test_answering import customer_data


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locking needs PostgreSQL")
def test_two_threads_submitting_one_token_store_one_response():
    invitation, token = invitation_with_token()
    barrier = threading.Barrier(4)
    outcomes = []

    def submit(planning):
        from django.db import connection as thread_connection
        try:
            barrier.wait()
            response_submit(token=token, data=customer_data(planning=planning))
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
    assert sorted(outcomes) == ["refused", "refused", "refused", "stored"]
    assert Response.objects.count() == 1
    assert Answer.objects.filter(question_key="planning").count() == 1
    assert Invitation.objects.get(pk=invitation.pk).status == InvitationStatus.ANSWERED
