"""The load view's capacity panel (allocation/load_panel.html, settings.LOAD_VIEW_PANELS): the coming weeks'
capacity, booked and free hours as bars, with the same figures as a table."""
from __future__ import annotations

from django import template
from django.conf import settings

from assignments.services import today

from ..display import capacity_display

register = template.Library()


@register.inclusion_tag("allocation/load_capacity.html", takes_context=True)
def load_capacity(context) -> dict:
    """The load view's unit (its filter) decides whose capacity is shown; a fixed number of queries."""
    unit = context.get("unit")
    return {"unit": unit, **capacity_display(on=today(), weeks=settings.ALLOCATION_WEEKS,
                                             unit_id=unit.pk if unit else None, chart_id="belastning-kapacitet")}
