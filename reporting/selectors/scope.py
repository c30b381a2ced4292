"""Who and what a report covers: the department, a unit or one consultant, plus filters.

Register measures follow the assignment's *lead* consultant (co-consultants are
not credited, so that no assignment is counted twice in a unit's sum); survey
measures follow the consultant an answer is credited to (`credited_consultant`): the
response's own consultant, which the survey contract fills with the assignment's lead
consultant at answer time, else its course session's consultant; and the customer, sector
and package copied onto the response the same way.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact, In
from django.utils.translation import gettext as _

from assignments.models import Consultant, Organisation, OrganisationKind, Package, Sector, Unit


def credited_consultant(prefix: str = "") -> Coalesce:
    """The consultant a response (at `prefix`, e.g. "response__") counts for: the one rule every survey reader uses.

    The response's own consultant, else its course session's (training answers imported
    without one); None when neither is known.
    """
    return Coalesce(F(f"{prefix}consultant"), F(f"{prefix}training_session__consultant"))


def accepted_q(prefix: str = "") -> Q:
    """Assignments (at `prefix`) that count as ordered: the one rule every count of ordered assignments uses.

    An order from the e-service counts once it is accepted. Until then it is an incoming assignment
    without a lead consultant, and one declined or cancelled before acceptance keeps none: the only
    assignments without a lead (the register's `assignment_lead_required` constraint).
    """
    return Q(**{f"{prefix}lead_consultant__isnull": False})


class ScopeError(ValueError):
    """An unknown consultant, unit or filter value; the message is Swedish and shown as is."""


def organisation_family(organisation: Organisation) -> tuple[int, ...]:
    """The organisations a customer's report covers: the organisation and, for a parent company, its
    companies (and theirs), by id, the organisation first. One query per level of companies."""
    ids, level = [organisation.pk], [organisation.pk]
    while level:
        level = [pk for pk in Organisation.objects.filter(parent_id__in=level).order_by("name")
                 .values_list("pk", flat=True) if pk not in ids]
        ids.extend(level)
    return tuple(ids)


@dataclass(frozen=True)
class Filters:
    organisation_id: int | None = None
    # a customer with its companies (`organisation_family`); set by `scope_for_organisation` only
    organisation_ids: tuple[int, ...] | None = None
    organisation_kind: str | None = None
    sector: str | None = None
    package: str | None = None  # package code

    @classmethod
    def from_value(cls, value) -> Filters:
        if value is None:
            return cls()
        if isinstance(value, Filters):
            return value
        data = dict(value)
        organisation = data.pop("organisation", None)
        if isinstance(organisation, Organisation):
            data["organisation_id"] = organisation.pk
        elif isinstance(organisation, str) and organisation:
            found = Organisation.objects.filter(name=organisation).values_list("pk", flat=True).first()
            if found is None:
                raise ScopeError(_("Det finns ingen kund som heter ”%(name)s”.") % {"name": organisation})
            data["organisation_id"] = found
        elif organisation is not None:
            data["organisation_id"] = int(organisation)
        unknown = set(data) - {"organisation_id", "organisation_kind", "sector", "package"}
        if unknown:
            raise ScopeError(_("Okänt filter: %(names)s.") % {"names": ", ".join(sorted(unknown))})
        filters = cls(**{k: v or None for k, v in data.items()})
        filters.validate()
        return filters

    def validate(self) -> None:
        if self.organisation_kind and self.organisation_kind not in OrganisationKind.values:
            raise ScopeError(_("Okänd organisationstyp ”%(value)s”.") % {"value": self.organisation_kind})
        if self.sector and self.sector not in Sector.values:
            raise ScopeError(_("Okänd sektor ”%(value)s”.") % {"value": self.sector})
        if self.package and not Package.objects.filter(code=self.package).exists():
            raise ScopeError(_("Okänt paket ”%(value)s”.") % {"value": self.package})

    @property
    def empty(self) -> bool:
        return not (self.organisation_id or self.organisation_ids or self.organisation_kind or self.sector
                    or self.package)


@dataclass(frozen=True)
class Scope:
    consultant: Consultant | None = None
    unit: Unit | None = None
    filters: Filters = field(default_factory=Filters)

    @property
    def key(self) -> tuple:
        """What the scope's filters depend on (ids and filter values), for keeping compiled queries."""
        return (getattr(self.consultant, "pk", None), getattr(self.unit, "pk", None), self.filters)

    @property
    def is_department(self) -> bool:
        return self.consultant is None and self.unit is None

    @property
    def is_whole_department(self) -> bool:
        """The department without any filter: the scope published aggregates describe."""
        return self.is_department and self.filters.empty

    @property
    def label(self) -> str:
        if self.consultant is not None:
            return self.consultant.name
        if self.unit is not None:
            return self.unit.name
        return _("Hela avdelningen")

    # -- lookups ---------------------------------------------------------------
    def consultant_q(self, path: str) -> Q:
        """Q for a consultant foreign key at `path` (e.g. "lead_consultant")."""
        if self.consultant is not None:
            return Q(**{f"{path}_id": self.consultant.pk})
        if self.unit is not None:
            return Q(**{f"{path}__unit_id": self.unit.pk})
        return Q()

    def assignment_q(self, prefix: str = "") -> Q:
        """Assignments in scope; `prefix` is the path to the assignment, e.g. "assignment__"."""
        f = self.filters
        q = self.consultant_q(f"{prefix}lead_consultant")
        if f.organisation_id:
            q &= Q(**{f"{prefix}organisation_id": f.organisation_id})
        if f.organisation_ids:
            q &= Q(**{f"{prefix}organisation_id__in": f.organisation_ids})
        if f.organisation_kind:
            q &= Q(**{f"{prefix}organisation__kind": f.organisation_kind})
        if f.sector:
            q &= Q(**{f"{prefix}sector": f.sector})
        if f.package:
            q &= Q(**{f"{prefix}package__code": f.package})
        return q

    def response_q(self, prefix: str = "") -> Q:
        """Responses in scope; `prefix` is the path to the response, e.g. "response__".

        The consultant is the credited one (`credited_consultant`). Customer, customer kind,
        sector and package are the response's own copies (made at answer time,
        `surveys.models.response_origin`): a candidate response has no assignment to go through.
        """
        f = self.filters
        p = prefix
        q = Q()
        if self.consultant is not None:
            q &= Q(Exact(credited_consultant(p), self.consultant.pk))
        elif self.unit is not None:
            q &= Q(In(credited_consultant(p), Consultant.objects.filter(unit_id=self.unit.pk).values("pk")))
        if f.organisation_id:
            q &= Q(**{f"{p}organisation_id": f.organisation_id})
        if f.organisation_ids:
            q &= Q(**{f"{p}organisation_id__in": f.organisation_ids})
        if f.organisation_kind:
            q &= Q(**{f"{p}organisation__kind": f.organisation_kind})
        if f.sector:
            q &= Q(**{f"{p}sector": f.sector})
        if f.package:
            q &= Q(**{f"{p}package__code": f.package})
        return q

    def session_q(self) -> Q:
        """Training sessions (entered course results) in scope."""
        f = self.filters
        q = self.consultant_q("consultant")
        if f.organisation_id:
            q &= Q(organisation_id=f.organisation_id)
        if f.organisation_ids:
            q &= Q(organisation_id__in=f.organisation_ids)
        if f.organisation_kind:
            q &= Q(organisation__kind=f.organisation_kind)
        if f.sector:
            q &= Q(assignment__sector=f.sector)
        if f.package:
            q &= Q(assignment__package__code=f.package)
        return q

    def consultants_q(self) -> Q:
        """Consultant rows in scope (for FTE and budgets); filters do not narrow people."""
        if self.consultant is not None:
            return Q(pk=self.consultant.pk)
        if self.unit is not None:
            return Q(unit_id=self.unit.pk)
        return Q()


def scope_resolve(*, consultant=None, unit=None, filters=None) -> Scope:
    """Build a Scope from instances or identifiers (consultant e-mail, unit name)."""
    if consultant is not None and unit is not None:
        raise ScopeError(_("Ange antingen en konsult eller en enhet, inte båda."))
    if isinstance(consultant, str):
        email = consultant.strip()
        found = Consultant.objects.filter(email__iexact=email).select_related("unit").first()
        if found is None:
            raise ScopeError(_("Det finns ingen konsult med e-postadressen ”%(email)s”.") % {"email": email})
        consultant = found
    if isinstance(unit, str):
        name = unit.strip()
        found = Unit.objects.filter(name__iexact=name).first()
        if found is None:
            raise ScopeError(_("Det finns ingen enhet som heter ”%(name)s”.") % {"name": name})
        unit = found
    return Scope(consultant=consultant, unit=unit, filters=Filters.from_value(filters))


def scope_for_organisation(organisation: Organisation) -> Scope:
    """The department's figures for one customer: the organisation, or a parent company with its companies
    (`organisation_family`). The one scope rule of a customer's report pack; people are not narrowed."""
    return Scope(filters=Filters(organisation_ids=organisation_family(organisation)))
