"""The dashboard's "Beställningar" page and the tertial PDF's orders section, composed above reporting.

Reporting imports no orders: the page is named in settings.DASHBOARD_EXTRA_PAGES (reporting's
`all_pages()` adds it to the sub-navigation, the URLs and the all-tables export) and the PDF section
is passed in by goals/tertial.py. The figures are orders.figures.order_figures.
"""
from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assignments.services import today
from reporting.dashboard.build import Dashboard, period_label
from reporting.dashboard.pages import Page
from reporting.dashboard.tables import DAYS, INT, PERCENT, Cell, Column, Table
from reporting.periods import Period
from reporting.selectors import Scope

from .figures import order_figures

TABLE = "bestallningar"


def orders_table(scope: Scope, period: Period, *, on: dt.date) -> Table:
    """The period's order figures as one table (the page, the exports and the PDF show the same)."""
    figures = order_figures(scope, period, on=on)
    t = Table(TABLE, _("Beställningar via e-tjänsten"), [Column(_("Mått")), Column(period_label(period), INT)],
              note=_("Beställda uppdrag räknas när beställningen tagits emot av en konsult. Dagar = kalenderdagar "
                     "från beställningsdatum (när beställningen kom in); mottagna under perioden respektive "
                     "uppstartsmöten hållna under perioden, som läget var %(day)s.") % {"day": on.isoformat()})
    for label, key, kind in (
        (_("Inkomna beställningar"), "received", INT),
        (_("Beställda uppdrag"), "ordered", INT),
        (_("Varav via e-tjänsten"), "via_eservice", INT),
        (_("Andel ärenden som inkommer via e-tjänster"), "via_eservice_share", PERCENT),
        (_("Dagar från beställning till mottagande (median)"), "median_days_to_accept", DAYS),
        (_("Mottagna beställningar"), "accepted", INT),
        (_("Dagar från beställning till uppstartsmöte (median)"), "median_days_to_start_meeting", DAYS),
        (_("Uppstartsmöten efter beställning via e-tjänsten"), "start_meetings", INT),
    ):
        t.add(label, Cell(figures[key], kind))
    return t


def order_tables(dash: Dashboard) -> list[Table]:
    return [orders_table(dash.scope, dash.period, on=min(dash.period.end, dash.today or today()))]


ORDERS_PAGE = Page("orders", "bestallningar/", gettext_lazy("Beställningar"), frozenset(), order_tables, (TABLE,),
                   template_name="orders/dashboard.html")


def pdf_section(*, year: int, tertial: int | None) -> SafeString:
    """The department's order figures for the tertial report (year to date), as HTML for the PDF."""
    period = Period.for_report(year, tertial)
    table = orders_table(Scope(), period, on=min(period.end, today()))
    html = render_to_string("orders/pdf_section.html", {"table": table})
    return mark_safe(html)  # noqa: S308 - rendered by the template engine, every text escaped
