"""The production settings with the benchmarks' URLs (the trivial logged-in page) added."""
from recruitment.settings.production import *  # noqa: F401,F403

ROOT_URLCONF = "tests.bench.urls"
# The benchmarks' users log in with a password and measure pages, not the second factor's redirect.
TWO_FACTOR_REQUIRED = False
