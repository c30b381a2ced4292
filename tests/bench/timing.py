"""Timing helpers shared by the benchmarks.

Under pytest-django every template render is instrumented for the test client
(`django.test.utils.instrumented_test_render` sends a signal, and the client copies
the whole context for each template and include). A server does none of that, so
the benchmarks time requests with Django's own `Template._render` restored.
"""
from __future__ import annotations

import statistics
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.template import Template
from django.test.utils import _TestState


@contextmanager
def server_rendering():
    """Templates render as in a server (no test-client instrumentation) inside the block."""
    instrumented = Template._render
    original = getattr(getattr(_TestState, "saved_data", None), "template_render", None)
    if original is None:  # not under the test environment: nothing to undo
        yield
        return
    Template._render = original
    try:
        yield
    finally:
        Template._render = instrumented


@dataclass(frozen=True)
class Timing:
    wall_ms: float  # median wall time of a request
    cpu_ms: float  # median CPU time of this process during a request


def interleaved_medians(pages: dict, *, rounds: int, warm: int = 3) -> dict[str, Timing]:
    """{name: Timing} for pages {name: (client, url)}: the pages take turns, so that noise from other
    processes falls on all of them alike, and templates render as in a server."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in pages}
    with server_rendering():
        for client, url in pages.values():
            for _ in range(warm):  # caches, templates and query plans
                assert client.get(url).status_code == 200, url
        for _ in range(rounds):
            for name, (client, url) in pages.items():
                start, start_cpu = time.perf_counter(), time.process_time()
                response = client.get(url)
                times[name].append(((time.perf_counter() - start) * 1000, (time.process_time() - start_cpu) * 1000))
                assert response.status_code == 200, url
    return {name: Timing(statistics.median(w for w, _ in t), statistics.median(c for _, c in t))
            for name, t in times.items()}
