"""Demo allocation profiles for `seed_demo`, so that the proposal on the intake queue ranks sensibly.

Every active consultant who leads assignments gets a profile: two or three sectors, the role levels
they recruit to (manager levels only for those qualified for manager recruitments, "högre chef" for a
few of them), test certification (every manager-qualified consultant and some others). Some
stand out, so that the demo shows each rule: one consultant is on leave for the coming weeks
(excluded with the reason), one works part time, two have development goals an order serves, and the
demo's manager order asks for a named consultant who is qualified (orders/demo.py: `WISHED`), so the
proposal puts the customer's wish first.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from assignments.models import Consultant, RoleLevel, Sector

from .models import AvailabilityKind, AvailabilityPeriod, ConsultantProfile, DevelopmentGoal
from .selectors import LEADING_ROLES

WISHED = "Sofia Berg"  # manager-qualified and test-certified: the wish the demo's manager order makes
ON_LEAVE = "Peter Holm"  # on leave from today for three weeks
PART_TIME = ("Erik Nyström", Decimal("0.50"))  # half time for the coming two months
SENIOR = ("Karin Konsult", "Sofia Berg", "Samir Ali")  # also recruit to higher managers
GOALS = {
    "David Lund": ("Första chefsrekryteringen, med en mentor", RoleLevel.MANAGER, ""),
    "Linnea Pettersson": ("Fler rekryteringar inom äldreomsorgen", "", Sector.ELDERLY),
    "Amina Mohammed": ("Bygga erfarenhet av förskolerekryteringar", RoleLevel.STAFF, Sector.PRESCHOOL),
}
REASON = "Demodata"
SECTORS = [s.value for s in Sector if s != Sector.OTHER]


def demo_profiles(*, today: dt.date) -> int:
    """Profiles, availability and goals for the active consultants who lead assignments (those without a
    profile); returns how many profiles were made."""
    consultants = list(Consultant.objects.filter(active=True, role__in=LEADING_ROLES, allocation_profile=None)
                       .order_by("name", "pk"))
    profiles = []
    for i, c in enumerate(consultants):
        levels = [RoleLevel.STAFF.value]
        if c.manager_qualified:
            levels.append(RoleLevel.MANAGER.value)
            if c.name in SENIOR:
                levels.append(RoleLevel.SENIOR_MANAGER.value)
        sectors = [SECTORS[(i + k) % len(SECTORS)] for k in range(2 + i % 2)]
        if c.name == WISHED and Sector.ELDERLY not in sectors:
            sectors.append(Sector.ELDERLY.value)
        profiles.append(ConsultantProfile(consultant=c, sectors=sectors, role_levels=levels,
                                          test_certified=c.manager_qualified or i % 3 == 0))
    profiles = bulk_create_with_history(profiles, ConsultantProfile, default_change_reason=REASON)
    by_name = {p.consultant.name: p for p in profiles}
    periods = []
    if ON_LEAVE in by_name:
        periods.append(AvailabilityPeriod(profile=by_name[ON_LEAVE], kind=AvailabilityKind.LEAVE, starts_on=today,
                                          ends_on=today + dt.timedelta(weeks=3), fte=Decimal(0),
                                          note="Semester"))
    name, fte = PART_TIME
    if name in by_name:
        periods.append(AvailabilityPeriod(profile=by_name[name], kind=AvailabilityKind.PART_TIME, starts_on=today,
                                          ends_on=today + dt.timedelta(weeks=8), fte=fte,
                                          note="Föräldraledig på deltid"))
    bulk_create_with_history(periods, AvailabilityPeriod, default_change_reason=REASON)
    goals = [DevelopmentGoal(profile=by_name[name], text=text, role_level=level, sector=sector)
             for name, (text, level, sector) in GOALS.items() if name in by_name]
    bulk_create_with_history(goals, DevelopmentGoal, default_change_reason=REASON)
    return len(profiles)
