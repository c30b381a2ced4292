import datetime as dt
from decimal import Decimal

from allocation.models import AvailabilityKind, AvailabilityPeriod, ConsultantProfile, DevelopmentGoal
from timeline.models import Plan, PlanStep


def plan(assignment, start: dt.date, end: dt.date) -> Plan:
    """A plan from `start` whose last step is planned on `end` (the steps between do not matter here)."""
    p = Plan.objects.create(assignment=assignment, start_on=start)
    PlanStep.objects.create(plan=p, step="start_meeting", position=1, planned_on=start)
    PlanStep.objects.create(plan=p, step="decision", position=2, planned_on=end)
    return p


def profile(consultant, **fields) -> ConsultantProfile:
    return ConsultantProfile.objects.create(consultant=consultant, **fields)


def leave(prof: ConsultantProfile, start: dt.date, end: dt.date) -> AvailabilityPeriod:
    return AvailabilityPeriod.objects.create(profile=prof, kind=AvailabilityKind.LEAVE, starts_on=start, ends_on=end)


def part_time(prof: ConsultantProfile, start: dt.date, end: dt.date, fte: str) -> AvailabilityPeriod:
    return AvailabilityPeriod.objects.create(profile=prof, kind=AvailabilityKind.PART_TIME, starts_on=start,
                                             ends_on=end, fte=Decimal(fte))


def goal(prof: ConsultantProfile, text: str, **fields) -> DevelopmentGoal:
    return DevelopmentGoal.objects.create(profile=prof, text=text, **fields)
