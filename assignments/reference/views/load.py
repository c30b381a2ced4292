"""The load view: who has how much open work, and how far each has come against budget.

Coordinators and managers allocate new work and see everything. Consultants see
the same open-work figures for everyone (allocation is done in the open), but
revenue and budget only on their own row: a personal budget is between the
consultant and their manager.
"""
from __future__ import annotations

from django.utils import timezone
from django.views.generic import TemplateView

from ...load import consultant_load, load_totals
from ...models import WORKING_STATUSES, Status, Unit
from ...roles import ALL_ROLES, COORDINATOR, MANAGER, RoleRequiredMixin, has_role, user_consultant
from ..forms import LoadFilterForm


class LoadView(RoleRequiredMixin, TemplateView):
    allowed_roles = ALL_ROLES
    template_name = "assignments/reference/load.html"

    def get_context_data(self, **kwargs):
        form = LoadFilterForm(self.request.GET)
        data = form.cleaned_data if form.is_valid() else {}
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
            totals=load_totals(rows),
            sees_all_money=sees_all_money,
            statuses=[Status(s) for s in WORKING_STATUSES],
        )
        return super().get_context_data(**kwargs)
