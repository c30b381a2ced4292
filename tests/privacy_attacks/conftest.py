"""The pack's hand-made customers and the review tests' people, shared with the attacks."""
from tests.customerpack.conftest import _empty_cache, world  # noqa: F401
from tests.reviews.conftest import people  # noqa: F401
