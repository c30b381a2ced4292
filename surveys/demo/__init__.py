"""Demo survey history (see seed.py); called by the demo seeding of the goals app."""
from .seed import SurveyDemoResult, demo_surveys

__all__ = ["SurveyDemoResult", "demo_surveys"]
