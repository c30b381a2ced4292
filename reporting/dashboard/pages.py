"""The dashboard's pages: an overview and one page per section, each building only what it shows.

A Page names the parts of `dashboard_build` it needs, the tables and charts it shows
(builders from sections.py and charts.py) and every table name it can show, so an
export of one table builds only that table's page. This is the one list of pages:
the URLs, the sub-navigation, the exports and the tests all read it.

Apps built above reporting add pages of their own (settings.DASHBOARD_EXTRA_PAGES: dotted paths of
Pages, e.g. the orders' page): reporting imports none of them; `all_pages()` is PAGES followed by those.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from reporting.charts import Chart

from . import charts, sections, timeline_tables
from .build import Dashboard
from .tables import Table
from .yoy import KINDS


def _no_charts(dash: Dashboard) -> list[Chart]:
    return []


@dataclass(frozen=True)
class Page:
    key: str
    path: str  # below /rapporter/, Swedish
    title: Promise
    parts: frozenset[str]
    tables: Callable[[Dashboard], list[Table]]
    table_names: tuple[str, ...]  # every table the page can show (per_konsult only to those who see everyone)
    charts: Callable[[Dashboard], list[Chart]] = _no_charts
    template_name: str = ""  # a page added from above reporting names its own template

    @property
    def url_name(self) -> str:
        return "dashboard" if self.key == "overview" else f"dashboard_{self.key}"

    @property
    def template(self) -> str:
        return self.template_name or f"reporting/dashboard/pages/{self.key}.html"


PAGES = (
    Page("overview", "", _("Översikt"), frozenset({"series", "register", "nps_trend", "targets"}),
         sections.overview_tables,
         ("kund_sammanfattning", "kandidat_sammanfattning", "sexmanader", "utbildning", "uppdrag_sammanfattning"),
         charts.overview_charts),
    Page("surveys", "enkater/", _("Enkätresultat"), frozenset({"series", "per_consultant"}), sections.survey_tables,
         ("kund_fragor", "kandidat_fragor", "per_konsult"), charts.survey_charts),
    Page("register", "uppdrag/", _("Uppdrag, intäkter och paketmix"), frozenset({"breakdown", "revenue"}),
         sections.register_tables,
         ("paketmix", "intakt_per_konsult", "per_sektor", "per_organisationstyp", "per_organisation"),
         charts.register_charts),
    Page("lead_times", "ledtider/", _("Belastning och ledtider"), frozenset({"load", "lead_times", "overdue"}),
         sections.load_and_lead_time_tables, ("belastning", "ledtider", "forsenade"), charts.lead_time_charts),
    Page("timeliness", "tidplaner/", _("Tidplaner"), frozenset({"timeliness"}), timeline_tables.timeline_tables,
         ("tidplan_beslut", "tidplan_ledtider", "tidplan_orsaker", "tidplan_per_konsult")),
    Page("new_customers", "nya-kunder/", _("Nya kunder"), frozenset({"new_customers"}),
         sections.new_customer_tables, ("nya_chefer", "nya_organisationer")),
    Page("comments", "kommentarer/", _("Kommentarer"), frozenset({"comments"}), sections.comment_tables,
         ("kommentarer",)),
    Page("yoy", "ar-for-ar/", _("År för år"), frozenset({"yoy", "targets"}), sections.yoy_tables,
         tuple(f"ar_for_ar_{kind}" for kind in KINDS), charts.yoy_charts),
)
OVERVIEW = PAGES[0]


def extra_pages() -> tuple[Page, ...]:
    """The pages apps above reporting add (settings.DASHBOARD_EXTRA_PAGES), in the setting's order."""
    return tuple(import_string(path) for path in getattr(settings, "DASHBOARD_EXTRA_PAGES", []))


def all_pages() -> tuple[Page, ...]:
    return PAGES + extra_pages()


def page_of_table(name: str) -> Page | None:
    """The page that builds the table called `name` (None: no such table)."""
    return next((page for page in all_pages() if name in page.table_names), None)


def page_links(current: Page, query: str) -> list[dict]:
    """The sub-navigation: every page with the current filters' query string, the current one marked."""
    suffix = f"?{query}" if query else ""
    return [{"title": page.title, "url": reverse(f"reporting:{page.url_name}") + suffix, "current": page is current}
            for page in all_pages()]
