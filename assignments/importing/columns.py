"""The import's columns and the values each coded column accepts: one source for the validator, the
import page, the template file and the register export (which writes exactly these columns)."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from ..models import OrganisationKind, Package, RoleLevel, Sector, Status
from .reader import OPTIONAL_COLUMNS, REQUIRED_COLUMNS

COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
YES_NO = ("ja", "nej")
FLAG_COLUMNS = ("personal_letter", "screening", "search")
CHOICE_COLUMNS = {"organisation_kind": OrganisationKind, "role_level": RoleLevel, "sector": Sector,
                  "status": Status}


def labels(choices) -> list[str]:
    """What a person types for a coded column: the Swedish names (the codes are accepted too)."""
    return [str(label) for value, label in choices.choices if value]


def allowed(choices) -> str:
    return ", ".join(labels(choices))


def allowed_values() -> list[dict]:
    """[{column, values}] for the import page: every coded column and what may be typed in it."""
    rows = [{"column": column, "values": labels(choices)} for column, choices in CHOICE_COLUMNS.items()]
    packages = Package.objects.order_by("code").values_list("code", "name")
    rows.append({"column": "package", "values": [f"{code} ({name})" for code, name in packages]})
    rows += [{"column": column, "values": list(YES_NO)} for column in FLAG_COLUMNS]
    return rows


def example_row() -> list[str]:
    """One example row under the template's header, in the order of COLUMNS."""
    year = dt.date.today().year
    package = Package.objects.order_by("code").filter(code="STORA").first() or Package.objects.order_by("code").first()
    values = {
        "reference": f"{year}-0001", "ordered_on": f"{year}-01-15", "organisation": "Utbildningsförvaltningen",
        "organisation_kind": str(OrganisationKind.ADMINISTRATION.label), "contact_name": "Anna Andersson",
        "contact_email": "anna.andersson@exempel.stockholm.se", "consultant": "konsult@exempel.stockholm.se",
        "package": package.code if package else "", "role_title": _("Förskollärare"),
        "role_level": str(RoleLevel.STAFF.label), "sector": str(Sector.PRESCHOOL.label),
        "status": str(Status.CLOSED_HIRED.label), "closed_on": f"{year}-03-20", "price_sek": "",
        "hours": "32,5", "applicants": "48", "personal_letter": "ja", "screening": "nej", "search": "nej",
        "extra_hours": "", "references": "", "project": "",
    }
    return [values[c] for c in COLUMNS]
