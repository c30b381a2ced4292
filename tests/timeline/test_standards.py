"""The seeded standard timelines: every recruitment package, its steps, in order."""
import pytest

from assignments.models import Package
from timeline.models import StandardTimeline
from timeline.services import Standards
from timeline.steps import ORDER

pytestmark = pytest.mark.django_db


def keys(code):
    timeline = StandardTimeline.objects.get(package__code=code)
    return [s.step for s in timeline.steps.all()]


def test_every_recruitment_package_has_a_standard_timeline():
    with_timeline = set(StandardTimeline.objects.values_list("package__code", flat=True))
    assert set(Package.objects.values_list("code", flat=True)) - with_timeline == {"REFERENS", "KBR", "OVRIG"}


def test_the_full_package_has_every_step_in_order():
    assert keys("STORA") == ORDER


def test_lilla_paketet_has_no_tests_interviews_or_references():
    assert keys("LILLA") == ["start_meeting", "ad_published", "application_deadline", "selection", "decision",
                             "closed"]


def test_totals_are_the_documented_medians():
    totals = {t.package.code: sum(s.days for s in t.steps.all())
              for t in StandardTimeline.objects.select_related("package").prefetch_related("steps")}
    assert totals["STORA"] == 50 and totals["CHEF"] == 52 and totals["LILLA"] == 47


def test_the_standard_in_force_is_the_latest_year_not_after_the_start():
    stora = Package.objects.get(code="STORA")
    newer = StandardTimeline.objects.create(package=stora, year=2026)
    standards = Standards()
    assert standards.for_package(stora.pk, 2025).year == 2016
    assert standards.for_package(stora.pk, 2027) == newer
    assert standards.for_package(stora.pk, 2010).year == 2016  # before any: the earliest
    assert standards.for_package(Package.objects.get(code="KBR").pk, 2025) is None
