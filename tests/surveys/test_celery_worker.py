"""The dispatch task on a real Celery worker with Redis as broker, mail to a real SMTP server."""
import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.db import connection

from recruitment.celery import app
from surveys.models import Invitation, InvitationStatus
from surveys.tasks import dispatch_due
from tests.redis_broker import TEST_REDIS_URL, broker, queue_length, redis_reachable

from .helpers import due_candidate_invitation, due_invitation


@pytest.fixture
def celery_app():
    """The app on TEST_REDIS_URL under a key prefix of this test's own (nothing is flushed)."""
    if not redis_reachable():
        pytest.skip(f"Redis is not reachable at {TEST_REDIS_URL}")
    with broker(app) as prefix:
        app.test_key_prefix = prefix
        yield app


def _close_db(**kwargs):
    connection.close()  # the worker thread's own connection, so the test database can be dropped


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_due_invitations_through_redis(celery_app, smtp_server):
    invitations = [due_invitation() for _ in range(5)] + [due_candidate_invitation() for _ in range(2)]
    dispatch_due.delay()  # queued in Redis: nothing runs until a worker takes it
    assert queue_length(celery_app.test_key_prefix) == 1
    assert not smtp_server.collector.wait_for(1, timeout=1)
    task_postrun.connect(_close_db, weak=False)
    try:
        with start_worker(celery_app, perform_ping_check=False, shutdown_timeout=30):
            arrived = smtp_server.collector.wait_for(len(invitations), timeout=30)
    finally:
        task_postrun.disconnect(_close_db)
    assert arrived, f"only {len(smtp_server.collector.received)} messages arrived"
    counts = smtp_server.collector.per_recipient()
    assert len(counts) == 7 and set(counts.values()) == {1}
    assert set(Invitation.objects.values_list("status", flat=True)) == {InvitationStatus.SENT}
