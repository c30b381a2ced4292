"""Realistic demo data: customers, consultants, three years of assignments, demo log-ins.

Seeded random, so a run gives the same data for the same day (dates are laid out
backwards from today so the demo always has open, recent and closed work).
Everything is written with bulk inserts to stay fast on SQLite.
"""
from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from recruitment.roles import CONSULTANT, COORDINATOR, GROUP_NAMES, MANAGER

from .. import services
from ..importing.prices import Catalogue
from ..models import (
    Assignment,
    BillingKind,
    BillingLine,
    Consultant,
    ConsultantBudget,
    Contact,
    Hire,
    NoSurveyReason,
    Organisation,
    OrganisationKind,
    Status,
    StatusChange,
    Unit,
)
from . import data
from .volume import volume_project_rows

DEMO_PASSWORD = "Rekrytering-demo-2026"  # noqa: S105 - printed for the local demo on purpose
DEMO_USERS = [
    # username, role, consultant name, first name, last name
    ("koordinator", COORDINATOR, "Kim Koordinator", "Kim", "Koordinator"),
    ("konsult", CONSULTANT, "Karin Konsult", "Karin", "Konsult"),
    ("chef", MANAGER, "Maria Chef", "Maria", "Chef"),
]
BATCH = 500
STEPS = [Status.REGISTERED, Status.START_MEETING, Status.AD_PUBLISHED, Status.SELECTION, Status.INTERVIEWS,
         Status.TESTS, Status.REFERENCES]


@dataclass
class DemoResult:
    created: bool
    assignments: int = 0
    hires: int = 0
    users: list[tuple[str, str]] = field(default_factory=list)  # (username, role label)


def _email(name: str, domain: str) -> str:
    folded = name.lower().translate(str.maketrans("åäöé ", "aaoe."))
    return f"{folded}@{domain}"


def _slug(name: str) -> str:
    return name.lower().split(" ")[0].translate(str.maketrans("åäöé:", "aaoe-"))


class DemoBuilder:
    def __init__(self, *, seed: int, per_year: int, today: dt.date):
        self.rng, self.per_year, self.today = random.Random(seed), per_year, today
        self.catalogue = Catalogue()
        self.coordinator_user: User | None = None

    # --- reference data ---------------------------------------------------------

    @staticmethod
    def _missing_only(model, objs: list, key: str) -> list:
        """Create what is not there yet (by a unique field) and return stored and new rows in order."""
        existing = {getattr(o, key): o for o in model.objects.filter(**{f"{key}__in": [getattr(o, key) for o in objs]})}
        new = bulk_create_with_history([o for o in objs if getattr(o, key) not in existing], model, batch_size=BATCH)
        stored = {**existing, **{getattr(o, key): o for o in new}}
        return [stored[getattr(o, key)] for o in objs]

    def organisations(self) -> None:
        [parent] = self._missing_only(Organisation, [
            Organisation(name=data.PARENT_COMPANY, kind=OrganisationKind.COMPANY)], "name")
        orgs = [Organisation(name=n, kind=OrganisationKind.DISTRICT) for n in data.DISTRICTS]
        orgs += [Organisation(name=n, kind=OrganisationKind.ADMINISTRATION) for n, _sector in data.ADMINISTRATIONS]
        orgs += [Organisation(name=n, kind=OrganisationKind.COMPANY, parent=parent) for n in data.COMPANIES]
        self.orgs = self._missing_only(Organisation, orgs, "name")
        sectors = dict(data.ADMINISTRATIONS)
        self.org_sectors = {o.pk: (data.DISTRICT_SECTORS if o.kind == OrganisationKind.DISTRICT
                                   else [sectors.get(o.name, "ovrigt")]) for o in self.orgs}
        contacts, used = [], set()
        for org in self.orgs:
            for _i in range(self.rng.randint(3, 7) if org.kind != OrganisationKind.COMPANY else 2):
                name = f"{self.rng.choice(data.FIRST_NAMES)} {self.rng.choice(data.LAST_NAMES)}"
                email = _email(name, f"{_slug(org.name)}.stockholm.example.se")
                if email in used:
                    continue
                used.add(email)
                contacts.append(Contact(organisation=org, name=name, email=email,
                                        phone=f"08-508 {self.rng.randint(10, 99)} {self.rng.randint(100, 999)}"))
        taken = set(Contact.objects.filter(email__in=used).values_list("email", flat=True))
        bulk_create_with_history([c for c in contacts if c.email not in taken], Contact, batch_size=BATCH)
        self.contacts = list(Contact.objects.filter(organisation__in=self.orgs).exclude(email=""))
        self.contacts_of = defaultdict(list)
        for contact in self.contacts:
            self.contacts_of[contact.organisation_id].append(contact)
        # customers order unevenly: the big administrations and districts order most
        self.org_weights = [6 if o.kind == OrganisationKind.DISTRICT else 3 if o.kind == OrganisationKind.ADMINISTRATION
                            else 1 for o in self.orgs]
        for org in self.orgs:
            if org.name in ("Utbildningsförvaltningen", "Socialförvaltningen", "Äldreförvaltningen"):
                self.org_weights[self.orgs.index(org)] = 10

    def consultants(self) -> None:
        units = {u.name: u for u in Unit.objects.all()}
        consultants = [
            Consultant(name=name, email=_email(name, "rekrytering.example.se"), unit=units[unit], fte=Decimal(fte),
                       role=role, manager_qualified=qualified)
            for name, unit, fte, role, qualified in data.CONSULTANTS
        ]
        self.consultants_list = self._missing_only(Consultant, consultants, "email")
        by_name = {c.name: c for c in self.consultants_list}
        Unit.objects.filter(name="Enhet 1").update(manager=by_name["Maria Chef"])
        Unit.objects.filter(name="Enhet 2").update(manager=by_name["Jonas Sandberg"])
        years = range(self.today.year - 2, self.today.year + 1)
        budgets = [ConsultantBudget(consultant=c, year=y, amount_sek=(Decimal(1_150_000 + 50_000 * (y % 3)) * c.fte)
                                    .quantize(Decimal("1000"))) for c in self.consultants_list
                   if c.role in ("konsult", "samordnare") for y in years]
        bulk_create_with_history(budgets, ConsultantBudget, batch_size=BATCH)
        # who leads assignments, weighted: consultants most, coordinators simple ones, managers rarely
        self.leads = [c for c in self.consultants_list for _ in range({"konsult": 4, "samordnare": 3,
                                                                      "koordinator": 1, "chef": 0}[c.role])]
        self.qualified = [c for c in self.leads if c.manager_qualified]
        self.by_name = by_name

    def users(self) -> list[tuple[str, str]]:
        groups = {g.name: g for g in Group.objects.all()}
        out = []
        for username, role, consultant_name, first, last in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"first_name": first, "last_name": last,
                                             "email": f"{username}@rekrytering.example.se"})
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            user.groups.add(groups[GROUP_NAMES[role]])
            if not Consultant.objects.filter(user=user).exists():
                Consultant.objects.filter(name=consultant_name, user__isnull=True).update(user=user)
            if role == COORDINATOR:
                self.coordinator_user = user
            out.append((username, role))
        return out

    # --- assignments ------------------------------------------------------------

    def _package(self, year: int) -> str:
        choices = [(c, w) for c, w in data.PACKAGE_WEIGHTS
                   if c != "HOGRE_CHEF" or year < 2026]
        return self.rng.choices([c for c, _w in choices], weights=[w for _c, w in choices])[0]

    def _status(self, ordered: dt.date) -> tuple[str, dt.date | None, list[tuple[str, dt.date]]]:
        """Final or current status, closing date and the dated steps that led there."""
        age = (self.today - ordered).days
        rng = self.rng
        duration = rng.randint(25, 110)
        if age > duration or (age > 20 and rng.random() < 0.1):
            final = rng.choices([Status.CLOSED_HIRED, Status.CLOSED_NOT_HIRED, Status.CANCELLED],
                                weights=[86, 9, 5])[0]
            closed = ordered + dt.timedelta(days=min(duration, age))
            reached = len(STEPS) if final != Status.CANCELLED else rng.randint(1, 4)
        else:
            final, closed = None, None
            reached = max(1, min(len(STEPS), 1 + age * len(STEPS) // max(duration, 1)))
        end = closed or self.today
        steps = [s for s in STEPS[:reached] if s != Status.TESTS or rng.random() < 0.6]
        dates = sorted(ordered + dt.timedelta(days=rng.randint(0, max((end - ordered).days, 0)))
                       for _ in steps[1:])
        moves = [(steps[0], ordered)] + list(zip(steps[1:], dates, strict=True))
        if final:
            moves.append((final, closed))
        return (final or steps[-1]), closed, moves

    def _billing(self, code: str, ordered: dt.date, hours: Decimal | None, candidates: int):
        package = self.catalogue.packages[code]
        price = self.catalogue.price(code, ordered)
        lines = []
        if price is None:
            lines.append((BillingKind.PACKAGE, package.name, Decimal(1), Decimal(data.QUOTED_PRICES.get(code, 5000)),
                          "Pris enligt offert"))
        elif package.unit == "hour":
            lines.append((BillingKind.PACKAGE, package.name, hours or Decimal(10), price, ""))
        elif package.unit == "candidate":
            lines.append((BillingKind.PACKAGE, package.name, Decimal(candidates), price, ""))
        else:
            lines.append((BillingKind.PACKAGE, package.name, Decimal(1), price, ""))
        if code in ("STORA", "CHEF", "HOGRE_CHEF"):
            if self.rng.random() < 0.08:
                lines.append((BillingKind.EXTRA_HOURS, str(BillingKind.EXTRA_HOURS.label),
                              Decimal(self.rng.randint(2, 8)), self.catalogue.price("OVRIG", ordered), ""))
            if self.rng.random() < 0.12 and self.catalogue.price("REFERENS", ordered):
                lines.append((BillingKind.REFERENCES, str(BillingKind.REFERENCES.label),
                              Decimal(self.rng.randint(2, 4)), self.catalogue.price("REFERENS", ordered), ""))
        return lines

    def _row(self, ordered: dt.date, org=None, code=None, sector=None, project=None, lead=None) -> dict:
        rng = self.rng
        org = org or rng.choices(self.orgs, weights=self.org_weights)[0]
        code = code or self._package(ordered.year)
        sector = sector or rng.choice(self.org_sectors[org.pk])
        if code in ("CHEF", "HOGRE_CHEF"):
            titles = [t for t in data.ROLE_TITLES[sector] if t[1] == "chef"]
            title, level = rng.choice(titles)
            if code == "HOGRE_CHEF":
                title, level = rng.choice(data.SENIOR_TITLES), "hogre_chef"
        else:
            title, level = rng.choice([t for t in data.ROLE_TITLES[sector] if t[1] == "medarbetare"])
        lead = lead or rng.choice(self.qualified if level != "medarbetare" else self.leads)
        status, closed, moves = self._status(ordered)
        package = self.catalogue.packages[code]
        standard = package.standard_hours or Decimal(12)
        done = status in (Status.CLOSED_HIRED, Status.CLOSED_NOT_HIRED)
        hours = (standard * Decimal(rng.uniform(0.7, 1.4))).quantize(Decimal("0.5")) if done else (
            (standard * Decimal(rng.uniform(0.1, 0.8))).quantize(Decimal("0.5")) if status != Status.CANCELLED
            else None)
        screening = rng.random() < 0.15
        survey = package.customer_survey_default and rng.random() > 0.03
        if survey:
            reason = ""
        elif code == "OMTAG":
            reason = NoSurveyReason.REDO
        else:
            reason = NoSurveyReason.FREQUENT if package.customer_survey_default else NoSurveyReason.OTHER
        contacts = self.contacts_of[org.pk]
        return {
            "assignment": Assignment(
                organisation=org, contact=rng.choice(contacts) if contacts else None, sector=sector, role_title=title,
                role_level=level, lead_consultant=lead, project=project, package=package, ordered_on=ordered,
                status=status, status_changed_on=moves[-1][1], closed_on=closed,
                applicants=rng.randint(8, 320) if code not in ("KBR", "REFERENS") else None,
                personal_letter=rng.random() < 0.05, screening=screening,
                screened_candidates=rng.randint(20, 150) if screening else None, search_used=rng.random() < 0.06,
                hours=hours, surveys_enabled=survey, no_survey_reason=reason,
            ),
            "moves": moves,
            "billing": self._billing(code, ordered, hours, rng.randint(2, 4)),
            "hires": (rng.choices([1, 2], weights=[9, 1])[0] if status == Status.CLOSED_HIRED else 0),
            "co": rng.choice(self.leads) if level != "medarbetare" and rng.random() < 0.3 else None,
        }

    def assignment_rows(self) -> list[dict]:
        rows = []
        for year in range(self.today.year - 2, self.today.year + 1):
            start = dt.date(year, 1, 2)
            end = min(dt.date(year, 12, 20), self.today)
            count = self.per_year * ((end - start).days + 1) // 353
            for _i in range(count):
                rows.append(self._row(start + dt.timedelta(days=self.rng.randint(0, (end - start).days))))
        rows += volume_project_rows(self)
        self._give_demo_consultant_open_work(rows)
        rows.sort(key=lambda r: r["assignment"].ordered_on)
        numbers = defaultdict(int)
        for row in rows:
            a = row["assignment"]
            numbers[a.ordered_on.year] += 1
            a.reference = f"{a.ordered_on.year}-{numbers[a.ordered_on.year]:04d}"
        return rows

    def _give_demo_consultant_open_work(self, rows: list[dict], wanted: int = 6) -> None:
        """The demo log-in `konsult` should find open assignments of their own."""
        karin = self.by_name["Karin Konsult"]
        open_rows = [r for r in rows if r["assignment"].status in STEPS and r["assignment"].project is None]
        mine = [r for r in open_rows if r["assignment"].lead_consultant == karin]
        others = [r for r in open_rows if r["assignment"].lead_consultant != karin]
        for row in others[:max(0, wanted - len(mine))]:
            row["assignment"].lead_consultant = karin

    def write(self, rows: list[dict]) -> tuple[int, int]:
        by = self.coordinator_user
        assignments = bulk_create_with_history([r["assignment"] for r in rows], Assignment, batch_size=BATCH,
                                               default_user=by, default_change_reason="Demodata")
        changes, lines, hires, co = [], [], [], []
        through = Assignment.co_consultants.through
        for row, a in zip(rows, assignments, strict=True):
            previous = ""
            for status, on in row["moves"]:
                changes.append(StatusChange(assignment=a, from_status=previous, to_status=status, changed_on=on,
                                            changed_by=by))
                previous = status
            for kind, description, quantity, unit_price, reason in row["billing"]:
                lines.append(BillingLine(assignment=a, kind=kind, description=description, quantity=quantity,
                                         unit_price=unit_price, override_reason=reason))
            for _i in range(row["hires"]):
                name = f"{self.rng.choice(data.FIRST_NAMES)} {self.rng.choice(data.LAST_NAMES)}"
                start = a.closed_on + dt.timedelta(days=self.rng.randint(20, 90))
                recent = (self.today - a.closed_on).days < 200
                hires.append(Hire(assignment=a, name=name, start_date=start,
                                  email=_email(name, "kandidat.example.se") if recent else ""))
            if row["co"] and row["co"].pk != a.lead_consultant_id:
                co.append(through(assignment_id=a.pk, consultant_id=row["co"].pk))
        StatusChange.objects.bulk_create(changes, batch_size=BATCH)
        bulk_create_with_history(lines, BillingLine, batch_size=BATCH, default_user=by)
        services.billing_totals_refresh(assignment_ids=[a.pk for a in assignments])
        bulk_create_with_history(hires, Hire, batch_size=BATCH, default_user=by)
        through.objects.bulk_create(co, batch_size=BATCH)
        self._redos(assignments)
        for year in {a.ordered_on.year for a in assignments}:
            last = max(a.reference for a in assignments if a.ordered_on.year == year)
            services.reference_seen(reference=last)
        return len(assignments), len(hires)

    def _redos(self, assignments: list[Assignment]) -> None:
        """Point each Omtag at an earlier assignment for the same customer that closed without a hire."""
        unfilled = defaultdict(list)
        redos = []
        for a in assignments:
            if a.package.code == "OMTAG" and unfilled[a.organisation_id]:
                a.redo_of = unfilled[a.organisation_id].pop()
                redos.append(a)
            elif a.status == Status.CLOSED_NOT_HIRED:
                unfilled[a.organisation_id].append(a)
        Assignment.objects.bulk_update(redos, ["redo_of"], batch_size=BATCH)


def demo_users() -> list[tuple[str, str]]:
    return [(username, role) for username, role, *_ in DEMO_USERS]


def demo_seed(*, if_empty: bool = False, seed: int = 2026, per_year: int = 1000,
              today: dt.date | None = None) -> DemoResult:
    """Fill an empty register with demo data; with `if_empty` an existing register is left alone."""
    if Assignment.objects.exists():
        if if_empty:
            return DemoResult(created=False, users=demo_users())
        raise ValueError(_("Registret innehåller redan uppdrag; demodata läggs bara in i ett tomt register."))
    builder = DemoBuilder(seed=seed, per_year=per_year, today=today or services.today())
    with transaction.atomic():
        builder.organisations()
        builder.consultants()
        users = builder.users()
        rows = builder.assignment_rows()
        count, hires = builder.write(rows)
    return DemoResult(created=True, assignments=count, hires=hires, users=users)

