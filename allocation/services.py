"""Writes of allocation: consultant profiles, availability periods, development goals, decisions."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from assignments.models import Assignment, Consultant
from assignments.services import assignment_update

from .models import AllocationDecision, AvailabilityKind, AvailabilityPeriod, ConsultantProfile, DevelopmentGoal
from .ranking import Proposal

PROFILE_FIELDS = ["sectors", "role_levels", "test_certified", "assignment_share", "notes"]


def _by(instance, by):
    if by is not None:
        instance._history_user = by
    return instance


def profile_get_or_create(*, consultant: Consultant, by=None) -> ConsultantProfile:
    profile = ConsultantProfile.objects.filter(consultant=consultant).first()
    if profile is None:
        profile = _by(ConsultantProfile(consultant=consultant), by)
        profile.save()
    return profile


def profile_update(*, consultant: Consultant, data: dict, by=None) -> ConsultantProfile:
    with transaction.atomic():
        profile = profile_get_or_create(consultant=consultant, by=by)
        for name in PROFILE_FIELDS:
            if name in data:
                setattr(profile, name, data[name])
        profile.full_clean()
        _by(profile, by).save()
    return profile


def availability_add(*, consultant: Consultant, kind: str, starts_on, ends_on, fte=None, note: str = "",
                     by=None) -> AvailabilityPeriod:
    """Add a leave (no capacity) or a part-time period with its FTE; overlapping an existing period is refused."""
    with transaction.atomic():
        profile = profile_get_or_create(consultant=consultant, by=by)
        period = AvailabilityPeriod(profile=profile, kind=kind, starts_on=starts_on, ends_on=ends_on,
                                    fte=0 if kind == AvailabilityKind.LEAVE else fte, note=note)
        if kind == AvailabilityKind.PART_TIME and fte is None:
            raise ValidationError({"fte": _("Ange tjänstgöringsgraden under deltidsperioden.")})
        period.full_clean()
        overlapping = profile.availability.filter(starts_on__lte=ends_on, ends_on__gte=starts_on)
        if overlapping.exists():
            raise ValidationError(_("Perioden överlappar en annan period för samma konsult. Ändra datumen "
                                    "eller ta bort den andra perioden först."))
        _by(period, by).save()
    return period


def availability_remove(*, period: AvailabilityPeriod, by=None) -> None:
    _by(period, by).delete()


def goal_add(*, consultant: Consultant, text: str, role_level: str = "", sector: str = "", by=None
             ) -> DevelopmentGoal:
    with transaction.atomic():
        profile = profile_get_or_create(consultant=consultant, by=by)
        goal = DevelopmentGoal(profile=profile, text=text.strip(), role_level=role_level, sector=sector)
        goal.full_clean()
        _by(goal, by).save()
    return goal


def goal_mark_achieved(*, goal: DevelopmentGoal, by=None) -> DevelopmentGoal:
    goal.achieved = True
    _by(goal, by).save(update_fields=["achieved"])
    return goal


def allocation_record(*, assignment: Assignment, consultant: Consultant, by=None,
                      proposal: list[Proposal]) -> AllocationDecision:
    """Store who was chosen, by whom, and whether it followed the proposal (its rank 1)."""
    first = proposal[0] if proposal and proposal[0].excluded is None else None
    chosen = next((p for p in proposal if p.consultant.pk == consultant.pk), None)
    return AllocationDecision.objects.create(
        assignment=assignment, consultant=consultant, decided_by=by,
        proposed=first.consultant if first else None,
        chosen_rank=chosen.rank if chosen else None,
        followed_proposal=first is not None and first.consultant.pk == consultant.pk,
        proposal=[p.as_json() for p in proposal],
    )


def allocation_decide(*, assignment: Assignment, consultant: Consultant, expected_version: int, by=None,
                      proposal: list[Proposal]) -> AllocationDecision:
    """Make `consultant` the assignment's lead (through the register's service) and record the decision."""
    with transaction.atomic():
        if assignment.lead_consultant_id != consultant.pk:
            assignment_update(assignment=assignment, data={"lead_consultant": consultant},
                              expected_version=expected_version, by=by)
        return allocation_record(assignment=assignment, consultant=consultant, by=by, proposal=proposal)
