"""The load view: who has how much open work, and how far each has come against budget.

Coordinators and managers allocate new work and see everything. Consultants see
the same open-work figures for everyone (allocation is done in the open), but
revenue and budget only on their own row: a personal budget is between the
consultant and their manager.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.formats import number_format
from django.views.generic import TemplateView

from ...load import consultant_load, load_totals
from ...models import WORKING_STATUSES, Status, Unit
from ...roles import ALL_ROLES, COORDINATOR, MANAGER, RoleRequiredMixin, has_role, user_consultant
from ..forms import LoadFilterForm


def _number(value, decimals: int = 0) -> str:
    """Swedish number with grouping, rounded half up (the figures are formatted once, here,
    rather than through a chain of template filters per cell)."""
    if value is None:
        return "—"
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def _cells(row) -> dict:
    """The table cells of a load row (or of the totals) as display strings."""
    share = row.budget_share
    return {
        "summary": [str(row.open_total), str(row.co_open), _number(row.open_hours, 1)],
        "money": [_number(row.revenue), _number(row.budget or None),
                  "—" if share is None else f"{_number(share, 1)} %"],
        "statuses": [str(n) for n in row.open_by_status.values()],
    }


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
        sees_all_money = has_role(self.request.user, COORDINATOR, MANAGER)
        if not sees_all_money:
            own = user_consultant(self.request.user)
            for row in rows:
                row.show_money = own is not None and row.consultant.pk == own.pk
        kwargs.update(
            form=form,
            year=year,
            unit=unit,
            units=list(Unit.objects.order_by("name")),
            rows=rows,
            lines=[(row, _cells(row)) for row in rows],
            totals=load_totals(rows),
            sees_all_money=sees_all_money,
            statuses=[Status(s) for s in WORKING_STATUSES],
        )
        kwargs["total_cells"] = _cells(kwargs["totals"])
        return super().get_context_data(**kwargs)
