"""The figure cells of a load-table row in one template node.

The load view shows about twenty figures per consultant; rendering each as its
own template variable (or through format_html, whose lazy wrappers cost as
much) made the template the slowest part of the page. The strings are
formatted in the view; this wraps them, escaped, in table cells.
"""
from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


def _tds(values, bold_first: bool = False) -> str:
    return "".join(
        f'<td class="{"text-end fw-bold" if bold_first and i == 0 else "text-end"}">{escape(str(v))}</td>'
        for i, v in enumerate(values)
    )


@register.simple_tag
def load_cells(cells: dict, show_money: bool):
    """Summary, money (or an empty cell spanning its three columns) and per-status cells."""
    if show_money:
        money = _tds(cells["money"])
    else:
        money = f'<td colspan="3"><span class="visually-hidden">{escape(_("Visas inte"))}</span></td>'
    return mark_safe(_tds(cells["summary"], bold_first=True) + money + _tds(cells["statuses"]))  # every value escaped
