"""The Redis broker that tests use: the database named by TEST_REDIS_URL, with keys of the test's own.

Tests never flush a Redis database. Every test that needs a real broker gets a fresh key
prefix (Kombu's `global_keyprefix`), so queues left by another run or another test cannot
reach its worker, and it deletes only the keys under its own prefix afterwards.
"""
from __future__ import annotations

import os
import uuid
from contextlib import contextmanager

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=1).ping())
    except redis.exceptions.ConnectionError:
        return False


def new_prefix() -> str:
    return f"test-{uuid.uuid4().hex}:"


def delete_prefixed(prefix: str) -> int:
    """Delete the keys under `prefix` (and only those); returns how many."""
    import redis

    client = redis.Redis.from_url(TEST_REDIS_URL)
    keys = list(client.scan_iter(match=f"{prefix}*"))
    return client.delete(*keys) if keys else 0


def queue_length(prefix: str, queue: str = "celery") -> int:
    import redis

    return redis.Redis.from_url(TEST_REDIS_URL).llen(f"{prefix}{queue}")


@contextmanager
def broker(app):
    """Point the Celery `app` at TEST_REDIS_URL under a fresh key prefix; yields the prefix."""
    prefix = new_prefix()
    keys = ("broker_url", "task_always_eager", "broker_transport_options")
    saved = {key: app.conf[key] for key in keys}
    app.conf.update(broker_url=TEST_REDIS_URL, task_always_eager=False,
                    broker_transport_options={**(saved["broker_transport_options"] or {}),
                                              "global_keyprefix": prefix})
    # connection and producer pools made earlier in the session point at the old broker
    app._pool = None
    app.amqp._producer_pool = None
    try:
        yield prefix
    finally:
        app.conf.update(saved)
        app.pool.force_close_all()
        app._pool = None
        app.amqp._producer_pool = None
        delete_prefixed(prefix)
