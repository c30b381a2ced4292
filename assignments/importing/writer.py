"""Write checked import rows in bulk: organisations, contacts, consultants, projects, assignments."""
from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from recruitment.tables import RowError

from .. import services
from ..models import (
    Assignment,
    BillingKind,
    BillingLine,
    Consultant,
    Contact,
    NoSurveyReason,
    Organisation,
    PackageUnit,
    Project,
    Status,
    StatusChange,
)
from .changes import describe_changes
from .parse import ParsedFile, ParsedRow
from .prices import Catalogue
from .report import ImportReport

BATCH = 500
CHUNK = 2000
CHANGE_REASON = "Import"
FINAL = {Status.CLOSED_HIRED, Status.CLOSED_NOT_HIRED, Status.CANCELLED}
# Fields the file decides; everything else on an assignment (co-consultants,
# survey settings, notes, hires) is left as the register has it.
ASSIGNMENT_FIELDS = [
    "organisation_id", "contact_id", "sector", "role_title", "role_level", "lead_consultant_id", "package_id",
    "ordered_on", "status", "status_changed_on", "closed_on", "applicants", "personal_letter", "screening",
    "search_used", "hours",
]
IMPORTED_KINDS = (BillingKind.PACKAGE, BillingKind.EXTRA_HOURS, BillingKind.REFERENCES)


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def name_from_email(email: str) -> str:
    """'anna-karin.berg@x.se' -> 'Anna-Karin Berg' (good enough for someone who has left)."""
    local = email.split("@", 1)[0]
    parts = [p for p in re.split(r"[._]+", local) if p]
    return " ".join("-".join(w.capitalize() for w in part.split("-")) for part in parts) or email


def _line(line) -> tuple:
    return (line.kind, line.quantity, line.unit_price, line.override_reason) if hasattr(line, "kind") else line


def _billed(lines) -> list[tuple]:
    """What the lines bill: the package line by its amount (1 × 27 000 or 30 h × 900 bill the same),
    add-ons by quantity and price. The reason for a price is the register's and not compared."""
    out = []
    for kind, quantity, unit_price, _reason in map(_line, lines):
        out.append((kind, quantity * unit_price) if kind == BillingKind.PACKAGE else (kind, quantity, unit_price))
    return sorted(out, key=str)


def _total(lines) -> Decimal:
    return sum((q * p for _k, q, p, _r in map(_line, lines)), Decimal(0))


def _warn(report: ImportReport, line: int, column: str, message: str) -> None:
    report.warnings.append(str(RowError(line, column, message)))


class Writer:
    def __init__(self, *, parsed: ParsedFile, catalogue: Catalogue, consultants: dict[str, Consultant],
                 report: ImportReport, by=None):
        self.rows, self.parsed, self.catalogue = parsed.rows, parsed, catalogue
        self.consultants, self.report, self.by = consultants, report, by
        self.history = {"default_user": by, "default_change_reason": CHANGE_REASON}

    def run(self) -> None:
        self._consultants()
        organisations = self._organisations()
        projects = self._projects(organisations) if self.parsed.has_project_column else {}
        contacts = self._contacts(organisations)
        self._assignments(organisations, contacts, projects)
        self._references_seen()

    # --- reference data ---------------------------------------------------------

    def _consultants(self) -> None:
        missing = sorted({r.consultant for r in self.rows} - set(self.consultants))
        new = [Consultant(name=name_from_email(email), email=email, active=False, user=None) for email in missing]
        for consultant in bulk_create_with_history(new, Consultant, batch_size=BATCH, **self.history):
            self.consultants[consultant.email.lower()] = consultant
            self.report.created_consultants.append(f"{consultant.name} <{consultant.email}>")

    def _organisations(self) -> dict[str, Organisation]:
        # Matched in Python: SQLite's LOWER() leaves Å, Ä and Ö alone. A city has a few hundred customers.
        found = {org.name.lower(): org for org in Organisation.objects.all()}
        new, warned = {}, set()
        for row in self.rows:
            key = row.organisation.lower()
            org = found.get(key) or new.get(key)
            if org is None:
                new[key] = Organisation(name=row.organisation, kind=row.organisation_kind)
            elif org.kind != row.organisation_kind and key not in warned:
                warned.add(key)
                _warn(self.report, row.line, "organisation_kind", _(
                    "%(org)s är registrerad som %(kind)s; typen ändras inte av importen") % {
                    "org": org.name, "kind": org.get_kind_display()})
        created = bulk_create_with_history(list(new.values()), Organisation, batch_size=BATCH, **self.history)
        for org in created:
            found[org.name.lower()] = org
            self.report.created_organisations.append(org.name)
        return found

    def _projects(self, organisations) -> dict[str, Project]:
        found = {p.name.lower(): p for p in Project.objects.all()}
        new = {}
        for row in self.rows:
            if row.project and row.project.lower() not in found and row.project.lower() not in new:
                new[row.project.lower()] = Project(
                    name=row.project, organisation=organisations[row.organisation.lower()],
                    starts_on=row.ordered_on,
                )
        for project in bulk_create_with_history(list(new.values()), Project, batch_size=BATCH, **self.history):
            found[project.name.lower()] = project
            self.report.created_projects.append(project.name)
        return found

    def _contacts(self, organisations) -> dict[int, Contact | None]:
        """Match contacts by e-mail (any case), or by name at the organisation when there is no e-mail.

        Returns the contact for each row's line.
        """
        by_email = {c.email.lower(): c for c in Contact.objects.select_related("organisation").exclude(email="")}
        org_ids = {o.pk for o in organisations.values()}
        by_name: dict[tuple[int, str], Contact] = {}
        if any(r.contact_name and not r.contact_email for r in self.rows):
            for contact in Contact.objects.filter(email="", organisation_id__in=org_ids):
                by_name.setdefault((contact.organisation_id, contact.name.lower()), contact)
        stored = {c.pk: (c.name, c.organisation_id) for c in by_email.values()}
        new: list[Contact] = []
        row_contact: dict[int, Contact | None] = {}
        for row in self.rows:
            org = organisations[row.organisation.lower()]
            if not row.contact_email and not row.contact_name:
                row_contact[row.line] = None
                continue
            if not row.contact_email:
                key = (org.pk, row.contact_name.lower())
                contact = by_name.get(key)
                if contact is None:
                    contact = by_name[key] = Contact(organisation=org, name=row.contact_name)
                    new.append(contact)
                row_contact[row.line] = contact
                continue
            contact = by_email.get(row.contact_email)
            name = row.contact_name or name_from_email(row.contact_email)
            if contact is None:
                contact = by_email[row.contact_email] = Contact(organisation=org, name=name, email=row.contact_email)
                new.append(contact)
            else:
                self._contact_differs(row, contact, name, org)
            row_contact[row.line] = contact
        created = bulk_create_with_history(new, Contact, batch_size=BATCH, **self.history)
        self.report.created_contacts = len(created)
        changed = [c for c in by_email.values() if c.pk in stored and stored[c.pk] != (c.name, c.organisation_id)]
        if changed:
            bulk_update_with_history(changed, Contact, ["name", "organisation"], batch_size=BATCH, **self.history)
        self.report.updated_contacts = len(changed)
        return row_contact

    def _contact_differs(self, row: ParsedRow, contact: Contact, name: str, org: Organisation) -> None:
        if row.contact_name and contact.name != name:
            _warn(self.report, row.line, "contact_name", _(
                "kontaktpersonen %(email)s hette '%(old)s' och heter nu '%(new)s'") % {
                "email": row.contact_email, "old": contact.name, "new": name})
            contact.name = name
        if contact.organisation_id != org.pk:
            _warn(self.report, row.line, "organisation", _(
                "kontaktpersonen %(email)s hörde till %(old)s och hör nu till %(new)s") % {
                "email": row.contact_email, "old": contact.organisation.name, "new": org.name})
            contact.organisation = org

    # --- assignments ------------------------------------------------------------

    def _billing(self, row: ParsedRow) -> list[tuple[str, Decimal, Decimal, str]]:
        """The lines the row bills: (kind, quantity, unit price, override reason)."""
        package = self.catalogue.packages[row.package]
        catalogue_price = self.catalogue.price(row.package, row.ordered_on)
        amount = row.price_sek if row.price_sek is not None else catalogue_price
        quantity, unit_price = Decimal("1"), amount
        if package.unit == PackageUnit.HOUR and row.hours:
            per_hour = (amount / row.hours).quantize(Decimal("0.01"))
            if per_hour * row.hours == amount:
                quantity, unit_price = row.hours, per_hour
        reason = "" if unit_price == catalogue_price else _("Importerat pris")
        lines = [(BillingKind.PACKAGE, quantity, unit_price, reason)]
        if row.extra_hours:
            lines.append((BillingKind.EXTRA_HOURS, row.extra_hours,
                          self.catalogue.price("OVRIG", row.ordered_on), ""))
        if row.references:
            lines.append((BillingKind.REFERENCES, Decimal(row.references),
                          self.catalogue.price("REFERENS", row.ordered_on), ""))
        return lines

    def _values(self, row, contacts, organisations, projects) -> dict:
        contact = contacts[row.line]
        values = {
            "organisation_id": organisations[row.organisation.lower()].pk,
            "contact_id": contact.pk if contact else None,
            "sector": row.sector, "role_title": row.role_title, "role_level": row.role_level,
            "lead_consultant_id": self.consultants[row.consultant].pk,
            "package_id": self.catalogue.packages[row.package].pk,
            "ordered_on": row.ordered_on, "status": row.status,
            "closed_on": row.closed_on if row.status in FINAL else None,
            "applicants": row.applicants, "personal_letter": row.personal_letter, "screening": row.screening,
            "search_used": row.search, "hours": row.hours,
        }
        values["status_changed_on"] = values["closed_on"] or row.ordered_on
        if self.parsed.has_project_column:
            values["project_id"] = projects[row.project.lower()].pk if row.project else None
        return values

    def _assignments(self, organisations, contacts, projects) -> None:
        existing: dict[str, Assignment] = {}
        for chunk in _chunks([r.reference for r in self.rows]):
            existing.update({a.reference: a for a in Assignment.objects.filter(reference__in=chunk)})
        stored_lines: dict[int, list[BillingLine]] = defaultdict(list)
        for chunk in _chunks([a.pk for a in existing.values()]):
            for line in BillingLine.objects.filter(assignment_id__in=chunk, kind__in=IMPORTED_KINDS,
                                                   credited_by__isnull=True):
                stored_lines[line.assignment_id].append(line)
        now = timezone.now()
        new, changed, changed_fields, status_changes = [], [], set(), []
        billing: dict[str, list] = {}
        replace_lines_of: list[int] = []
        self.changes = []
        for row in self.rows:
            values = self._values(row, contacts, organisations, projects)
            lines = self._billing(row)
            billing[row.reference] = lines
            assignment = existing.get(row.reference)
            if assignment is None:
                package = self.catalogue.packages[row.package]
                surveys = package.customer_survey_default
                reason = "" if surveys else (
                    NoSurveyReason.REDO if package.code == "OMTAG" else NoSurveyReason.OTHER)
                new.append(Assignment(reference=row.reference, surveys_enabled=surveys,
                                      no_survey_reason=reason, **values))
                self.report.created.append(row.reference)
                continue
            if values["status"] == assignment.status:  # the day of a status kept is the register's
                values["status_changed_on"] = assignment.status_changed_on
            diff = [name for name, value in values.items() if getattr(assignment, name) != value]
            old_lines = stored_lines.get(assignment.pk, [])
            lines_differ = _billed(old_lines) != _billed(lines)
            if lines_differ and any(line.locked for line in old_lines):
                _warn(self.report, row.line, "price_sek", _(
                    "uppdraget är fakturerat: dess debiteringsrader ändras inte av importen (kreditera i registret)"))
                lines_differ = False
            if not diff and not lines_differ:
                self.report.unchanged.append(row.reference)
                continue
            self.report.updated.append(row.reference)
            self.changes.append((row.reference, {n: getattr(assignment, n) for n in diff}, values, diff,
                                 _total(old_lines) if lines_differ else None,
                                 _total(lines) if lines_differ else None))
            if "status" in diff:
                status_changes.append(StatusChange(
                    assignment=assignment, from_status=assignment.status, to_status=values["status"],
                    changed_on=values["status_changed_on"], changed_by=self.by))
            for name in diff:
                setattr(assignment, name, values[name])
            changed_fields.update(diff)
            assignment.version += 1
            assignment.updated_at = now
            changed.append(assignment)
            if lines_differ:
                replace_lines_of.append(assignment.pk)
            else:
                billing.pop(row.reference)
        created = bulk_create_with_history(new, Assignment, batch_size=BATCH, **self.history)
        if changed:
            fields = sorted(f.removesuffix("_id") for f in changed_fields) + ["version", "updated_at"]
            bulk_update_with_history(changed, Assignment, fields, batch_size=BATCH, **self.history)
        for assignment in created:
            status_changes.append(StatusChange(
                assignment=assignment, from_status="", to_status=assignment.status,
                changed_on=assignment.status_changed_on, changed_by=self.by))
        StatusChange.objects.bulk_create(status_changes, batch_size=BATCH)
        self._write_billing(created + changed, billing, replace_lines_of)
        self.report.changes = describe_changes(self.changes, catalogue=self.catalogue, consultants=self.consultants,
                                               organisations=organisations, contacts=contacts, projects=projects)

    def _write_billing(self, assignments, billing, replace_lines_of) -> None:
        for chunk in _chunks(replace_lines_of):
            BillingLine.objects.filter(assignment_id__in=chunk, kind__in=IMPORTED_KINDS).delete()
        labels = {kind: str(BillingKind(kind).label) for kind in IMPORTED_KINDS}
        new_lines = []
        for assignment in assignments:
            for kind, quantity, unit_price, reason in billing.get(assignment.reference, []):
                description = self.catalogue.packages_by_id[assignment.package_id].name \
                    if kind == BillingKind.PACKAGE else labels[kind]
                new_lines.append(BillingLine(
                    assignment=assignment, kind=kind, description=description, quantity=quantity,
                    unit_price=unit_price, override_reason=reason,
                    recorded_on=assignment.closed_on or assignment.ordered_on,
                ))
        bulk_create_with_history(new_lines, BillingLine, batch_size=BATCH, **self.history)
        services.billing_totals_refresh(assignment_ids={*replace_lines_of, *(b.assignment_id for b in new_lines)})

    def _references_seen(self) -> None:
        """Keep each year's counter ahead of the highest imported number."""
        highest: dict[str, int] = {}
        for row in self.rows:
            match = re.fullmatch(r"(\d{4})-(\d+)", row.reference)
            if match:
                highest[match[1]] = max(highest.get(match[1], 0), int(match[2]))
        for year, number in highest.items():
            services.reference_seen(reference=f"{year}-{number:04d}")
