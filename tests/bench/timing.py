"""Timing helpers shared by the benchmarks.

Under pytest-django every template render is instrumented for the test client
(`django.test.utils.instrumented_test_render` sends a signal, and the client copies
the whole context for each template and include). A server does none of that, so
the benchmarks time requests with Django's own `Template._render` restored.
"""
from __future__ import annotations

from contextlib import contextmanager

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
