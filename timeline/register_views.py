"""Pages where coordinators keep the timeline's own data: the department's closed days."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from assignments.services import today
from recruitment.roles import COORDINATOR, RoleRequiredMixin

from .closed_days import closed_day_add, closed_day_history, closed_day_remove, closed_days_of
from .forms import ClosedDayForm, YearForm
from .models import ClosedDay
from .workdays import public_holiday_name, public_holidays


class ClosedDaysView(RoleRequiredMixin, TemplateView):
    """The year's closed days: add one (date, reason), remove one; the year's public holidays beside them."""

    allowed_roles = (COORDINATOR,)
    template_name = "timeline/closed_days.html"

    def _year(self) -> int:
        form = YearForm(self.request.GET or None)
        return form.cleaned_data["year"] if form.is_valid() else today().year

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self._year()
        holidays = sorted((day, public_holiday_name(day)) for day in public_holidays(year) if day.weekday() < 5)
        context.update(year=year, previous_year=year - 1, next_year=year + 1, days=closed_days_of(year),
                       holidays=holidays, history=closed_day_history(year),
                       form=form or ClosedDayForm(initial={"date": None}))
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "remove":
            day = get_object_or_404(ClosedDay, pk=request.POST.get("pk") or 0)
            closed_day_remove(closed_day=day, by=request.user)
            messages.success(request, _("%(date)s är inte längre en stängd dag.") % {"date": day.date.isoformat()})
            return redirect(f"{reverse('timeline:closed_days')}?year={day.date.year}")
        form = ClosedDayForm(request.POST)
        if form.is_valid():
            try:
                day = closed_day_add(date=form.cleaned_data["date"], name=form.cleaned_data["name"], by=request.user)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    for message in errors:
                        form.add_error(field, message)
            else:
                messages.success(request, _("%(date)s är tillagd som stängd dag.") % {"date": day.date.isoformat()})
                return redirect(f"{reverse('timeline:closed_days')}?year={day.date.year}")
        return self.render_to_response(self.get_context_data(form=form), status=400)
