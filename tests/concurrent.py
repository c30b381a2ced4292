"""Running code in parallel transactions in tests (each thread has its own database connection)."""
from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connections


def run_in_threads(*targets: Callable[[], None], timeout: float = 20) -> list[Exception]:
    """Start each function in its own thread, wait for all, and return what they raised."""
    errors: list[Exception] = []

    def guarded(target):
        def run():
            try:
                target()
            except Exception as exc:  # reported to the test
                errors.append(exc)
            finally:
                connections.close_all()
        return run

    threads = [threading.Thread(target=guarded(target)) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return errors
