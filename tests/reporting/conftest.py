import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Dashboard figures are cached; each test starts without any."""
    cache.clear()
    yield
    cache.clear()
