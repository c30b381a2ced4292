"""The yearly follow-up lists as tables: one definition each, shown as a page and written to Excel.

Each list's rule is its selector's (followup/selectors.py); here only the columns and rows.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recruitment.workbooks import Sheet, workbook_bytes

from . import selectors


@dataclass
class Row:
    values: Sequence  # text, numbers, dates or None, in the header's order
    url: str = ""  # the first cell links here on the page


@dataclass
class Table:
    title: str
    header: Sequence[str]
    rows: list[Row] = field(default_factory=list)


@dataclass
class FollowupList:
    key: str  # the URL name's stem: followup:<key>, followup:<key>_xlsx
    title: str
    rule: str  # one sentence: who is on the list
    uses_year: bool
    build: Callable[[int, dt.date], list[Table]]


def _managers(organisation) -> str:
    return ", ".join(row.consultant.name for row in organisation.account_managers.all())


def _org_url(pk: int) -> str:
    return reverse("reference:org_detail", args=[pk])


def _hr_heads(year: int, on: dt.date) -> list[Table]:
    rows = [Row([c.name, c.organisation.name, c.email, c.phone, c.last_contact, _managers(c.organisation)],
                _org_url(c.organisation_id)) for c in selectors.hr_heads_without_contact(year=year)]
    return [Table(_("HR-chefer utan loggad kontakt %(year)s") % {"year": year},
                  [_("HR-chef"), _("Organisation"), _("E-post"), _("Telefon"), _("Senaste kontakt"),
                   _("Kundansvariga")], rows)]


def _without_order(year: int, on: dt.date) -> list[Table]:
    rows = [Row([o.name, o.get_kind_display(), o.last_ordered, _managers(o)], _org_url(o.pk))
            for o in selectors.organisations_without_order(on=on)]
    since = f"{selectors.years_before(on, 1):%Y-%m-%d}"
    return [Table(_("Organisationer utan beställning efter %(day)s") % {"day": since},
                  [_("Organisation"), _("Typ"), _("Senaste beställning"), _("Kundansvariga")], rows)]


def _recruited_managers(year: int, on: dt.date) -> list[Table]:
    rows = []
    for h in selectors.recruited_managers(on=on):
        a = h.assignment
        rows.append(Row([h.name, a.role_title, a.organisation.name, a.reference, h.recruited_on,
                         _("Ja") if h.later_orders else _("Nej"), h.later_orders, h.first_later_reference,
                         h.first_later_on], reverse("assignments:detail", args=[a.reference])))
    since = f"{selectors.years_before(on, 2):%Y-%m-%d}"
    return [Table(_("Chefer rekryterade med chefspaket sedan %(day)s") % {"day": since},
                  [_("Namn"), _("Befattning"), _("Organisation"), _("Uppdrag"), _("Rekryterad"),
                   _("Har beställt sedan"), _("Beställningar sedan"), _("Första beställning"),
                   _("Beställd")], rows)]


def _first_time(year: int, on: dt.date) -> list[Table]:
    found = selectors.first_time_customers(year=year)
    organisations = [Row([o.name, o.get_kind_display(), o.first_ordered, _managers(o)], _org_url(o.pk))
                     for o in found["organisations"]]
    managers = [Row([c.name, c.organisation.name, c.email, c.first_ordered], _org_url(c.organisation_id))
                for c in found["hiring_managers"]]
    return [
        Table(_("Nya kundorganisationer %(year)s") % {"year": year},
              [_("Organisation"), _("Typ"), _("Första beställning"), _("Kundansvariga")], organisations),
        Table(_("Nya rekryterande chefer %(year)s") % {"year": year},
              [_("Rekryterande chef"), _("Organisation"), _("E-post"), _("Första beställning")], managers),
    ]


LISTS = [
    FollowupList("hr_heads", gettext_lazy("HR-chefer utan kontakt i år"),
                 gettext_lazy("Aktiva kontaktpersoner med rollen HR-chef som inte deltagit i någon loggad kontakt "
                              "under året."), True, _hr_heads),
    FollowupList("without_order", gettext_lazy("Organisationer utan beställning på 12 månader"),
                 gettext_lazy("Aktiva organisationer som inte beställt något uppdrag de senaste tolv månaderna."),
                 False, _without_order),
    FollowupList("recruited_managers", gettext_lazy("Nyrekryterade chefer"),
                 gettext_lazy("Personer som tillsatts genom ett chefspaket de senaste två åren (uppdragets "
                              "avslutsdatum, annars startdatum) och om de sedan dess har beställt som rekryterande "
                              "chef. Matchningen sker på namn eller e-post."), False, _recruited_managers),
    FollowupList("first_time", gettext_lazy("Förstagångskunder i år"),
                 gettext_lazy("Organisationer och rekryterande chefer vars första uppdrag någonsin beställdes under "
                              "året (samma regel som rapporternas nya kunder)."), True, _first_time),
]
BY_KEY = {spec.key: spec for spec in LISTS}


def list_workbook(spec: FollowupList, tables: list[Table], caption: str) -> bytes:
    return workbook_bytes(
        Sheet(title=table.title[:31].replace(":", ""), header=table.header, rows=[row.values for row in table.rows],
              caption=caption, note=str(spec.rule), widths={"A": 30, "B": 30, "C": 30})
        for table in tables
    )
