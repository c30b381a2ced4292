"""The dispatch task on a real Celery worker with Redis as broker, mail to a real SMTP server."""
import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.db import connection

from recruitment.celery import app
from surveys.models import Invitation, InvitationStatus
from surveys.tasks import dispatch_due

from .helpers import due_candidate_invitation, due_invitation

BROKER = "redis://127.0.0.1:6379/5"


def redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(BROKER, socket_connect_timeout=1).ping())
    except redis.exceptions.ConnectionError:
        return False


@pytest.fixture
def celery_app():
    if not redis_reachable():
        pytest.skip("Redis is not reachable on 127.0.0.1:6379")
    import redis

    redis.Redis.from_url(BROKER).flushdb()  # our own database number: no stale tasks
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=BROKER, task_always_eager=False)
    # connection and producer pools made earlier in the session point at the old broker
    app._pool = None
    app.amqp._producer_pool = None
    yield app
    app.conf.update(saved)
    app.pool.force_close_all()


def _close_db(**kwargs):
    connection.close()  # the worker thread's own connection, so the test database can be dropped


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_due_invitations_through_redis(celery_app, smtp_server):
    invitations = [due_invitation() for _ in range(5)] + [due_candidate_invitation() for _ in range(2)]
    import redis

    dispatch_due.delay()  # queued in Redis: nothing runs until a worker takes it
    assert redis.Redis.from_url(BROKER).llen("celery") == 1
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
