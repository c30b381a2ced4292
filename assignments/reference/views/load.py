"""The load view: who has how much open work, and how far each has come against budget.

Coordinators and managers allocate new work and see everything. Consultants see
the same open-work figures for everyone (allocation is done in the open), but
revenue and budget only on their own row: a personal budget is between the
consultant and their manager.
"""
from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from html import escape

from django.conf import settings
from django.utils import timezone
from django.utils.formats import get_format, localize, number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from recruitment.charts import Bar, hbar_svg
from recruitment.compiled import model_rows
from recruitment.roles import ALL_ROLES, COORDINATOR, MANAGER, RoleRequiredMixin, has_role, user_consultant

from ...models import WORKING_STATUSES, Status, Unit
from ...workload import consultant_load, load_totals
from ..forms import LoadFilterForm


def _figures() -> Callable[..., str]:
    """`number(value, decimals=0)`: a Swedish number with grouping, rounded half up, "—" for None (the figures
    are formatted once, here, rather than through a chain of template filters per cell): what django's
    number_format gives with force_grouping, at a fraction of its cost (a load page formats some two hundred
    figures), in the separators of the language active when it is made."""
    separators = _separators(get_language())

    def number(value, decimals: int = 0) -> str:
        if value is None:
            return "—"
        rounded = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        if separators is None:
            return number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)
        decimal, thousands = separators
        text = f"{rounded if rounded else abs(rounded):,.{decimals}f}"  # no "-0" (number_format has none)
        return text.replace(",", "\x00").replace(".", decimal).replace("\x00", thousands)
    return number


def _number(value, decimals: int = 0) -> str:
    return _figures()(value, decimals)


@lru_cache(maxsize=16)
def _separators(language: str | None) -> tuple[str, str] | None:
    """The language's decimal and thousands separators where it groups by three digits (else None)."""
    if get_format("NUMBER_GROUPING", language, use_l10n=True) != 3:
        return None
    return get_format("DECIMAL_SEPARATOR", language, use_l10n=True), get_format("THOUSAND_SEPARATOR", language,
                                                                                 use_l10n=True)


def _head(row, yes_no: tuple[str, str]) -> SafeString:
    """A consultant's first four cells (name, unit, FTE, manager recruitment), escaped, in one string:
    four template variables per row with their filters cost more than the rest of the row."""
    yes, no = yes_no
    consultant = row.consultant
    unit = consultant.unit.name if consultant.unit else ""
    return mark_safe(  # noqa: S308 - every text is escaped
        f'<th scope="row">{escape(consultant.name)}</th><td>{escape(unit)}</td>'
        f'<td class="text-end">{escape(localize(consultant.fte))}</td>'
        f"<td>{escape(yes if consultant.manager_qualified else no)}</td>")


def _table_body(rows: list[list[str]]) -> SafeString:
    """A chart's data table rows, the first cell a row header, every text escaped."""
    def row(first, *rest):
        figures = "".join(f'<td class="text-end">{escape(c)}</td>' for c in rest)
        return f'<tr><th scope="row">{escape(first)}</th>{figures}</tr>'

    return mark_safe("".join(row(*cells) for cells in rows))  # noqa: S308 - every text is escaped


def _cells(row, number) -> dict:
    """The table cells of a load row (or of the totals) as display strings."""
    share = row.budget_share
    return {
        "summary": [str(row.open_total), str(row.co_open), number(row.open_hours, 1)],
        "money": [number(row.revenue), number(row.budget or None),
                  "—" if share is None else f"{number(share, 1)} %"],
        "statuses": [str(n) for n in row.open_by_status.values()],
    }


def _percent(share, number) -> str:
    return "—" if share is None else f"{number(share, 1)}\u00a0%"


def _charts(rows, year: int, number) -> list[dict]:
    """The load as bars, each with the table that says the same: revenue against budget (where the viewer
    sees the money and there is a budget) with a marker at 100 %, and open assignments per consultant."""
    budget_rows = [row for row in rows if row.show_money and row.budget]
    budget_title = _("Intäkt %(year)s i förhållande till budget per konsult") % {"year": year}
    shares = [float(row.budget_share) for row in budget_rows]
    budget = {
        "name": "budgetandel", "title": budget_title, "empty": not budget_rows,
        "legend": _("streckad linje = 100 % av budget"),
        "headers": [_("Konsult"), _("Intäkt (kr)"), _("Budget (kr)"), _("Andel av budget")],
        "rows": [[row.consultant.name, number(row.revenue), number(row.budget), _percent(row.budget_share, number)]
                 for row in budget_rows],
        "svg": hbar_svg(chart_id="budgetandel", title=budget_title,
                        bars=[Bar(row.consultant.name, float(row.budget_share), _percent(row.budget_share, number))
                              for row in budget_rows],
                        scale_max=max([100.0, *shares]), marker=100, marker_text=_("100 % av budget")),
    }
    open_title = _("Pågående uppdrag per konsult (som ansvarig)")
    open_work = {
        "name": "pagaende", "title": open_title, "empty": not rows, "legend": "",
        "headers": [_("Konsult"), _("Pågående uppdrag"), _("Som medkonsult")],
        "rows": [[row.consultant.name, str(row.open_total), str(row.co_open)] for row in rows],
        "svg": hbar_svg(chart_id="pagaende", title=open_title,
                        bars=[Bar(row.consultant.name, row.open_total, str(row.open_total)) for row in rows]),
    }
    for chart in (budget, open_work):
        chart["body"] = _table_body(chart["rows"])
    return [budget, open_work]


class LoadView(RoleRequiredMixin, TemplateView):
    allowed_roles = ALL_ROLES
    template_name = "assignments/reference/load.html"

    def get_context_data(self, **kwargs):
        form = LoadFilterForm(self.request.GET)
        form.is_valid()  # a bad field is shown with its message; the good ones still apply
        data = form.cleaned_data
        year = data.get("ar") or timezone.localdate().year
        unit = data.get("unit")
        rows = consultant_load(year=year, unit_id=unit.pk if unit else None)
        yes_no, number = tuple(_("Ja,Nej").split(",")), _figures()
        sees_all_money = has_role(self.request.user, COORDINATOR, MANAGER)
        if not sees_all_money:
            own = user_consultant(self.request.user)
            for row in rows:
                row.show_money = own is not None and row.consultant.pk == own.pk
        kwargs.update(
            form=form,
            year=year,
            unit=unit,
            units=model_rows("load.units", lambda: Unit.objects.order_by("name")),  # compiled once
            rows=rows,
            lines=[(row, _head(row, yes_no), _cells(row, number)) for row in rows],
            totals=load_totals(rows),
            sees_all_money=sees_all_money,
            statuses=[Status(s) for s in WORKING_STATUSES],
        )
        kwargs["total_cells"] = _cells(kwargs["totals"], number)
        kwargs["charts"] = _charts(rows, year, number)
        # sections that apps built on the register add (settings.LOAD_VIEW_PANELS)
        kwargs["panels"] = getattr(settings, "LOAD_VIEW_PANELS", [])
        return super().get_context_data(**kwargs)
