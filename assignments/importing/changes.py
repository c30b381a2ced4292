"""What an import changes on each existing assignment, for the preview: field, old value, new value,
with the register's Swedish labels and values in Swedish format (names, not codes or ids)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _

from ..models import Assignment, Contact

CENTS = Decimal("0.01")
SHOWN_WITHOUT_ITS_OWN_LINE = {"status_changed_on"}  # follows the status


def swedish_number(value) -> str:
    """27 000,00 and 32,5: space for thousands, comma for decimals."""
    if isinstance(value, int):
        return f"{value:,}".replace(",", "\u00a0")
    text = f"{Decimal(value):,f}"
    return text.replace(",", "\u00a0").replace(".", ",")


def _shown(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    if isinstance(value, dt.date):
        return value.isoformat()  # ÅÅÅÅ-MM-DD, the Swedish standard form
    if isinstance(value, int | Decimal):
        return swedish_number(value)
    return str(value)


def describe_changes(changes, *, catalogue, consultants, organisations, contacts, projects) -> dict:
    """{reference: [[label, old, new], ...]} for the assignments an import changes."""
    names = {
        "organisation_id": {o.pk: o.name for o in organisations.values()},
        "lead_consultant_id": {c.pk: c.name for c in consultants.values()},
        "package_id": {p.pk: p.name for p in catalogue.packages_by_id.values()},
        "project_id": {p.pk: p.name for p in projects.values()},
        "contact_id": {c.pk: c.name for c in contacts.values() if c is not None},
    }
    wanted = {old.get("contact_id") for _ref, old, _new, _diff, _a, _b in changes} - set(names["contact_id"])
    wanted.discard(None)
    if wanted:
        names["contact_id"].update({pk: c.name for pk, c in Contact.objects.in_bulk(list(wanted)).items()})
    out = {}
    for reference, old, new, diff, billed_before, billed_after in changes:
        lines = []
        for name in diff:
            if name in SHOWN_WITHOUT_ITS_OWN_LINE:
                continue
            field = Assignment._meta.get_field(name)
            label = str(field.verbose_name)
            label = label[:1].upper() + label[1:]
            if name in names:
                before, after = names[name].get(old[name]), names[name].get(new[name])
            elif field.choices:
                choices = dict(field.flatchoices)
                before, after = choices.get(old[name], old[name]), choices.get(new[name], new[name])
            else:
                before, after = old[name], new[name]
            lines.append([label, _shown(before), _shown(after)])
        if billed_before is not None:
            lines.append([_("Fakturerat belopp (kr)"), _shown(billed_before.quantize(CENTS)),
                          _shown(billed_after.quantize(CENTS))])
        out[reference] = lines
    return out
