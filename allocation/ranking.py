"""The proposal: consultants ranked for an assignment, with their reasons in words.

Rules, in order (each decides only among those the earlier ones left equal):
1. the customer's wish first, if that consultant is active and qualified;
2. required qualifications: manager and higher-manager roles only to consultants qualified for manager
   recruitments (a higher-manager role also needs "högre chef" among the profile's role levels);
   an inactive consultant, or one on leave at the start of the timeline or for more than half of its
   working days, is excluded with the reason; for a package with tests, test-certified consultants first;
3. free capacity in the weeks of the timeline: those whose free hours cover the assignment's hours first;
4. experience: the sector and role level their profile names, then their closed assignments with this
   organisation and in this sector;
5. development goals that this assignment serves;
then the most free hours, then the name. The person deciding may choose anyone.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from assignments.models import Assignment, Consultant, RoleLevel, Sector
from assignments.services import today
from timeline.workdays import Calendar, calendar_load

from .capacity import booked_by_day, leave_days, working_days
from .selectors import Person, assignment_work, booked_per_lead, open_work, past_experience, people, week_range

MANAGER_LEVELS = (RoleLevel.MANAGER, RoleLevel.SENIOR_MANAGER)


@dataclass
class Proposal:
    consultant: Consultant
    rank: int
    free_hours: Decimal
    reasons: list[str] = field(default_factory=list)
    excluded: str | None = None

    def as_json(self) -> dict:
        return {"consultant": self.consultant.email, "rank": self.rank, "free_hours": float(self.free_hours),
                "reasons": list(self.reasons), "excluded": self.excluded}


def _hours(value: Decimal) -> str:
    return number_format(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), decimal_pos=1, use_l10n=True)


def _date(day: dt.date) -> str:
    return day.isoformat()


@dataclass
class _Judged:
    proposal: Proposal
    key: tuple


def _exclusion(person: Person, assignment: Assignment, days: tuple[dt.date, dt.date], calendar: Calendar
               ) -> str | None:
    c = person.consultant
    if not c.active:
        return _("Inte aktiv.")
    needs_manager = assignment.role_level in MANAGER_LEVELS or assignment.package.manager_package
    if needs_manager and not c.manager_qualified:
        return _("Inte kvalificerad för chefsrekryteringar.")
    if assignment.role_level == RoleLevel.SENIOR_MANAGER and RoleLevel.SENIOR_MANAGER not in person.role_levels:
        return _("Rekryterar inte till högre chefer enligt sin profil.")
    leave = leave_days(start=days[0], end=days[1], periods=person.periods, calendar=calendar)
    if leave:
        first_day = calendar.add(days[0], 0 if calendar.is_working_day(days[0]) else 1)
        total = working_days(*days, calendar)
        if leave[0] == first_day or len(leave) * 2 > total:
            return _("Ledig under tidplanens veckor (%(first)s–%(last)s).") % {
                "first": _date(leave[0]), "last": _date(leave[-1])}
    return None


def consultants_ranked(assignment: Assignment, *, wished: Consultant | None = None, on: dt.date | None = None,
                       calendar: Calendar | None = None) -> list[Proposal]:
    """Every active consultant who leads assignments (and the wished one, whatever their state), ranked.

    Excluded consultants come after the others, each with the reason. The assignment's own hours are not
    counted against anyone's capacity (it may already have a lead).
    """
    on = on or today()
    calendar = calendar or calendar_load()
    assignment = Assignment.objects.select_related("package").get(pk=assignment.pk)
    own = assignment_work(assignment, on=on)
    days = week_range(own.window, on)
    needed = sum(booked_by_day(window=own.window, standard_hours=own.standard_hours,
                               recorded_hours=own.recorded_hours, on=on, calendar=calendar).values(), Decimal(0))
    persons = people(include=[wished.pk] if wished else ())
    ids = [p.consultant.pk for p in persons]
    booked = booked_per_lead(open_work(on=on, lead_ids=ids, exclude_id=assignment.pk), on=on, calendar=calendar,
                             within=days)
    experience = past_experience(consultant_ids=ids, organisation_id=assignment.organisation_id,
                                 sector=assignment.sector, exclude_id=assignment.pk)
    weeks = _("v. %(first)s–%(last)s") % {"first": days[0].isocalendar().week, "last": days[1].isocalendar().week}
    sector_label, level_label = Sector(assignment.sector).label, RoleLevel(assignment.role_level).label
    with_tests = assignment.package.full_process_with_tests

    judged = []
    for person in persons:
        c = person.consultant
        capacity = sum(person.capacity(*days, calendar).values(), Decimal(0))
        free = capacity - sum(booked.get(c.pk, {}).values(), Decimal(0))
        reasons: list[str] = []
        excluded = _exclusion(person, assignment, days, calendar)
        is_wished = wished is not None and c.pk == wished.pk
        test_ok = person.test_certified or not with_tests
        if is_wished:
            if excluded is None and test_ok:
                reasons.append(_("Kundens önskemål."))
            else:
                reasons.append(_("Kunden önskade den här konsulten, men hen uppfyller inte kraven."))
        if with_tests:
            reasons.append(_("Testcertifierad (paketet innehåller tester).") if person.test_certified
                           else _("Saknar testcertifiering (paketet innehåller tester)."))
        enough = free >= needed
        reasons.append(
            (_("%(free)s lediga timmar under tidplanens veckor (%(weeks)s); uppdraget behöver cirka %(needed)s timmar.")
             if enough else
             _("För lite ledig tid: %(free)s lediga timmar under tidplanens veckor (%(weeks)s); "
               "uppdraget behöver cirka %(needed)s timmar."))
            % {"free": _hours(free), "weeks": weeks, "needed": _hours(needed)})
        fit = 0
        if assignment.sector in person.sectors:
            fit += 1
            reasons.append(_("Arbetar med sektorn %(sector)s.") % {"sector": sector_label})
        if assignment.role_level in person.role_levels:
            fit += 1
            reasons.append(_("Rekryterar till nivån %(level)s.") % {"level": level_label})
        org_n, sector_n = experience.get(c.pk, (0, 0))
        if org_n or sector_n:
            reasons.append(_("Erfarenhet: %(org)s avslutade uppdrag för den här kunden och %(sector)s inom "
                             "%(sector_label)s.") % {"org": org_n, "sector": sector_n, "sector_label": sector_label})
        served = [g for g in person.goals if g.served_by(role_level=assignment.role_level, sector=assignment.sector)]
        for goal in served:
            reasons.append(_("Uppdraget passar utvecklingsmålet ”%(goal)s”.") % {"goal": goal.text}
                           + (" " + _("Kan delta som medkonsult.") if excluded else ""))
        proposal = Proposal(consultant=c, rank=0, free_hours=free.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP),
                            reasons=reasons, excluded=excluded)
        key = (excluded is not None, not (is_wished and excluded is None and test_ok), not test_ok, not enough,
               -fit, -(org_n + sector_n), -len(served), -free, c.name, c.pk)
        judged.append(_Judged(proposal, key))

    judged.sort(key=lambda j: j.key)
    for rank, j in enumerate(judged, start=1):
        j.proposal.rank = rank
    return [j.proposal for j in judged]
